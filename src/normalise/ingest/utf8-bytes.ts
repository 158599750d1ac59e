// UTF-8 at the byte level for mojibake repair: bytes in Buffers, as "binary strings" (one char per byte) where regexes read them.

/**
 * Decode UTF-8 bytes, or undefined when they are not UTF-8. Accepts the two variants mojibake meets:
 * CESU-8 (an astral character written as two 3-byte surrogates, as Java and old MySQL do) and `C0 80` for U+0000.
 */
export function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return STRICT.decode(bytes);
  } catch {
    // not strict UTF-8: perhaps one of the variants
  }
  return bytes.includes(0xed) || bytes.includes(0xc0) ? decodeVariants(bytes.toString('latin1')) : undefined;
}

const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 with CESU-8 surrogate pairs and `C0 80`, decoded by hand. */
function decodeVariants(bytes: string): string | undefined {
  let out = '';
  let start = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes.charCodeAt(i);
    if (b < 0x80) {
      i++;
      continue;
    }
    out += bytes.slice(start, i);
    let code: number;
    let len: number;
    if (b >= 0xc2 && b <= 0xdf) {
      len = 2;
      const b1 = cont(bytes, i + 1);
      if (b1 < 0) return undefined;
      code = ((b & 0x1f) << 6) | b1;
    } else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      const b1 = cont(bytes, i + 1);
      const b2 = cont(bytes, i + 2);
      if (b1 < 0 || b2 < 0) return undefined;
      code = ((b & 0x0f) << 12) | (b1 << 6) | b2;
      if (code < 0x800) return undefined;
      if (code >= 0xd800 && code <= 0xdfff) {
        // CESU-8: a high surrogate must be followed by a low one, both as 3-byte sequences.
        if (code > 0xdbff || bytes.charCodeAt(i + 3) !== 0xed) return undefined;
        const c1 = cont(bytes, i + 4);
        const c2 = cont(bytes, i + 5);
        if (c1 < 0 || c2 < 0) return undefined;
        const low = 0xd000 | (c1 << 6) | c2;
        if (low < 0xdc00 || low > 0xdfff) return undefined;
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        len = 6;
      }
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      const b1 = cont(bytes, i + 1);
      const b2 = cont(bytes, i + 2);
      const b3 = cont(bytes, i + 3);
      if (b1 < 0 || b2 < 0 || b3 < 0) return undefined;
      code = ((b & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3;
      if (code < 0x10000 || code > 0x10ffff) return undefined;
    } else if (b === 0xc0 && bytes.charCodeAt(i + 1) === 0x80) {
      len = 2;
      code = 0;
    } else {
      return undefined;
    }
    out += String.fromCodePoint(code);
    i += len;
    start = i;
  }
  return start === 0 ? bytes : out + bytes.slice(start);
}

/** The payload of a continuation byte at `i` (0–63), or -1. */
function cont(bytes: string, i: number): number {
  const b = bytes.charCodeAt(i);
  return b >= 0x80 && b <= 0xbf ? b & 0x3f : -1;
}

/**
 * `Ã ` + word: `à` (C3 A0) whose no-break space became a space and merged with the space after it; but
 * Portuguese `às` and `àquele/àquela/àquilo` are one word, so there the space is the A0 itself.
 */
const A_GRAVE_WORD = /\xc3 (?! |s |quel[ae]|quilo)/g;
/**
 * A space where a UTF-8 sequence needs its 0xA0 continuation byte, for lead bytes whose character with A0
 * is a likely one: C2 A0 no-break space, C3 A0 `à`, C5 A0 `Š`, CE A0 `Π`, D0 A0 `Р`, D9 A0 `٠`; three-byte
 * sequences led by E0–E3 (E1 A0 and E0 A0 only in the last place: Mongolian and Samaritan are unlikely); F0.
 */
const SPACE_FOR_A0 = /[\xc2\xc3\xc5\xce\xd0\xd9] |[\xe2\xe3] [\x80-\x84\x86-\x9f\xa1-\xbf]|[\xe0-\xe3][\x80-\x84\x86-\x9f\xa1-\xbf] |\xf0(?: [\x80-\xbf]{2}|[\x80-\xbf] [\x80-\xbf]|[\x80-\xbf]{2} )/g;

/** Put back the 0xA0 bytes that were turned into spaces inside UTF-8 sequences (the same bytes when there are none). */
export function restoreA0(bytes: Buffer): Buffer {
  if (!maybeA0(bytes)) return bytes;
  const s = bytes.toString('latin1');
  const out = s.replace(A_GRAVE_WORD, '\xc3\xa0 ').replace(SPACE_FOR_A0, (m) => m.replace(/ /g, '\xa0'));
  return out === s ? bytes : Buffer.from(out, 'latin1');
}

/** A space inside a UTF-8 sequence (after its lead byte and fewer continuation bytes than it needs): where a space may stand for 0xA0. */
function maybeA0(bytes: Buffer): boolean {
  for (let i = bytes.indexOf(0x20); i >= 0; i = bytes.indexOf(0x20, i + 1)) {
    let k = i - 1;
    while (k >= 0 && k > i - 4 && bytes[k]! >= 0x80 && bytes[k]! <= 0xbf) k--;
    const lead = bytes[k] ?? 0;
    const needs = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc2 ? 1 : 0;
    if (lead <= 0xf0 && i - k - 1 < needs) return true;
  }
  return false;
}

const LOST = 0x1a;

/** A `?` right after a lead or continuation byte: where it may stand for a lost byte. */
function questionInSequence(bytes: Buffer): boolean {
  for (let i = bytes.indexOf(QUESTION); i >= 0; i = bytes.indexOf(QUESTION, i + 1)) if (i > 0 && bytes[i - 1]! >= 0x80) return true;
  return false;
}

/**
 * The bytes a sequence with lost bytes becomes: U+FFFD, except `E2 80` + one lost byte, which in text is
 * nearly always `”` (E2 80 9D: 0x9D is undefined in Windows-1252, so `”` misread becomes `â€` + U+FFFD), or a
 * zero-width joiner (E2 80 8D) when an emoji follows, as inside emoji sequences.
 */
function lostCharacter(bytes: string, i: number, need: number): string {
  if (need === 2 && bytes.charCodeAt(i) === 0xe2 && bytes.charCodeAt(i + 1) === 0x80 && bytes.charCodeAt(i + 2) === LOST) {
    return bytes.charCodeAt(i + 3) === 0xf0 ? '\xe2\x80\x8d' : '\xe2\x80\x9d';
  }
  return '\xef\xbf\xbd';
}
const QUESTION = 0x3f;

/**
 * A UTF-8 sequence some of whose continuation bytes were lost (0x1A: the charset's reading of U+FFFD; or at
 * most one `?`, what many programs write instead) becomes the bytes of U+FFFD, so the rest of the text can
 * still be decoded; a lone 0x1A becomes U+FFFD too.
 */
export function replaceLostBytes(buffer: Buffer): Buffer {
  if (!buffer.includes(LOST) && !questionInSequence(buffer)) return buffer;
  const bytes = buffer.toString('latin1');
  let out = '';
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    if (b === LOST) {
      out += `${bytes.slice(start, i)}\xef\xbf\xbd`;
      start = i + 1;
      continue;
    }
    let need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0) continue;
    // A CESU-8 surrogate pair (ED A0–AF xx ED B0–BF xx) is one character: lost bytes in either half lose it whole.
    const pair = b === 0xed && bytes.charCodeAt(i + 3) === 0xed && !(bytes.charCodeAt(i + 1) >= 0x80 && bytes.charCodeAt(i + 1) < 0xa0);
    if (pair) need = 5;
    let lost = 0;
    let questions = 0;
    let ok = true;
    for (let k = 1; k <= need; k++) {
      if (pair && k === 3) continue;
      const c = bytes.charCodeAt(i + k);
      if (c === LOST) lost++;
      else if (c === QUESTION) questions++;
      else if (!(c >= 0x80 && c <= 0xbf)) ok = false;
    }
    // A `?` after a two-byte lead is accepted only for C2/C3 (the Latin-1 range), where it is common.
    if (!ok || questions > 1 || lost + questions === 0 || (need === 1 && questions === 1 && b > 0xc3)) continue;
    out += `${bytes.slice(start, i)}${lostCharacter(bytes, i, need)}`;
    i += need;
    start = i + 1;
  }
  return start === 0 ? buffer : Buffer.from(out + bytes.slice(start), 'latin1');
}
