// Font metrics for layout: measures text in the theme's faces through their shared shapers (cached) and picks the face per glyph: the book face, a script face, the fallback.
import { shaperFor, type Shaper } from './shaper.js';
import type { FontKey } from '../../types.js';
import { facesFor, hanFaceFor, type HanFace } from '../../../../common/scripts.js';

/** A piece of text in one face. */
export interface FontSegment {
  text: string;
  font: FontKey;
}

/** The book's faces with cached measurement; also records characters that no face has. */
export class FontSet {
  /** Every face's file: the book face's four, the fallback and the script faces (opened on first use). */
  readonly files: Partial<Record<FontKey, string>>;
  /** Which face draws Han characters in texts without kana or hangul (from the book's or the story's language). */
  readonly han: HanFace;
  private readonly shapers = new Map<FontKey, Shaper>();
  private readonly widthCache = new Map<FontKey, Map<string, number>>();
  /** Segments by preferred face and Han face (`regular|chinese`), then by text. */
  private readonly segmentCache = new Map<string, Map<string, FontSegment[]>>();
  /** Per face: which BMP characters it has (0 not asked yet, 1 yes, 2 no); others by code point. */
  private readonly coverage = new Map<FontKey, { bmp: Uint8Array; astral: Map<number, boolean> }>();
  /** Characters no face has, with the number of distinct words they were found in. */
  readonly missing = new Map<string, number>();

  /** Called before a face other than the book face's and the fallback is first opened (a check of its file). */
  private readonly beforeOpen: ((key: FontKey, file: string) => void) | undefined;

  constructor(files: Partial<Record<FontKey, string>>, language = 'en', beforeOpen?: (key: FontKey, file: string) => void) {
    this.files = files;
    this.beforeOpen = beforeOpen;
    this.han = hanFaceFor(language);
    // The book face's files are opened now; a script face's when a text first needs it.
    for (const key of ['regular', 'italic', 'bold', 'boldItalic', 'fallback'] as const) if (files[key]) this.shaper(key);
  }

  /**
   * The same faces (the same caches and missing-glyph counts) setting Han in the face of `language` (a Japanese
   * story in an English book): this set itself when that is its own Han face.
   */
  forLanguage(language: string): FontSet {
    const han = hanFaceFor(language);
    if (han === this.han) return this;
    let kept = views.get(this);
    if (!kept) views.set(this, (kept = new Map()));
    let view = kept.get(han);
    if (!view) {
      view = Object.create(this) as FontSet;
      (view as { han: HanFace }).han = han;
      kept.set(han, view);
    }
    return view;
  }

  /** The faces opened so far (a script face only once a text needed it). */
  opened(): FontKey[] {
    return [...this.shapers.keys()];
  }

  /** The shaper of face `key`, opened on first use (undefined when the set has no such face). */
  private shaper(key: FontKey): Shaper | undefined {
    let shaper = this.shapers.get(key);
    if (!shaper) {
      const file = this.files[key];
      if (!file) return undefined;
      if (isScriptFace(key)) this.beforeOpen?.(key, file);
      shaper = shaperFor(file);
      this.shapers.set(key, shaper);
      this.widthCache.set(key, new Map());
      this.coverage.set(key, { bmp: new Uint8Array(0x10000), astral: new Map() });
    }
    return shaper;
  }

  /** Advance width of `text` in `key` at 1pt (multiply by the size); kerning included, as pdfkit draws it. */
  unitWidth(text: string, key: FontKey): number {
    const face = this.shaper(key) ? key : 'regular';
    const cache = this.widthCache.get(face)!;
    let w = cache.get(text);
    if (w === undefined) {
      const shaper = this.shapers.get(face)!;
      w = shaper.advance(text) / shaper.unitsPerEm;
      cache.set(text, w);
    }
    return w;
  }

  width(text: string, key: FontKey, size: number): number {
    return this.unitWidth(text, key) * size;
  }

  has(key: FontKey, cp: number): boolean {
    if (!this.shaper(key)) return false;
    const cov = this.coverage.get(key)!;
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
   * Split `text` into runs of the faces that draw it: the preferred face where it has the glyph, else the script
   * face of the character's script (Han by `han`, unless the text has kana or hangul), else the fallback face.
   * Punctuation after a script face's letters stays in that face when it has it (an Arabic word's full stop).
   * Characters no face has stay in the preferred face and are counted in `missing` (once per distinct text).
   */
  segments(text: string, key: FontKey): FontSegment[] {
    const face0 = this.shaper(key) ? key : 'regular';
    const cacheKey = `${face0}|${this.han}`;
    let cache = this.segmentCache.get(cacheKey);
    if (!cache) this.segmentCache.set(cacheKey, (cache = new Map()));
    const hit = cache.get(text);
    if (hit) return hit;
    // Most texts are wholly in the preferred face: one segment, and nothing missing to count.
    if (this.wholly(text, key)) {
      const one = [{ text, font: key }];
      cache.set(text, one);
      return one;
    }
    const han = this.hanOf(text);
    const out: FontSegment[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const last = out[out.length - 1];
      // An invisible character (a variation selector, a joiner) stays with the character before it.
      let face: FontKey = last && isInvisible(cp) ? last.font : key;
      if (cp > 0x20 && !isInvisible(cp)) {
        if (last && last.font !== key && isScriptFace(last.font) && !isLetter(cp) && this.has(last.font, cp)) face = last.font;
        else if (!this.has(key, cp)) {
          const found = this.faceFor(cp, key, han);
          if (found) face = found;
          else if (cp > 0x7e) this.missing.set(ch, (this.missing.get(ch) ?? 0) + 1);
        }
      }
      if (last && last.font === face) last.text += ch;
      else out.push({ text: ch, font: face });
    }
    cache.set(text, out);
    return out;
  }

  /** Whether `text` has a character (beyond ASCII) that no face of the set draws. */
  lacks(text: string, key: FontKey): boolean {
    let han: HanFace | undefined;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) <= 0x7e) continue;
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      if (isInvisible(cp) || this.has(key, cp)) continue;
      if (!this.faceFor(cp, key, (han ??= this.hanOf(text)))) return true;
    }
    return false;
  }

  /** The face (other than the preferred one) that draws `cp`: its script's face, regular or bold, then the fallback. */
  private faceFor(cp: number, key: FontKey, han: HanFace): FontKey | undefined {
    const bold = key === 'bold' || key === 'boldItalic';
    for (const script of facesFor(cp, han)) {
      const face: FontKey = bold && this.files[`${script}Bold`] ? `${script}Bold` : script;
      if (this.has(face, cp)) return face;
    }
    return this.has('fallback', cp) ? 'fallback' : undefined;
  }

  /** The Han face of a text: Japanese beside kana, Korean beside hangul, else the set's. */
  private hanOf(text: string): HanFace {
    return KANA.test(text) ? 'japanese' : HANGUL.test(text) ? 'korean' : this.han;
  }

  /** Every character of `text` is in face `key` (or is a space, control or invisible character); BMP only. */
  private wholly(text: string, key: FontKey): boolean {
    if (!this.shaper(key)) return false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c <= 0x20 || isInvisible(c)) continue;
      if ((c >= 0xd800 && c <= 0xdfff) || !this.has(key, c)) return false;
    }
    return true;
  }
}

/** Each set's views with another Han face, kept: the word units cached per set are reused from story to story and pass to pass. */
const views = new WeakMap<FontSet, Map<HanFace, FontSet>>();

const KANA = /[\u3040-\u30ff\u31f0-\u31ff]/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const LETTER = /[\p{L}\p{M}]/u;

function isLetter(cp: number): boolean {
  return LETTER.test(String.fromCodePoint(cp));
}

function isScriptFace(key: FontKey): boolean {
  return key !== 'regular' && key !== 'italic' && key !== 'bold' && key !== 'boldItalic' && key !== 'fallback';
}

/** Soft hyphen, zero-width and direction marks, word joiner, variation selectors, BOM: nothing to draw. */
function isInvisible(cp: number): boolean {
  return cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || cp === 0x2060 || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff;
}
