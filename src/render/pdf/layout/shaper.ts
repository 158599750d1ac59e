// Fast Latin text shaping shared by layout and painting: cmap glyphs, f-ligatures and pair kerning, cached per font file.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { OpenTypeFont } from './opentype.js';
import { layoutShort, type ShortLayout } from './short-layout.js';

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

  /** Glyph ids and first xAdvance of fontkit's `layout(text)`: replayed from the tables where exact, else fontkit's own. */
  private layoutShort(text: string): ShortLayout & { firstWidth: number } {
    const r = this.ot ? layoutShort(this.ot, text) : undefined;
    if (r) return { ...r, firstWidth: r.glyphs.length ? this.ot!.advance(r.glyphs[0]!) : 0 };
    const run = this.font.layout(text);
    return { glyphs: run.glyphs.map((g) => g.id), firstAdvance: run.positions[0]?.xAdvance ?? 0, firstWidth: run.glyphs[0]?.advanceWidth ?? 0 };
  }

  /** Kerning between two units (characters or ligatures) exactly as fontkit's layout of the pair positions them. */
  kern(a: string, b: string): number {
    const key = `${a}\u0000${b}`;
    let k = this.kerns.get(key);
    if (k === undefined) {
      const r = this.layoutShort(a + b);
      k = r.glyphs.length === 2 ? r.firstAdvance - r.firstWidth : 0;
      this.kerns.set(key, k);
    }
    return k;
  }

  /** Glyphs of a word (no spaces), or null when the word needs full shaping (use fontkit's layout). */
  shape(word: string): ShapedGlyph[] | null {
    let out = this.shaped.get(word);
    if (out !== undefined) return out;
    if (COMPLEX.test(word)) out = null;
    else {
      const units: Array<{ text: string; glyph: FontkitGlyph }> = [];
      const chars = [...word];
      for (let i = 0; i < chars.length; i++) {
        const c = chars[i]!;
        if (c === 'f' && this.ligatures.size) {
          const three = chars.slice(i, i + 3).join('');
          const two = chars.slice(i, i + 2).join('');
          const lig = (three.length === 3 && this.ligatures.get(three)) ? three : this.ligatures.has(two) ? two : undefined;
          if (lig) {
            units.push({ text: lig, glyph: this.ligatures.get(lig)! });
            i += lig.length - 1;
            continue;
          }
        }
        units.push({ text: c, glyph: this.glyph(c.codePointAt(0)!) });
      }
      out = units.map((u, i) => ({
        id: u.glyph.id,
        advance: u.glyph.advanceWidth,
        kern: i + 1 < units.length ? this.kern(u.text, units[i + 1]!.text) : 0,
        codePoints: [...u.text].map((ch) => ch.codePointAt(0)!),
      }));
    }
    if (this.shaped.size > 200_000) this.shaped.clear();
    this.shaped.set(word, out);
    return out;
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
        const shaped = this.shape(word);
        if (shaped) for (const g of shaped) w += g.advance + g.kern;
        else w += this.font.layout(word).advanceWidth;
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
