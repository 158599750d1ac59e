// The encoded words of one embedded font in one byte arena: word → entry, entry → its TJ bytes (offset and length).

/** Entry of a word that needs pdfkit's positioned drawing (no TJ bytes). */
export const POSITIONED = -1;

export class WordTable {
  /** word → entry index, or POSITIONED. */
  readonly entries = new Map<string, number>();
  /** All entries' bytes, back to back. */
  bytes = new Uint8Array(1 << 16);
  offsets = new Int32Array(1 << 12);
  lengths = new Int32Array(1 << 12);
  private used = 0;
  private count = 0;

  /** Store `word`'s TJ bytes (a Latin-1 string), or null when it needs positioned drawing; returns its entry. */
  add(word: string, tj: string | null): number {
    if (tj === null) {
      this.entries.set(word, POSITIONED);
      return POSITIONED;
    }
    const n = tj.length;
    if (this.used + n > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < this.used + n) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    if (this.count === this.offsets.length) {
      const offsets = new Int32Array(this.count * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const lengths = new Int32Array(this.count * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    const b = this.bytes;
    const at = this.used;
    for (let i = 0; i < n; i++) b[at + i] = tj.charCodeAt(i);
    const entry = this.count++;
    this.offsets[entry] = at;
    this.lengths[entry] = n;
    this.used += n;
    this.entries.set(word, entry);
    return entry;
  }
}
