// Remembers the font file bytes of each embedded subset, so imposition can embed the same subset without subsetting the font again.

/** The part of pdfkit's font subset (fontkit's Subset) whose output is remembered. */
interface EncodableSubset {
  glyphs: number[];
  encode(): Uint8Array;
}

/** Encoded subset file by the subset's glyph array (the array the painted pages capture). */
const encoded = new WeakMap<number[], Uint8Array>();

/** Keep what `subset.encode()` returns when the document embeds it (at its end). */
export function rememberEncodedSubset(subset: EncodableSubset): void {
  const encode = subset.encode;
  subset.encode = function (this: EncodableSubset): Uint8Array {
    const bytes = encode.call(this);
    encoded.set(this.glyphs, bytes);
    return bytes;
  };
}

/**
 * Let `subset` (adopted from a painted document whose subset was `from`) embed the bytes that document embedded,
 * as long as it still holds exactly those glyphs; otherwise it encodes itself as usual.
 */
export function reuseEncodedSubset(subset: EncodableSubset, from: number[]): void {
  const bytes = encoded.get(from);
  if (!bytes) return;
  const encode = subset.encode;
  subset.encode = function (this: EncodableSubset): Uint8Array {
    const same = this.glyphs.length === from.length && this.glyphs.every((g, i) => g === from[i]);
    return same ? bytes : encode.call(this);
  };
}
