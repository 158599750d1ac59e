// Font metrics for layout: measures text in the theme's faces through their shared shapers (cached) and picks the fallback face per glyph.
import { shaperFor, type Shaper } from './shaper.js';
import type { FontKey } from '../../types.js';

/** A piece of text in one face. */
export interface FontSegment {
  text: string;
  font: FontKey;
}

/** The book's faces with cached measurement; also records characters that no face has. */
export class FontSet {
  readonly files: Partial<Record<FontKey, string>>;
  private readonly shapers = new Map<FontKey, Shaper>();
  private readonly widthCache = new Map<FontKey, Map<string, number>>();
  private readonly segmentCache = new Map<FontKey, Map<string, FontSegment[]>>();
  /** Per face: which BMP characters it has (0 not asked yet, 1 yes, 2 no); others by code point. */
  private readonly coverage = new Map<FontKey, { bmp: Uint8Array; astral: Map<number, boolean> }>();
  /** Characters no face has, with the number of distinct words they were found in. */
  readonly missing = new Map<string, number>();

  constructor(files: Partial<Record<FontKey, string>>) {
    this.files = files;
    for (const [key, file] of Object.entries(files) as Array<[FontKey, string | undefined]>) {
      if (!file) continue;
      const shaper = shaperFor(file);
      this.shapers.set(key, shaper);
      this.widthCache.set(key, new Map());
      this.segmentCache.set(key, new Map());
      this.coverage.set(key, { bmp: new Uint8Array(0x10000), astral: new Map() });
    }
  }

  /** Advance width of `text` in `key` at 1pt (multiply by the size); kerning included, as pdfkit draws it. */
  unitWidth(text: string, key: FontKey): number {
    const cache = this.widthCache.get(key) ?? this.widthCache.get('regular')!;
    let w = cache.get(text);
    if (w === undefined) {
      const shaper = this.shapers.get(key) ?? this.shapers.get('regular')!;
      w = shaper.advance(text) / shaper.unitsPerEm;
      cache.set(text, w);
    }
    return w;
  }

  width(text: string, key: FontKey, size: number): number {
    return this.unitWidth(text, key) * size;
  }

  has(key: FontKey, cp: number): boolean {
    const cov = this.coverage.get(key);
    if (!cov) return false;
    if (cp < 0x10000) {
      let v = cov.bmp[cp]!;
      if (v === 0) cov.bmp[cp] = v = this.shapers.get(key)!.hasGlyph(cp) ? 1 : 2;
      return v === 1;
    }
    let v = cov.astral.get(cp);
    if (v === undefined) cov.astral.set(cp, (v = this.shapers.get(key)!.hasGlyph(cp)));
    return v;
  }

  /**
   * Split `text` into runs of the preferred face and the fallback face, by which one has each glyph.
   * Characters neither has stay in the preferred face and are counted in `missing` (once per distinct text).
   */
  segments(text: string, key: FontKey): FontSegment[] {
    const cache = this.segmentCache.get(key) ?? this.segmentCache.get('regular')!;
    const hit = cache.get(text);
    if (hit) return hit;
    // Most texts are wholly in the preferred face: one segment, and nothing missing to count.
    if (this.wholly(text, key)) {
      const one = [{ text, font: key }];
      cache.set(text, one);
      return one;
    }
    const out: FontSegment[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let face: FontKey = key;
      if (cp > 0x20 && !this.has(key, cp) && !isInvisible(cp)) {
        if (this.shapers.has('fallback') && this.has('fallback', cp)) face = 'fallback';
      }
      const last = out[out.length - 1];
      if (last && last.font === face) last.text += ch;
      else out.push({ text: ch, font: face });
    }
    cache.set(text, out);
    this.countMissing(text, key);
    return out;
  }

  /** Every character of `text` is in face `key` (or is a space, control or invisible character); BMP only. */
  private wholly(text: string, key: FontKey): boolean {
    if (!this.shapers.has(key)) return false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c <= 0x20 || isInvisible(c)) continue;
      if ((c >= 0xd800 && c <= 0xdfff) || !this.has(key, c)) return false;
    }
    return true;
  }

  private countMissing(text: string, key: FontKey): void {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp <= 0x7e || isInvisible(cp)) continue;
      if (this.has(key, cp) || this.has('fallback', cp)) continue;
      this.missing.set(ch, (this.missing.get(ch) ?? 0) + 1);
    }
  }
}

function isInvisible(cp: number): boolean {
  return cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || cp === 0x2060 || cp === 0xfeff;
}
