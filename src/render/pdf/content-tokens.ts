// The pieces of PDF content-stream syntax the text reader needs (content-text.ts): numbers, strings, TJ arrays and ActualText dictionaries, read from bytes with no copies but into reused scratch space.

export const SPACE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) SPACE[c] = 1;
export const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
/** Bytes that start a number: + - . 0–9. */
export const NUMERIC = new Uint8Array(256);
for (const c of '+-.0123456789') NUMERIC[c.charCodeAt(0)] = 1;

/** Growable scratch space: strings' bytes as read; a TJ array's items (a number's start is -1). */
export const scratch = {
  itemStart: new Int32Array(64),
  itemEnd: new Int32Array(64),
  itemNumber: new Float64Array(64),
  /** Strings as read (literalItem, hexItem): a TJ array's, back to back (itemStart and itemEnd index them), or one string's. */
  items: new Uint8Array(4096) as Uint8Array<ArrayBuffer>,
  /** Where the string read into `items` last ends. */
  itemsEnd: 0,
  /** Where the number parsed last ends. */
  numberEnd: 0,
};

/** The number written from `at` (sign, digits, a point, digits); its end in `scratch.numberEnd`. */
export function parseNumber(bytes: Uint8Array, at: number): number {
  let j = at;
  const negative = bytes[j] === 0x2d;
  if (negative || bytes[j] === 0x2b) j++;
  let whole = 0;
  while (bytes[j]! >= 0x30 && bytes[j]! <= 0x39) whole = whole * 10 + bytes[j++]! - 0x30;
  let fraction = 0;
  let scale = 1;
  if (bytes[j] === 0x2e) {
    j++;
    while (bytes[j]! >= 0x30 && bytes[j]! <= 0x39) {
      fraction = fraction * 10 + bytes[j++]! - 0x30;
      scale *= 10;
    }
  }
  scratch.numberEnd = Math.max(j, at + 1);
  const value = whole + fraction / scale;
  return Number.isFinite(value) ? (negative ? -value : value) : 0;
}

/** The index after the literal string `( … )` that starts at `at` (escapes stepped over, balanced parentheses kept). */
export function literalEnd(bytes: Uint8Array, at: number): number {
  let depth = 1;
  let j = at + 1;
  while (j < bytes.length) {
    const c = bytes[j++]!;
    if (c === 0x5c) j++;
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return j;
  }
  return bytes.length;
}

/** The index after the hex string `< … >` that starts at `at`. */
export function hexEnd(bytes: Uint8Array, at: number): number {
  const end = bytes.indexOf(0x3e, at + 1);
  return end < 0 ? bytes.length : end + 1;
}

const ESCAPES: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };

function hexValue(c: number): number {
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
}

/** scratch.items, twice as long. */
function growItems(): Uint8Array<ArrayBuffer> {
  const bigger = new Uint8Array(scratch.items.length * 2);
  bigger.set(scratch.items);
  return (scratch.items = bigger);
}

/**
 * The literal string `( … )` at `at` into scratch.items from `o`, escapes resolved and balanced parentheses kept,
 * read once; the index after it, the end of its bytes in scratch.itemsEnd.
 */
export function literalItem(bytes: Uint8Array, at: number, o: number): number {
  let out = scratch.items;
  let depth = 1;
  let j = at + 1;
  const n = bytes.length;
  while (j < n) {
    let c = bytes[j++]!;
    if (c === 0x5c) {
      const e = bytes[j++];
      if (e === undefined) break;
      if (e >= 0x30 && e <= 0x37) {
        let v = e - 0x30;
        for (let k = 0; k < 2 && bytes[j]! >= 0x30 && bytes[j]! <= 0x37; k++) v = v * 8 + bytes[j++]! - 0x30;
        c = v & 0xff;
      } else if (e === 13) {
        if (bytes[j] === 10) j++;
        continue;
      } else if (e === 10) continue;
      else c = ESCAPES[e] ?? e;
    } else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) break;
    if (o === out.length) out = growItems();
    out[o++] = c;
  }
  scratch.itemsEnd = o;
  return j;
}

/** The hex string `< … >` at `at` into scratch.items from `o` (an odd last digit as if followed by 0); the index after it, the end of its bytes in scratch.itemsEnd. */
export function hexItem(bytes: Uint8Array, at: number, o: number): number {
  const end = hexEnd(bytes, at);
  while (o + ((end - at) >> 1) > scratch.items.length) growItems();
  const out = scratch.items;
  let high = -1;
  for (let j = at + 1; j < end && bytes[j] !== 0x3e; j++) {
    const v = hexValue(bytes[j]!);
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out[o++] = (high << 4) | v;
      high = -1;
    }
  }
  if (high >= 0) out[o++] = high << 4;
  scratch.itemsEnd = o;
  return end;
}

/** An array `[ … ]` of numbers and strings (what TJ takes) from `at` into the item lists (strings unescaped into scratch.items): its item count and the index after it. */
export function array(bytes: Uint8Array, at: number): [number, number] {
  let count = 0;
  let o = 0;
  let j = at + 1;
  while (j < bytes.length) {
    const c = bytes[j]!;
    if (SPACE[c]) {
      j++;
      continue;
    }
    if (c === 0x5d) return [count, j + 1];
    if (c !== 0x28 && c !== 0x3c && !NUMERIC[c]) {
      j++;
      continue;
    }
    if (count === scratch.itemStart.length) {
      scratch.itemStart = grow(scratch.itemStart);
      scratch.itemEnd = grow(scratch.itemEnd);
      const numbers = new Float64Array(count * 2);
      numbers.set(scratch.itemNumber);
      scratch.itemNumber = numbers;
    }
    if (NUMERIC[c]) {
      scratch.itemStart[count] = -1;
      scratch.itemNumber[count++] = parseNumber(bytes, j);
      j = scratch.numberEnd;
    } else {
      scratch.itemStart[count] = o;
      j = c === 0x28 ? literalItem(bytes, j, o) : hexItem(bytes, j, o);
      o = scratch.itemsEnd;
      scratch.itemEnd[count++] = o;
    }
  }
  return [count, j];
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

const ACTUAL_TEXT = [...'/ActualText'].map((c) => c.charCodeAt(0));

/** A dictionary `<< … >>` from `at` (nested ones too): its /ActualText as text (UTF-16BE with its BOM, else Latin-1), and the index after it. */
export function dictionary(bytes: Uint8Array, at: number): [string | undefined, number] {
  let depth = 0;
  let j = at;
  let actualText: string | undefined;
  while (j < bytes.length) {
    if (bytes[j] === 0x3c && bytes[j + 1] === 0x3c) {
      depth++;
      j += 2;
    } else if (bytes[j] === 0x3e && bytes[j + 1] === 0x3e) {
      j += 2;
      if (--depth === 0) break;
    } else if (bytes[j] === 0x28) j = literalEnd(bytes, j);
    else if (depth === 1 && ACTUAL_TEXT.every((c, k) => bytes[j + k] === c)) {
      j += ACTUAL_TEXT.length;
      while (SPACE[bytes[j]!]) j++;
      j = (bytes[j] === 0x28 ? literalItem : hexItem)(bytes, j, 0);
      const s = scratch.items.subarray(0, scratch.itemsEnd);
      actualText = s[0] === 0xfe && s[1] === 0xff ? new TextDecoder('utf-16be').decode(s.subarray(2)) : String.fromCharCode(...s);
    } else j++;
  }
  return [actualText, j];
}
