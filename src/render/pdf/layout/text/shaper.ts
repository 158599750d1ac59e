// Fast Latin text shaping shared by layout and painting: cmap glyphs, f-ligatures and pair kerning, cached per font file.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { OpenTypeFont } from './opentype.js';
import { layoutShort } from './short-layout.js';

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FontkitGlyph;
  layout(text: string): { advanceWidth: number; glyphs: FontkitGlyph[]; positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }> };
}

/** One glyph as drawn: font-unit advance plus the kerning to the next glyph. */
export interface ShapedGlyph {
  id: number;
  advance: number;
  kern: number;
  codePoints: number[];
}

const LIGATURES = ['ffi', 'ffl', 'ff', 'fi', 'fl'];
/** Text that needs full OpenType shaping (marks, RTL, Indic, …): anything beyond Latin, Greek, Cyrillic and punctuation. */
/** Scratch arrays of wordAdvance (glyph unit texts and glyphs). */
const unitTexts: string[] = [];
const unitGlyphs: FontkitGlyph[] = [];

/** Scratch glyphs of glyphRun. */
const runGlyphs: FontkitGlyph[] = [];

/** A word's glyphs as parallel arrays (glyphRun): glyph id, advance and kerning to the next glyph in font units, and the text of each glyph. */
export class GlyphRun {
  ids = new Int32Array(64);
  advances = new Float64Array(64);
  kerns = new Float64Array(64);
  readonly texts: string[] = [];

  grow(n: number): void {
    const size = Math.max(n, this.ids.length * 2);
    this.ids = new Int32Array(size);
    this.advances = new Float64Array(size);
    this.kerns = new Float64Array(size);
  }
}

/** Code points of one glyph's text (a character, a surrogate pair or a ligature's letters), as ToUnicode maps them. */
export function codePointsOf(text: string): number[] {
  return text.length === 1 ? [text.charCodeAt(0)] : [...text].map((ch) => ch.codePointAt(0)!);
}

const COMPLEX = /[\u0300-\u036f\u0483-\u0489\u0590-\u1dff\u20d0-\u20ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/** Shapes words of one font file the way fontkit's default layout does for Latin text (liga + kern), much faster. */
export class Shaper {
  readonly file: string;
  readonly unitsPerEm: number;
  /** The tables read directly (null when fontkit must do everything for this font). */
  private readonly ot: OpenTypeFont | null;
  private fontkitFont: FontkitFont | undefined;
  private readonly glyphs = new Map<number, FontkitGlyph>();
  private readonly ligatures = new Map<string, FontkitGlyph>();
  private readonly kerns = new Map<string, number>();
  /** Kerning of two single UTF-16 units, keyed by both codes. */
  private readonly charKerns = new Map<number, number>();
  private readonly advances = new Map<string, number>();
  private readonly shaped = new Map<string, ShapedGlyph[] | null>();

  constructor(file: string) {
    this.file = file;
    this.ot = OpenTypeFont.open(readFileSync(file));
    this.unitsPerEm = this.ot ? this.ot.unitsPerEm : this.font.unitsPerEm;
    for (const lig of LIGATURES) {
      const r = this.ot && layoutShort(this.ot, lig);
      if (r) {
        if (r.glyphs.length === 1) this.ligatures.set(lig, this.glyphById(r.glyphs[0]!, [...lig].map((c) => c.codePointAt(0)!)));
      } else {
        const run = this.font.layout(lig);
        if (run.glyphs.length === 1) this.ligatures.set(lig, run.glyphs[0]!);
      }
    }
  }

  /** fontkit's font, opened on first need (words beyond Latin/Greek/Cyrillic, fonts the table reader declines). */
  get font(): FontkitFont {
    return (this.fontkitFont ??= fontkit.openSync(this.file) as FontkitFont);
  }

  /** Ascent in font units (hhea). */
  get ascent(): number {
    return this.ot ? this.ot.ascent : this.font.ascent;
  }

  hasGlyph(cp: number): boolean {
    return this.ot ? this.ot.glyphId(cp) !== 0 : this.font.hasGlyphForCodePoint(cp);
  }

  private glyphById(id: number, codePoints: number[]): FontkitGlyph {
    return { id, advanceWidth: this.ot!.advance(id), codePoints };
  }

  private glyph(cp: number): FontkitGlyph {
    let g = this.glyphs.get(cp);
    if (!g) {
      g = this.ot ? this.glyphById(this.ot.glyphId(cp), [cp]) : this.font.glyphForCodePoint(cp);
      this.glyphs.set(cp, g);
    }
    return g;
  }

  /** Kerning of a two-unit text as fontkit's `layout(text)` gives it: replayed from the tables where exact, else fontkit's own. */
  private pairKern(text: string): number {
    const r = this.ot ? layoutShort(this.ot, text) : undefined;
    if (r) return r.glyphs.length === 2 ? r.firstAdvance - this.ot!.advance(r.glyphs[0]!) : 0;
    const run = this.font.layout(text);
    return run.glyphs.length === 2 ? run.positions[0]!.xAdvance - run.glyphs[0]!.advanceWidth : 0;
  }

  /** Kerning between two units (characters or ligatures) exactly as fontkit's layout of the pair positions them. */
  kern(a: string, b: string): number {
    if (a.length === 1 && b.length === 1) {
      const key = a.charCodeAt(0) * 0x10000 + b.charCodeAt(0);
      let k = this.charKerns.get(key);
      if (k === undefined) this.charKerns.set(key, (k = this.pairKern(a + b)));
      return k;
    }
    const key = `${a}\u0000${b}`;
    let k = this.kerns.get(key);
    if (k === undefined) this.kerns.set(key, (k = this.pairKern(a + b)));
    return k;
  }

  /** Glyphs of a word (no spaces), or null when the word needs full shaping (use fontkit's layout). */
  shape(word: string): ShapedGlyph[] | null {
    let out = this.shaped.get(word);
    if (out !== undefined) return out;
    if (COMPLEX.test(word)) out = null;
    else {
      const texts: string[] = [];
      const glyphs: FontkitGlyph[] = [];
      const n = this.units(word, texts, glyphs);
      out = new Array<ShapedGlyph>(n);
      for (let k = 0; k < n; k++) {
        const text = texts[k]!;
        out[k] = {
          id: glyphs[k]!.id,
          advance: glyphs[k]!.advanceWidth,
          kern: k + 1 < n ? this.kern(text, texts[k + 1]!) : 0,
          codePoints: codePointsOf(text),
        };
      }
    }
    if (this.shaped.size > 200_000) this.shaped.clear();
    this.shaped.set(word, out);
    return out;
  }

  /**
   * A word's glyphs as shape() gives them, written into `run` (reused from call to call) instead of glyph objects:
   * their count, or -1 when the word needs full shaping. The painter encodes each distinct word once this way.
   */
  glyphRun(word: string, run: GlyphRun): number {
    if (COMPLEX.test(word)) return -1;
    const n = this.units(word, run.texts, runGlyphs);
    if (run.ids.length < n) run.grow(n);
    for (let k = 0; k < n; k++) {
      run.ids[k] = runGlyphs[k]!.id;
      run.advances[k] = runGlyphs[k]!.advanceWidth;
      run.kerns[k] = k + 1 < n ? this.kern(run.texts[k]!, run.texts[k + 1]!) : 0;
    }
    return n;
  }

  /**
   * The advance of a word as shape() would sum it (the same glyph units, advance + kern per glyph, in order),
   * without the glyph objects; null when the word needs full shaping.
   */
  private wordAdvance(word: string): number | null {
    if (COMPLEX.test(word)) return null;
    const n = this.units(word, unitTexts, unitGlyphs);
    let w = 0;
    for (let k = 0; k < n; k++) w += unitGlyphs[k]!.advanceWidth + (k + 1 < n ? this.kern(unitTexts[k]!, unitTexts[k + 1]!) : 0);
    return w;
  }

  /**
   * A word's glyph units into `texts` and `glyphs` (from index 0; returns how many): single characters, or an
   * f-ligature (ffi, ffl before ff, fi, fl) where the font has it.
   */
  private units(word: string, texts: string[], glyphs: FontkitGlyph[]): number {
    let n = 0;
    const ligatures = this.ligatures.size > 0;
    for (let i = 0; i < word.length; ) {
      const cp = word.codePointAt(i)!;
      if (cp === 0x66 && ligatures) {
        const three = word.slice(i, i + 3);
        const two = three.slice(0, 2);
        const lig = this.ligatures.has(three) ? three : this.ligatures.has(two) ? two : undefined;
        if (lig) {
          texts[n] = lig;
          glyphs[n++] = this.ligatures.get(lig)!;
          i += lig.length;
          continue;
        }
      }
      const size = cp > 0xffff ? 2 : 1;
      texts[n] = size === 1 ? word[i]! : word.slice(i, i + 2);
      glyphs[n++] = this.glyph(cp);
      i += size;
    }
    return n;
  }

  /** Advance width of a text in font units (spaces included). */
  advance(text: string): number {
    let w = this.advances.get(text);
    if (w === undefined) {
      w = 0;
      const words = text.split(' ');
      for (let i = 0; i < words.length; i++) {
        if (i > 0) w += this.glyph(32).advanceWidth;
        const word = words[i]!;
        if (!word) continue;
        // Measured without building glyph objects (most measured texts, e.g. syllables, are never drawn).
        const width = this.shaped.get(word) === undefined ? this.wordAdvance(word) : null;
        if (width !== null) w += width;
        else {
          const shaped = this.shape(word);
          if (shaped) for (const g of shaped) w += g.advance + g.kern;
          else w += this.font.layout(word).advanceWidth;
        }
      }
      if (this.advances.size > 500_000) this.advances.clear();
      this.advances.set(text, w);
    }
    return w;
  }
}

const shapers = new Map<string, Shaper>();

/** The shared shaper of a font file (opened once per process). */
export function shaperFor(file: string): Shaper {
  let s = shapers.get(file);
  if (!s) {
    s = new Shaper(file);
    shapers.set(file, s);
  }
  return s;
}
