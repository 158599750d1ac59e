// The encoded words of one embedded font in one byte arena: word → entry, entry → its TJ bytes (offset and length).

/** Entry of a word that needs pdfkit's positioned drawing (no TJ bytes). */
export const POSITIONED = -1;

/** Slots of the recent-words cache (a power of two). */
const RECENT = 1 << 14;

export class WordTable {
  /** word → entry index, or POSITIONED. */
  readonly entries = new Map<string, number>();
  /** All entries' bytes, back to back. */
  bytes = new Uint8Array(1 << 16);
  offsets = new Int32Array(1 << 12);
  lengths = new Int32Array(1 << 12);
  private used = 0;
  private count = 0;
  /** Direct-mapped cache in front of `entries`, by a hash of the word: a word found inside a run's text costs no substring. */
  private readonly recentWords: string[] = new Array<string>(RECENT).fill('');
  private readonly recentEntries = new Int32Array(RECENT);

  /** The entry of the word `text[start, end)` whose hash (`wordHash` over its characters) is `hash`, if it was seen lately. */
  recent(text: string, start: number, end: number, hash: number): number | undefined {
    const slot = (hash ^ (hash >>> 14)) & (RECENT - 1);
    const word = this.recentWords[slot]!;
    return word.length === end - start && text.startsWith(word, start) ? this.recentEntries[slot] : undefined;
  }

  /** Put `word` (hash `hash`) and its entry into the recent-words cache. */
  remember(word: string, hash: number, entry: number): void {
    const slot = (hash ^ (hash >>> 14)) & (RECENT - 1);
    this.recentWords[slot] = word;
    this.recentEntries[slot] = entry;
  }

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

/** One step of the word hash `recent` expects: h = h·31 + character code, over the word's UTF-16 code units. */
export function hashStep(h: number, code: number): number {
  return (Math.imul(h, 31) + code) | 0;
}
