// Paints laid-out pages with pdfkit: fonts, text runs (written as TJ operators), rules, links and destinations; no layout decisions here.
import type PDFDocument from 'pdfkit';
import { shaperFor, type Shaper } from './layout/shaper.js';
import type { FontKey, LaidOutBook, PaintTransform, TextRun } from './types.js';

type Doc = InstanceType<typeof PDFDocument>;

/** The parts of pdfkit's embedded font object the painter uses (glyph encoding registers glyphs for the subset). */
interface PdfkitFont {
  id: string;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
  encode(text: string): [string[], Array<{ xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }>];
}
interface DocInternals {
  _font: PdfkitFont;
  page: { fonts: Record<string, unknown>; height: number };
  addContent(s: string | Uint8Array): unknown;
}

const FONT_KEYS: FontKey[] = ['regular', 'italic', 'bold', 'boldItalic', 'fallback'];

/** pdfkit font name of a layout font key. */
export function fontName(key: FontKey): string {
  return `quire-${key}`;
}

/** Register the layout's font files on a document (once per document, before any paintPage). */
export function registerFonts(doc: Doc, layout: LaidOutBook): void {
  for (const key of FONT_KEYS) {
    const file = layout.fonts[key];
    if (file) doc.registerFont(fontName(key), file);
  }
}

export interface PaintOptions {
  /** Draw link annotations and named destinations (the reading PDF); off for imposed sheets and print. */
  interactive?: boolean;
}

/** A word's glyphs as a TJ fragment, or undefined when it needs positioned marks (then pdfkit draws the run). */
type EncodedWord = { tj: string } | undefined;
const encodedWords = new WeakMap<PdfkitFont, Map<string, EncodedWord>>();

function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** One byte of a PDF literal string (binary, escaped where the syntax needs it). */
const LITERAL_BYTE: string[] = Array.from({ length: 256 }, (_, b) =>
  b === 0x28 ? '\\(' : b === 0x29 ? '\\)' : b === 0x5c ? '\\\\' : b === 0x0d ? '\\r' : b === 0x0a ? '\\n' : String.fromCharCode(b),
);

/** A 2-byte glyph id (Identity-H) as literal-string bytes: half the size of hex in the content stream. */
function glyphBytes(gid: number): string {
  return LITERAL_BYTE[(gid >> 8) & 0xff]! + LITERAL_BYTE[gid & 0xff]!;
}

function encodeWord(font: PdfkitFont, shaper: Shaper | undefined, word: string): EncodedWord {
  let cache = encodedWords.get(font);
  if (!cache) encodedWords.set(font, (cache = new Map()));
  if (cache.has(word)) return cache.get(word);
  const shaped = shaper?.shape(word);
  let out: EncodedWord;
  if (shaped) {
    // The layout measured these very glyphs; register them in pdfkit's subset as its encode() would.
    let tj = '';
    let hex = '';
    for (const g of shaped) {
      const gid = font.subset.includeGlyph(g.id);
      if (font.widths[gid] == null) font.widths[gid] = g.advance * font.scale;
      if (font.unicode[gid] == null) font.unicode[gid] = g.codePoints;
      hex += glyphBytes(gid);
      if (g.kern !== 0) {
        tj += `(${hex}) ${num(-g.kern * font.scale)} `;
        hex = '';
      }
    }
    if (hex) tj += `(${hex}) `;
    out = { tj };
    cache.set(word, out);
    return out;
  }
  const [glyphs, positions] = font.encode(word);
  if (positions.some((p) => p.xOffset || p.yOffset)) out = undefined;
  else {
    let tj = '';
    let hex = '';
    for (let i = 0; i < glyphs.length; i++) {
      hex += glyphBytes(parseInt(glyphs[i]!, 16));
      const kern = positions[i]!.xAdvance - positions[i]!.advanceWidth;
      if (kern !== 0) {
        tj += `(${hex}) ${num(-kern)} `;
        hex = '';
      }
    }
    if (hex) tj += `(${hex}) `;
    out = { tj };
  }
  cache.set(word, out);
  return out;
}

/** The TJ array of a run: words and real space glyphs, each gap widened by the run's word spacing. */
function runTJ(font: PdfkitFont, shaper: Shaper | undefined, run: TextRun): string | undefined {
  const words = run.text.split(' ');
  const space = words.length > 1 ? encodeWord(font, shaper, ' ') : { tj: '' };
  if (!space) return undefined;
  const extra = run.wordSpacing ? num((-run.wordSpacing * 1000) / run.size) : '';
  let tj = '';
  for (let i = 0; i < words.length; i++) {
    if (i > 0) tj += space.tj + (extra ? `${extra} ` : '');
    if (!words[i]) continue;
    const w = encodeWord(font, shaper, words[i]!);
    if (!w) return undefined;
    tj += w.tj;
  }
  return tj;
}

/**
 * Draw page `pageIndex` of `layout` onto the current page of `doc`, its trim box's top-left corner at
 * (transform.x, transform.y) in pdfkit's top-down coordinates, scaled by `transform.scale` and, with
 * `rotate: 180`, turned upside down within the same box. Register the fonts (registerFonts) first.
 */
export function paintPage(doc: Doc, layout: LaidOutBook, pageIndex: number, transform: PaintTransform, options: PaintOptions = {}): void {
  const page = layout.pages[pageIndex];
  if (!page) throw new RangeError(`page ${pageIndex} is not in the layout (${layout.pages.length} pages)`);
  const scale = transform.scale ?? 1;
  const d = doc as unknown as DocInternals;
  const H = layout.trim.height;
  doc.save();
  doc.translate(transform.x, transform.y);
  if (transform.rotate === 180) {
    doc.translate(layout.trim.width * scale, H * scale);
    doc.rotate(180, { origin: [0, 0] });
  }
  if (scale !== 1) doc.scale(scale, scale, { origin: [0, 0] });
  doc.fillColor('black');
  // Text: one BT…ET block in PDF (y-up) coordinates of the page's trim box.
  const fallbackRuns: TextRun[] = [];
  if (page.runs.length) {
    doc.save();
    doc.transform(1, 0, 0, -1, 0, H);
    const ops: string[] = ['BT'];
    let fontId = '';
    let size = 0;
    let cs = 0;
    let runFont: FontKey | undefined;
    let font = d._font;
    let shaper: Shaper | undefined;
    for (const run of page.runs) {
      if (run.font !== runFont) {
        doc.font(fontName(run.font));
        font = d._font;
        const file = layout.fonts[run.font];
        shaper = file ? shaperFor(file) : undefined;
        runFont = run.font;
      }
      const tj = runTJ(font, shaper, run);
      if (tj === undefined) {
        fallbackRuns.push(run);
        continue;
      }
      if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();
      if (font.id !== fontId || run.size !== size) {
        ops.push(`/${font.id} ${num(run.size)} Tf`);
        fontId = font.id;
        size = run.size;
      }
      const runCs = run.characterSpacing ?? 0;
      if (runCs !== cs) {
        ops.push(`${num(runCs)} Tc`);
        cs = runCs;
      }
      ops.push(`1 0 0 1 ${num(run.x)} ${num(H - run.y)} Tm`, `[${tj}] TJ`);
    }
    ops.push('ET');
    // Latin-1 bytes straight to the stream (the glyph strings are binary), without pdfkit's per-character copy.
    d.addContent(Buffer.from(ops.join('\n') + '\n', 'latin1'));
    doc.restore();
  }
  for (const run of fallbackRuns) {
    doc.font(fontName(run.font)).fontSize(run.size);
    doc.text(run.text, run.x, run.y, {
      lineBreak: false,
      baseline: 'alphabetic',
      ...(run.wordSpacing ? { wordSpacing: run.wordSpacing } : {}),
      ...(run.characterSpacing ? { characterSpacing: run.characterSpacing } : {}),
    });
  }
  for (const rule of page.rules) {
    doc.moveTo(rule.x1, rule.y1).lineTo(rule.x2, rule.y2).lineWidth(rule.width).stroke('black');
  }
  if (options.interactive) {
    for (const dest of page.destinations) doc.addNamedDestination(dest.name, 'XYZ', transform.x + dest.x * scale, transform.y + dest.y * scale, null);
    for (const link of page.links) doc.goTo(link.x, link.y, link.w, link.h, link.target, {});
  }
  doc.restore();
}
