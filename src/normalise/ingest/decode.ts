// Decodes a story's raw bytes to text: BOM, UTF-32, UTF-16, UTF-8, else line by line (UTF-8 or the detected single-byte encoding); binary input is an error.
import iconv from 'iconv-lite';
import chardet from 'chardet';
import { QuireError } from '../../common/diagnostics.js';
import { charsetNamed, decodeAs } from './charsets.js';

export interface Decoded {
  text: string;
  /** Encoding name as reported in front matter, e.g. `utf-8`, `utf-16le`, `windows-1252`. */
  encoding: string;
  /** The byte order mark that was stripped, if any. */
  bom?: string;
  /** Lines (1-based) in another encoding than the story's, e.g. one UTF-8 line in a Windows-1252 file. */
  lines?: Array<{ line: number; encoding: string }>;
}

const MAGIC: Array<[number[], string]> = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (EPUB, DOCX, …)'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'a Word/OLE document'],
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/** UTF-16 without a BOM: most even (BE) or odd (LE) bytes are zero in Latin-script text. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** UTF-32 without a BOM: in most 4-byte units the three high bytes are zero (LE: the last three; BE: the first three). */
function sniffUtf32(bytes: Uint8Array): 'utf-32le' | 'utf-32be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~3;
  if (n < 8 || bytes.length % 4 !== 0) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 4) {
    if (bytes[i + 2] === 0 && bytes[i + 3] === 0 && bytes[i] !== 0) le++;
    if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 3] !== 0) be++;
  }
  const units = n / 4;
  if (le > units * 0.9) return 'utf-32le';
  if (be > units * 0.9) return 'utf-32be';
  return undefined;
}

function decodeUtf32(bytes: Uint8Array, encoding: 'utf-32le' | 'utf-32be', offset: number, file: string): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, bytes.length - offset);
  if (view.byteLength % 4 !== 0) throw new QuireError(`cannot decode: ${encoding.toUpperCase()} text with a number of bytes that is not a multiple of 4 (truncated or not text)`, { file });
  const parts: string[] = [];
  for (let at = 0; at < view.byteLength; at += 4 * 4096) {
    const units: number[] = [];
    for (let i = at; i < Math.min(view.byteLength, at + 4 * 4096); i += 4) {
      const cp = view.getUint32(i, encoding === 'utf-32le');
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new QuireError(`cannot decode: invalid ${encoding.toUpperCase()} (U+${cp.toString(16).toUpperCase()} is no character)`, { file });
      units.push(cp);
    }
    parts.push(String.fromCodePoint(...units));
  }
  return parts.join('');
}

/** Bytes that never occur in text in any single-byte encoding: NUL and most C0 controls. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a && b !== 0x1b) bad++;
  }
  return bad > Math.max(2, n * 0.01);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', offset: number, file: string): string {
  if ((bytes.length - offset) % 2 !== 0) throw new QuireError(`cannot decode: ${encoding.toUpperCase()} text with an odd number of bytes (truncated or not text)`, { file });
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + offset, bytes.length - offset), encoding);
  // Unpaired surrogates or many NULs mean this was not UTF-16 text after all.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) throw new QuireError(`cannot decode: invalid ${encoding.toUpperCase()} (unpaired surrogates)`, { file });
  return text;
}

/**
 * Decode raw story bytes. Order: BOM (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE); UTF-32, then UTF-16, without BOM; strict UTF-8; else line by
 * line, UTF-8 where a line is UTF-8 and the detected single-byte encoding elsewhere.
 * Throws a QuireError naming the file for binary input.
 */
export function decodeBytes(bytes: Uint8Array, file: string): Decoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    try {
      return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8', bom: 'UTF-8' };
    } catch {
      throw new QuireError('cannot decode: the file starts with a UTF-8 byte order mark but is not valid UTF-8', { file });
    }
  }
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return { text: decodeUtf32(bytes, 'utf-32le', 4, file), encoding: 'utf-32le', bom: 'UTF-32LE' };
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return { text: decodeUtf32(bytes, 'utf-32be', 4, file), encoding: 'utf-32be', bom: 'UTF-32BE' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decodeUtf16(bytes, 'utf-16le', 2, file), encoding: 'utf-16le', bom: 'UTF-16LE' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decodeUtf16(bytes, 'utf-16be', 2, file), encoding: 'utf-16be', bom: 'UTF-16BE' };
  for (const [magic, what] of MAGIC) {
    if (startsWith(bytes, magic)) throw new QuireError(`not a text file: this looks like ${what}; quire reads plain-text stories`, { file });
  }
  const utf32 = sniffUtf32(bytes);
  if (utf32) return { text: decodeUtf32(bytes, utf32, 0, file), encoding: utf32 };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: decodeUtf16(bytes, utf16, 0, file), encoding: utf16 };
  if (looksBinary(bytes)) throw new QuireError('not a text file: it contains NUL or other control bytes that no text encoding uses (binary data?)', { file });
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8 as a whole: decoded line by line below
  }
  return decodeLines(bytes);
}

/** The byte ranges of the lines: a line ends at LF, CRLF or a lone CR (as the line-endings step counts them). */
function lineRanges(bytes: Uint8Array): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      ranges.push([start, i + 1]);
      start = i + 1;
    }
  }
  ranges.push([start, bytes.length]);
  return ranges;
}

/**
 * The single-byte encoding of some bytes: chardet's guess through iconv-lite; Latin-1 and ASCII guesses are read
 * as Windows-1252, its superset, and so is a sample of fewer than 16 non-ASCII bytes, too few for a guess (one
 * Windows-1252 line reads as KOI8-R as readily as anything).
 */
function singleByteEncoding(bytes: Uint8Array): string {
  let high = 0;
  for (const b of bytes) if (b >= 0x80) high++;
  if (high < 16) return 'windows-1252';
  const guess = (chardet.detect(bytes) ?? '').toLowerCase();
  if (guess && !/^(iso-8859-1|windows-1252|ascii|utf-8|utf-16|utf-32)/.test(guess) && iconv.encodingExists(guess)) return guess;
  return 'windows-1252';
}

/**
 * Text that is not UTF-8 as a whole, line by line: a line that is valid UTF-8 is read as UTF-8 (a UTF-8 line
 * pasted into a Windows-1252 file, or the other way round), every other line in the single-byte encoding
 * detected from those lines. Windows-1252 is read "sloppily": its five undefined bytes become the C1 controls
 * of the same number (removed and reported later), never a reason to read the whole file as Latin-1. The
 * story's encoding is that of most non-ASCII lines; the lines in the other one are listed.
 */
function decodeLines(bytes: Uint8Array): Decoded {
  const ranges = lineRanges(bytes);
  // Each line as UTF-8 (ASCII lines too), or undefined when it is not UTF-8.
  const asUtf8 = ranges.map(([a, b]): string | undefined => {
    try {
      return utf8.decode(bytes.subarray(a, b));
    } catch {
      return undefined;
    }
  });
  const kinds = ranges.map(([a, b], i): 'ascii' | 'utf-8' | 'single' => (asUtf8[i] === undefined ? 'single' : bytes.subarray(a, b).some((x) => x >= 0x80) ? 'utf-8' : 'ascii'));
  const single = Buffer.concat(ranges.filter((_, i) => kinds[i] === 'single').map(([a, b]) => bytes.subarray(a, b)));
  const encoding = singleByteEncoding(single);
  const cs = encoding === 'windows-1252' ? charsetNamed('windows-1252')! : undefined;
  let text = '';
  for (let i = 0; i < ranges.length; i++) {
    const [a, b] = ranges[i]!;
    const line = Buffer.from(bytes.buffer, bytes.byteOffset + a, b - a);
    text += asUtf8[i] ?? (cs ? decodeAs(line.toString('latin1'), cs) : iconv.decode(line, encoding));
  }
  const utf8Lines = kinds.filter((k) => k === 'utf-8').length;
  const singleLines = kinds.filter((k) => k === 'single').length;
  const storyKind = utf8Lines > singleLines ? 'utf-8' : 'single';
  const lines = kinds.flatMap((k, i) => (k !== 'ascii' && k !== storyKind ? [{ line: i + 1, encoding: k === 'utf-8' ? 'utf-8' : encoding }] : []));
  return { text, encoding: storyKind === 'utf-8' ? 'utf-8' : encoding, ...(lines.length > 0 && { lines }) };
}
