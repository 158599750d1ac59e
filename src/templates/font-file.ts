// A theme's font file checked before any renderer opens it: a regular file of at most 32 MB whose header and table directory are those of a TrueType or OpenType font (WOFF2 and font collections are refused by name: pdfkit cannot embed them).
import { checkInputSync, inputError, readInputSync, type InputSpec } from '../common/input-file.js';

/** Tables every font that quire can measure and embed has. */
const REQUIRED = ['cmap', 'head', 'hhea', 'hmtx', 'maxp'];
/** More tables than any font has. */
const MAX_TABLES = 1024;

/** Throws a QuireError at the theme key that named `file` when it is not a TrueType or OpenType font. */
export function checkFontFile(file: string, spec: InputSpec): void {
  const { size } = checkInputSync(file, spec);
  const head = readInputSync(file, spec, 12 + 16 * MAX_TABLES);
  const tag = head.subarray(0, 4).toString('latin1');
  if (tag === 'wOF2' || tag === 'wOFF') throw inputError(spec, `is a ${tag === 'wOF2' ? 'WOFF2' : 'WOFF'} web font; give the TrueType (.ttf) or OpenType (.otf) file of the face`);
  if (tag === 'ttcf') throw inputError(spec, 'is a font collection (.ttc); give the .ttf or .otf file of one face');
  if (tag !== '\0\x01\0\0' && tag !== 'OTTO' && tag !== 'true') throw inputError(spec, 'is not a font file; give a TrueType (.ttf) or OpenType (.otf) font');
  const tables = head.length >= 12 ? head.readUInt16BE(4) : 0;
  if (tables === 0 || head.length < 12 + 16 * Math.min(tables, MAX_TABLES)) throw inputError(spec, 'is a damaged font file (its table directory is cut short); give a TrueType (.ttf) or OpenType (.otf) font');
  const found = new Set<string>();
  for (let i = 0; i < Math.min(tables, MAX_TABLES); i++) {
    const at = 12 + 16 * i;
    const offset = head.readUInt32BE(at + 8);
    const length = head.readUInt32BE(at + 12);
    if (offset + length > size) throw inputError(spec, 'is a damaged font file (a table lies past its end); give a TrueType (.ttf) or OpenType (.otf) font');
    found.add(head.subarray(at, at + 4).toString('latin1'));
  }
  const lacking = REQUIRED.filter((t) => !found.has(t));
  if (lacking.length > 0) throw inputError(spec, `is a damaged font file (it has no ${lacking.join(', ')} table); give a TrueType (.ttf) or OpenType (.otf) font`);
}
