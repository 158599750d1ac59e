// A growable byte buffer for PDF content streams: ASCII operators, cached byte fragments and 3-decimal numbers, no intermediate strings.

/** '0'…'9' as bytes. */
const ZERO = 0x30;
const DOT = 0x2e;
const MINUS = 0x2d;

/** Largest |n·1000| written digit by digit; beyond it (never in a page) the number goes through String(). */
const MAX_SCALED = 1e15;

/**
 * The text `num` writes for `n`: rounded to 3 decimals, shortest form, no `-0` (String() of the rounded value,
 * which for |n| < 1e12 is the integer part, a dot and the fraction digits without trailing zeros).
 */
export function formatNumber(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

export class ContentBytes {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Make room for `n` more bytes. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < need) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Append an ASCII (or Latin-1) string byte by byte. */
  ascii(s: string): void {
    const n = s.length;
    this.reserve(n);
    const b = this.bytes;
    let at = this.length;
    for (let i = 0; i < n; i++) b[at++] = s.charCodeAt(i);
    this.length = at;
  }

  /** Append one byte. */
  byte(c: number): void {
    if (this.length === this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = c;
  }

  /** Append a byte fragment (short fragments copied in a loop, which beats set() for a few bytes). */
  put(fragment: Uint8Array): void {
    const n = fragment.length;
    this.reserve(n);
    if (n > 32) {
      this.bytes.set(fragment, this.length);
      this.length += n;
      return;
    }
    const b = this.bytes;
    let at = this.length;
    for (let i = 0; i < n; i++) b[at++] = fragment[i]!;
    this.length = at;
  }

  /** Append `length` bytes of `source` from `offset`. */
  putRange(source: Uint8Array, offset: number, length: number): void {
    this.reserve(length);
    const b = this.bytes;
    let at = this.length;
    for (let i = offset, end = offset + length; i < end; i++) b[at++] = source[i]!;
    this.length = at;
  }

  /** Append `formatNumber(n)` without making the string. */
  num(n: number): void {
    const k = Math.round(n * 1000);
    if (k === 0) return this.byte(ZERO);
    if (!(k > -MAX_SCALED && k < MAX_SCALED)) return this.ascii(formatNumber(n));
    this.reserve(24);
    const b = this.bytes;
    let at = this.length;
    let a = k;
    if (a < 0) {
      b[at++] = MINUS;
      a = -a;
    }
    const int = Math.floor(a / 1000);
    const frac = a - int * 1000;
    if (int === 0) b[at++] = ZERO;
    else {
      let digits = 1;
      for (let t = int; t >= 10; t = Math.floor(t / 10)) digits++;
      let t = int;
      for (let i = at + digits - 1; i >= at; i--) {
        b[i] = ZERO + (t % 10);
        t = Math.floor(t / 10);
      }
      at += digits;
    }
    if (frac !== 0) {
      b[at++] = DOT;
      const d1 = Math.floor(frac / 100);
      const d2 = Math.floor(frac / 10) % 10;
      const d3 = frac % 10;
      b[at++] = ZERO + d1;
      if (d2 !== 0 || d3 !== 0) b[at++] = ZERO + d2;
      if (d3 !== 0) b[at++] = ZERO + d3;
    }
    this.length = at;
  }

  /** A copy of the bytes from `start` to the end, then forget them (the buffer is reused). */
  take(start = 0): Uint8Array {
    const out = this.bytes.slice(start, this.length);
    this.length = start;
    return out;
  }
}

/** A Latin-1 string's bytes (each char code's low byte, as pdfkit writes binary strings). */
export function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}
