// Word shaping for layout and painting alike: a Latin word composed from cmap glyphs, f-ligatures and pair kerning read from the font's tables; any other word laid out by fontkit.
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
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FontkitGlyph;
  layout(text: string): { glyphs: FontkitGlyph[]; positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }>; direction: 'ltr' | 'rtl' };
}

/** A glyph as the composition uses it (fontkit's glyph objects compute their advance on every read). */
interface Glyph {
  id: number;
  advanceWidth: number;
}

const LIGATURES = ['ffi', 'ffl', 'ff', 'fi', 'fl'];

/** Text that needs full OpenType shaping (marks, RTL, Indic, …): anything beyond Latin, Greek, Cyrillic and punctuation. */
const COMPLEX = /[\u0300-\u036f\u0483-\u0489\u0590-\u1dff\u20d0-\u20ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/**
 * A word's glyphs as parallel arrays, reused from word to word: glyph id, advance and kerning to the next glyph
 * in font units, and the text each glyph stands for; `positioned` when a glyph is moved up or down (marks).
 */
export class GlyphRun {
  ids = new Int32Array(64);
  advances = new Float64Array(64);
  kerns = new Float64Array(64);
  /** Horizontal offset of each glyph from its place (font units; a mark or a kerned Hebrew letter). */
  offsets = new Float64Array(64);
  readonly texts: string[] = [];
  positioned = false;
  /** The glyphs are in visual order of a right-to-left word (the last glyph stands for its first character). */
  rtl = false;
  /** The composed glyphs (scratch). */
  readonly glyphs: Glyph[] = [];

  reserve(n: number): void {
    if (this.ids.length >= n) return;
    const size = Math.max(n, this.ids.length * 2);
    this.ids = new Int32Array(size);
    this.advances = new Float64Array(size);
    this.kerns = new Float64Array(size);
    this.offsets = new Float64Array(size);
  }
}

/** Code points of one glyph's text (a character, a surrogate pair or a ligature's letters), as ToUnicode maps them. */
export function codePointsOf(text: string): number[] {
  return text.length === 1 ? [text.charCodeAt(0)] : [...text].map((ch) => ch.codePointAt(0)!);
}

/** The run advance() measures with. */
const measured = new GlyphRun();

/**
 * The shaping of one font file, for layout and painting alike. A word of Latin, Greek or Cyrillic text is shaped
 * as fontkit's default layout shapes it (liga + kern), but composed: its glyphs and f-ligatures with the kerning
 * of each adjacent pair, which short-layout.ts replays from the font's GSUB/GPOS tables (fontkit lays out the
 * pairs it cannot replay); test/pdf/shaper.test.ts holds both equal to fontkit's layout. Any other word is laid
 * out whole by fontkit.
 */
export class Shaper {
  readonly file: string;
  readonly unitsPerEm: number;
  /** The tables read directly (null when fontkit must do everything for this font). */
  private readonly ot: OpenTypeFont | null;
  private fontkitFont: FontkitFont | undefined;
  private readonly glyphs = new Map<number, Glyph>();
  private readonly ligatures = new Map<string, Glyph>();
  private readonly kerns = new Map<string, number>();
  /** Kerning of two single UTF-16 units, keyed by both codes. */
  private readonly charKerns = new Map<number, number>();
  private readonly advances = new Map<string, number>();

  constructor(file: string) {
    this.file = file;
    this.ot = OpenTypeFont.open(readFileSync(file));
    this.unitsPerEm = this.ot ? this.ot.unitsPerEm : this.font.unitsPerEm;
    for (const lig of LIGATURES) {
      const r = this.ot && layoutShort(this.ot, lig);
      if (r) {
        if (r.glyphs.length === 1) this.ligatures.set(lig, { id: r.glyphs[0]!, advanceWidth: this.ot!.advance(r.glyphs[0]!) });
      } else {
        const { glyphs } = this.font.layout(lig);
        if (glyphs.length === 1) this.ligatures.set(lig, { id: glyphs[0]!.id, advanceWidth: glyphs[0]!.advanceWidth });
      }
    }
  }

  /** fontkit's font, opened on first need (words beyond Latin/Greek/Cyrillic, fonts the table reader declines). */
  private get font(): FontkitFont {
    return (this.fontkitFont ??= fontkit.openSync(this.file) as FontkitFont);
  }

  hasGlyph(cp: number): boolean {
    return this.ot ? this.ot.glyphId(cp) !== 0 : this.font.hasGlyphForCodePoint(cp);
  }

  private glyph(cp: number): Glyph {
    let g = this.glyphs.get(cp);
    if (!g) {
      if (this.ot) {
        const id = this.ot.glyphId(cp);
        g = { id, advanceWidth: this.ot.advance(id) };
      } else {
        const glyph = this.font.glyphForCodePoint(cp);
        g = { id: glyph.id, advanceWidth: glyph.advanceWidth };
      }
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
  private kern(a: string, b: string): number {
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

  /** Shape a word (no spaces) into `run`; returns its glyph count. */
  glyphRun(word: string, run: GlyphRun): number {
    if (COMPLEX.test(word)) return this.laidOut(word, run);
    const n = this.units(word, run.texts, run.glyphs);
    run.reserve(n);
    run.positioned = false;
    run.rtl = false;
    for (let k = 0; k < n; k++) {
      run.ids[k] = run.glyphs[k]!.id;
      run.offsets[k] = 0;
      run.advances[k] = run.glyphs[k]!.advanceWidth;
      run.kerns[k] = k + 1 < n ? this.kern(run.texts[k]!, run.texts[k + 1]!) : 0;
    }
    return n;
  }

  /** A word shaped by fontkit's layout, into `run`. */
  private laidOut(word: string, run: GlyphRun): number {
    const { glyphs, positions, direction } = this.font.layout(word);
    const n = glyphs.length;
    run.reserve(n);
    run.positioned = false;
    run.rtl = direction === 'rtl';
    for (let k = 0; k < n; k++) {
      const g = glyphs[k]!;
      const p = positions[k]!;
      run.ids[k] = g.id;
      run.advances[k] = g.advanceWidth;
      run.kerns[k] = p.xAdvance - g.advanceWidth;
      run.texts[k] = String.fromCodePoint(...g.codePoints);
      run.offsets[k] = p.xOffset;
      // A glyph moved sideways is written in place (the painter's TJ moves); one moved up or down needs pdfkit.
      if (p.yOffset) run.positioned = true;
    }
    return n;
  }

  /**
   * A word's glyph units into `texts` and `glyphs` (from index 0; returns how many): single characters, or an
   * f-ligature (ffi, ffl before ff, fi, fl) where the font has it.
   */
  private units(word: string, texts: string[], glyphs: Glyph[]): number {
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

  /** Advance width of a text in font units (spaces included): its words' glyph advances and kerning. */
  advance(text: string): number {
    let w = this.advances.get(text);
    if (w === undefined) {
      w = 0;
      const words = text.split(' ');
      for (let i = 0; i < words.length; i++) {
        if (i > 0) w += this.glyph(32).advanceWidth;
        const word = words[i]!;
        if (!word) continue;
        const n = this.glyphRun(word, measured);
        for (let k = 0; k < n; k++) w += measured.advances[k]! + measured.kerns[k]!;
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
