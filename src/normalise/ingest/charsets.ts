// The single-byte encodings UTF-8 text is commonly misread through, as byte ↔ character tables ("sloppy" where a byte is undefined).
import iconv from 'iconv-lite';

export interface Charset {
  /** Name used in reports, e.g. `windows-1252`. */
  name: string;
  /** Byte → character (undefined bytes decode to the character with the byte's own code, as browsers do). */
  decode: string[];
  /** Character code (BMP) → byte, for the characters this charset's bytes 0x80–0xFF decode to; -1 for the others. */
  encode: Int16Array;
  /** Encodes U+FFFD as 0x1A (SUBSTITUTE): a character lost to a lossy decoder, repaired as a whole U+FFFD. */
  lossy: boolean;
  /** A plain space may stand for byte 0xA0 (a no-break space that some program turned into a space). */
  spaceForA0: boolean;
}

function charset(name: string, iconvName: string, options: { sloppy: boolean; spaceForA0?: boolean; fix?: Record<number, string> }): Charset {
  const high = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, i) => i + 0x80)), iconvName);
  const decode: string[] = [];
  const encode = new Int16Array(0x10000).fill(-1);
  for (let b = 0; b < 256; b++) {
    let c = b < 0x80 ? String.fromCharCode(b) : high[b - 0x80]!;
    if (options.fix?.[b] !== undefined) c = options.fix[b]!;
    if (c === '\uFFFD') c = String.fromCharCode(b);
    decode.push(c);
    if (b >= 0x80) encode[c.charCodeAt(0)] = b;
  }
  return { name, decode, encode, lossy: options.sloppy, spaceForA0: options.spaceForA0 ?? true };
}

/**
 * The encodings mojibake is undone through, in the order they are tried: Latin-1 first (it can stand for
 * any byte), then the Windows code pages (sloppy: their undefined bytes pass through), ISO-8859-2, MacRoman
 * and the DOS code page 437. MacRoman turns 0xA0 into `†`, so a space never stands for 0xA0 there.
 */
export const CHARSETS: readonly Charset[] = [
  charset('iso-8859-1', 'latin1', { sloppy: false }),
  charset('windows-1252', 'windows-1252', { sloppy: true }),
  charset('windows-1251', 'windows-1251', { sloppy: true }),
  charset('windows-1250', 'windows-1250', { sloppy: true }),
  charset('windows-1253', 'windows-1253', { sloppy: true }),
  charset('windows-1254', 'windows-1254', { sloppy: true }),
  charset('windows-1257', 'windows-1257', { sloppy: true }),
  charset('iso-8859-2', 'iso-8859-2', { sloppy: false }),
  charset('macintosh', 'macintosh', { sloppy: false, spaceForA0: false, fix: { 0xf0: '\uF8FF' } }),
  charset('cp437', 'cp437', { sloppy: false }),
];

/**
 * The text as the bytes it was decoded from in `cs`, or undefined when some character is not one of that
 * charset's. A literal U+001A makes the lossy reading ambiguous: refused.
 */
export function encodeAs(text: string, cs: Charset): Buffer | undefined {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x1a && cs.lossy) return undefined;
      out[i] = c;
      continue;
    }
    const b = cs.encode[c]!;
    if (b >= 0) out[i] = b;
    else if (c === 0xfffd && cs.lossy) out[i] = 0x1a;
    else return undefined;
  }
  return out;
}

/** Bytes (a binary string) read through a charset. */
export function decodeAs(bytes: string, cs: Charset): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += cs.decode[bytes.charCodeAt(i)]!;
  return out;
}

/** The charset of this name. */
export function charsetNamed(name: string): Charset | undefined {
  return CHARSETS.find((cs) => cs.name === name);
}
