// Reads the text a PDF page's content stream draws: each text object (BT…ET) as the strings it shows, decoded through the fonts' ToUnicode maps, with where each begins and ends on the page (the CTM and text matrix followed).
import { array, dictionary, DELIMITER, hexEnd, hexItem, literalEnd, literalItem, NUMERIC, parseNumber, scratch, SPACE } from './content-tokens.js';

/** A font as the content stream uses it: glyph id (Identity-H, two bytes a code) → its text and advance (1/1000 em). */
export interface ContentFont {
  unicode: ArrayLike<number[] | undefined>;
  widths: ArrayLike<number | undefined>;
}

/**
 * What one text positioning shows: the strings shown (Tj, TJ, ', ") after a Tm, Td, TD or T* until the next one,
 * as one text, with its baseline's start and end in page space (points, y up).
 */
export interface Shown {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type Matrix = [number, number, number, number, number, number];

/** a × b (PDF matrices: [a b c d e f] as a row-vector transform). */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
}

/** An operator's name (up to three bytes, as all of PDF's are) as one number; longer words are no operator. */
function opCode(bytes: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  return n === 1 ? bytes[from]! : n === 2 ? bytes[from]! | (bytes[from + 1]! << 8) : n === 3 ? bytes[from]! | (bytes[from + 1]! << 8) | (bytes[from + 2]! << 16) : -1;
}
const code = (op: string): number => opCode([...op].map((c) => c.charCodeAt(0)), 0, op.length);
const [q, Q, cm, BT, ET, Tf, Tc, Tw, Tz, TL, Tm, Td, TD, Tstar, Tj, TJ, quote, dquote, BMC, BDC, EMC] = ['q', 'Q', 'cm', 'BT', 'ET', 'Tf', 'Tc', 'Tw', 'Tz', 'TL', 'Tm', 'Td', 'TD', 'T*', 'Tj', 'TJ', "'", '"', 'BMC', 'BDC', 'EMC'].map(code);

/** A font as read: its glyphs' texts, made on first use. */
interface FontReader {
  font: ContentFont | undefined;
  texts: Array<string | undefined>;
  /** By glyph id: its text's one UTF-16 code unit + 1; 0 not read yet; -1 a text of another length (in `texts`). */
  single: Int32Array;
  /** By glyph id: its advance (1/1000 em; 0 when the font has none). */
  widths: Float64Array;
}

/** Two-byte codes: the glyph ids a font can have. */
const GLYPH_IDS = 0x10000;

function fontReader(font: ContentFont | undefined): FontReader {
  const widths = new Float64Array(GLYPH_IDS);
  if (font) for (let g = 0; g < Math.min(font.widths.length, GLYPH_IDS); g++) widths[g] = font.widths[g] ?? 0;
  return { font, texts: [], single: new Int32Array(GLYPH_IDS), widths };
}

/** A glyph's text in `r`, read on first use (U+FFFD when the font has no ToUnicode entry for it). */
function glyphText(r: FontReader, gid: number): string {
  let t = r.texts[gid];
  if (t === undefined) {
    const cps = r.font?.unicode[gid];
    t = r.texts[gid] = cps && cps.length > 0 ? String.fromCodePoint(...cps) : '\ufffd';
    r.single[gid] = t.length === 1 ? t.charCodeAt(0) + 1 : -1;
  }
  return t;
}

/** The UTF-16 code units of the show being read (reused). */
let units = new Uint16Array(1024);

/** The first `n` code units of `units` as a string. */
function unitsText(n: number): string {
  let text = '';
  for (let at = 0; at < n; at += 4096) text += String.fromCharCode.apply(null, units.subarray(at, Math.min(n, at + 4096)) as unknown as number[]);
  return text;
}

/** Fonts as read, by name (contentTextObjects). */
export type FontReaders = Map<string, FontReader>;

/**
 * The text objects of one page's (inflated) content stream, in order, each the list of strings it shows. A code of
 * a font not in `fonts`, or a glyph with no ToUnicode entry, reads as U+FFFD: text that cannot be read is not the
 * text that was meant. (Inline images, which quire's pages never hold, are not stepped over.) `readers`: what was decoded
 * so far, by font name, to share between the pages of one document.
 */
export function contentTextObjects(content: Uint8Array, fonts: ReadonlyMap<string, ContentFont>, readers: FontReaders = new Map()): Shown[][] {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const n = bytes.length;
  const objects: Shown[][] = [];
  // Operands of the operator to come: numbers in order, and the last name, string, array and dictionary.
  const nums: number[] = [];
  let name: string | undefined;
  let strFrom = -1;
  let items = -1;
  let actualText: string | undefined;
  const saved: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  let reader: FontReader | undefined;
  let size = 0;
  let tc = 0;
  let th = 1;
  let leading = 0;
  let current: Shown[] | undefined;
  /**
   * Open marked-content sequences: those with an ActualText replace what they show by it (in show `at`, from
   * `offset`; or, opened outside a text object, the text objects from `object` on: a run pdfkit drew, made one show).
   */
  const marked: Array<{ text: string; at: number; offset: number; object?: number } | undefined> = [];
  /** The next string shown continues the last show (no positioning since). */
  let continues = false;

  const num = (k: number): number => nums[nums.length - k] ?? 0;
  /** Strings shown before any Tf: no font, read as U+FFFD. */
  const unknownFont = (): FontReader => {
    let r = readers.get('');
    if (!r) readers.set('', (r = fontReader(undefined)));
    return r;
  };
  const nextLine = (tx: number, ty: number): void => {
    tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
    tm = [...tlm];
    continues = false;
  };
  /** Show the item list's strings (or the one string operand): their text read, the text matrix moved. */
  const show = (array: boolean): void => {
    const x0 = tm[4] * ctm[0] + tm[5] * ctm[2] + ctm[4];
    const y0 = tm[4] * ctm[1] + tm[5] * ctm[3] + ctm[5];
    const r = (reader ??= unknownFont());
    const { single, widths } = r;
    let n = 0;
    let advance = 0;
    const count = array ? items : 1;
    for (let k = 0; k < count; k++) {
      const from = array ? scratch.itemStart[k]! : strFrom;
      if (from < 0) {
        advance -= (scratch.itemNumber[k]! / 1000) * size * th;
        continue;
      }
      // An array's strings are read already (into scratch.items); the one string of Tj, ' and " is read now.
      if (!array) (bytes[from] === 0x28 ? literalItem : hexItem)(bytes, from, 0);
      const start = array ? from : 0;
      const to = array ? scratch.itemEnd[k]! : scratch.itemsEnd;
      const glyphBytes = scratch.items;
      const length = to - start;
      let width = 0;
      for (let g = start; g + 1 < to; g += 2) {
        const gid = (glyphBytes[g]! << 8) | glyphBytes[g + 1]!;
        let unit = single[gid]!;
        if (unit === 0) {
          glyphText(r, gid);
          unit = single[gid]!;
        }
        if (unit > 0 && n < units.length) units[n++] = unit - 1;
        else {
          const t = glyphText(r, gid);
          if (n + t.length > units.length) {
            const more = new Uint16Array(units.length * 2 + t.length);
            more.set(units);
            units = more;
          }
          for (let u = 0; u < t.length; u++) units[n++] = t.charCodeAt(u);
        }
        width += widths[gid]!;
      }
      advance += ((width / 1000) * size + (length >> 1) * tc) * th;
    }
    const text = unitsText(n);
    tm[4] += advance * tm[0];
    tm[5] += advance * tm[1];
    const x1 = tm[4] * ctm[0] + tm[5] * ctm[2] + ctm[4];
    const y1 = tm[4] * ctm[1] + tm[5] * ctm[3] + ctm[5];
    const shows = (current ??= []);
    const last = shows[shows.length - 1];
    if (continues && last) {
      last.text += text;
      last.x1 = x1;
      last.y1 = y1;
    } else shows.push({ text, x0, y0, x1, y1 });
    continues = true;
  };

  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (SPACE[c]) i++;
    else if (c === 0x25 /* % */) while (i < n && bytes[i] !== 10 && bytes[i] !== 13) i++;
    else if (c === 0x28 /* ( */) {
      strFrom = i;
      i = literalEnd(bytes, i);

    } else if (c === 0x3c /* < */ && bytes[i + 1] === 0x3c) [actualText, i] = dictionary(bytes, i);
    else if (c === 0x3c) {
      strFrom = i;
      i = hexEnd(bytes, i);

    } else if (c === 0x5b /* [ */) [items, i] = array(bytes, i);
    else if (c === 0x2f /* / */) {
      let j = i + 1;
      while (j < n && !SPACE[bytes[j]!] && !DELIMITER[bytes[j]!]) j++;
      name = bytes.toString('latin1', i + 1, j);
      i = j;
    } else if (NUMERIC[c]) {
      nums.push(parseNumber(bytes, i));
      i = scratch.numberEnd;
    } else {
      // An operator (or a stray delimiter: `]`, `>`, `{`, `}`).
      let j = i;
      while (j < n && !SPACE[bytes[j]!] && !DELIMITER[bytes[j]!]) j++;
      if (j === i) j++;
      const op = opCode(bytes, i, j);
      i = j;
      switch (op) {
        case q:
          saved.push(ctm);
          break;
        case Q:
          ctm = saved.pop() ?? [1, 0, 0, 1, 0, 0];
          break;
        case cm:
          ctm = multiply([num(6), num(5), num(4), num(3), num(2), num(1)], ctm);
          break;
        case BT:
          tm = [1, 0, 0, 1, 0, 0];
          tlm = [1, 0, 0, 1, 0, 0];
          current = [];
          continues = false;
          break;
        case ET:
          if (current) objects.push(current);
          current = undefined;
          break;
        case Tf: {
          const key = name ?? '';
          reader = readers.get(key);
          if (!reader) readers.set(key, (reader = fontReader(fonts.get(key))));
          size = num(1);
          break;
        }
        case Tc:
          tc = num(1);
          break;
        case Tw:
          // Word spacing applies to the one-byte code 32 only, never to a two-byte (Identity-H) font's codes.
          break;
        case Tz:
          th = num(1) / 100;
          break;
        case TL:
          leading = num(1);
          break;
        case Tm:
          tlm = [num(6), num(5), num(4), num(3), num(2), num(1)];
          tm = [...tlm];
          continues = false;
          break;
        case Td:
          nextLine(num(2), num(1));
          break;
        case TD:
          leading = -num(1);
          nextLine(num(2), num(1));
          break;
        case Tstar:
          nextLine(0, -leading);
          break;
        case Tj:
        case quote:
        case dquote:
          if (op === dquote) tc = num(1);
          if (op !== Tj) nextLine(0, -leading);
          if (strFrom >= 0) show(false);
          break;
        case TJ:
          if (items >= 0) show(true);
          break;
        case BMC:
          marked.push(undefined);
          break;
        case BDC: {
          const last = current?.[current.length - 1];
          if (actualText !== undefined && !current) marked.push({ text: actualText, at: 0, offset: 0, object: objects.length });
          else marked.push(actualText !== undefined && current ? (continues && last ? { text: actualText, at: current.length - 1, offset: last.text.length } : { text: actualText, at: current.length, offset: 0 }) : undefined);
          break;
        }
        case EMC: {
          const m = marked.pop();
          if (m?.object !== undefined) {
            const shows = objects.splice(m.object).flat();
            if (shows.length > 0) objects.push([{ ...shows[0]!, text: m.text, x1: shows[shows.length - 1]!.x1, y1: shows[shows.length - 1]!.y1 }]);
            break;
          }
          const target = m && current?.[m.at];
          if (m && target) {
            const after = current!.splice(m.at + 1);
            target.text = target.text.slice(0, m.offset) + m.text;
            if (after.length > 0) {
              target.x1 = after[after.length - 1]!.x1;
              target.y1 = after[after.length - 1]!.y1;
            }
          }
          break;
        }
        default:
          break;
      }
      nums.length = 0;
      name = actualText = undefined;
      strFrom = items = -1;
    }
  }
  return objects;
}
