// Paints laid-out pages with pdfkit: fonts, text runs (written as TJ operators), rules, links and destinations; no layout decisions here.
import type PDFDocument from 'pdfkit';
import { ContentBytes, formatNumber, latin1Bytes } from './content-bytes.js';
import { codePointsOf, GlyphRun, shaperFor, type Shaper } from '../layout/text/shaper.js';
import { hashStep, POSITIONED, WordTable } from './word-table.js';
import { FONT_KEYS, type FontKey, type LaidOutBook, type PaintTransform, type TextRun } from '../types.js';
import type { Tagger } from './tags.js';
import { LAYOUT_ARTIFACT } from '../layout/page/structure.js';

type Doc = InstanceType<typeof PDFDocument>;

/** The parts of pdfkit's embedded font object the painter uses (glyph encoding registers glyphs for the subset). */
interface PdfkitFont {
  id: string;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}
interface DocInternals {
  _font: PdfkitFont;
  page: { fonts: Record<string, unknown>; height: number };
  addContent(s: string | Uint8Array): unknown;
}

/** pdfkit font name of a layout font key. */
export function fontName(key: FontKey): string {
  return `quire-${key}`;
}

/** Register the layout's font files on a document (once per document, before any paintPage). */
export function registerFonts(doc: Doc, layout: LaidOutBook): void {
  for (const key of FONT_KEYS) {
    // Registering names the file; pdfkit opens it only when a run is painted in the face.
    const file = layout.fonts[key];
    if (file) doc.registerFont(fontName(key), file);
  }
}

export interface PaintOptions {
  /** Draw link annotations and named destinations (the reading PDF); off for imposed sheets and print. */
  interactive?: boolean;
  /** The reading PDF: tag the runs and links with the layout's structure (`page.tags`). */
  tagger?: Tagger;
}

/**
 * Each word's glyphs as TJ array bytes (`(glyphs) kern (glyphs) `), or POSITIONED when it needs positioned marks
 * (then pdfkit draws the run). Kept per embedded font: the glyph ids are that document's subset ids.
 */
const wordTables = new WeakMap<PdfkitFont, WordTable>();

function wordTable(font: PdfkitFont): WordTable {
  let table = wordTables.get(font);
  if (!table) wordTables.set(font, (table = new WordTable()));
  return table;
}

const num = formatNumber;

/** A PDF text string for pdfkit (which writes a plain JS string as a name). */
function pdfText(s: string): string {
  return new String(s) as unknown as string;
}

/** Fill and stroke in DeviceGray black: one ink. */
export const BLACK_INK = '0 g 0 G';

/** One byte of a PDF literal string (binary, escaped where the syntax needs it). */
const LITERAL_BYTE: string[] = Array.from({ length: 256 }, (_, b) =>
  b === 0x28 ? '\\(' : b === 0x29 ? '\\)' : b === 0x5c ? '\\\\' : b === 0x0d ? '\\r' : b === 0x0a ? '\\n' : String.fromCharCode(b),
);

/** A 2-byte glyph id (Identity-H) as literal-string bytes: half the size of hex in the content stream. */
function glyphBytes(gid: number): string {
  return LITERAL_BYTE[(gid >> 8) & 0xff]! + LITERAL_BYTE[gid & 0xff]!;
}

/** The glyphs of the word being encoded. */
const glyphs = new GlyphRun();

/**
 * Encode a word once per font into its table (its glyphs registered in the subset, in first-use order, as pdfkit's
 * encode() registers them); returns the entry, POSITIONED for a word with marks moved off their place.
 */
function encodeWord(font: PdfkitFont, shaper: Shaper, table: WordTable, word: string): number {
  // The glyphs the layout measured.
  const n = shaper.glyphRun(word, glyphs);
  if (glyphs.rtl && !glyphs.positioned) return table.add(word, rightToLeft(font, word, n));
  let tj = '';
  let missing = false;
  let hex = '';
  let drawn = '';
  for (let k = 0; k < n; k++) {
    drawn += glyphs.texts[k]!;
    const gid = font.subset.includeGlyph(glyphs.ids[k]!);
    if (gid === 0) missing = true;
    if (font.widths[gid] == null) font.widths[gid] = glyphs.advances[k]! * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = codePointsOf(glyphs.texts[k]!);
    const offset = glyphs.offsets[k]!;
    if (offset !== 0) {
      tj += `${hex ? `(${hex}) ` : ''}${num(-offset * font.scale)} `;
      hex = '';
    }
    hex += glyphBytes(gid);
    const kern = glyphs.kerns[k]! - offset;
    if (kern !== 0) {
      tj += `(${hex}) ${num(-kern * font.scale)} `;
      hex = '';
    }
  }
  if (glyphs.positioned) return table.add(word, null);
  if (hex) tj += `(${hex}) `;
  // A character no font has is drawn as the empty box (.notdef), whose one ToUnicode entry cannot say which character
  // each box stands for; a right-to-left word's glyphs are drawn in visual order, an Indic word's reordered: the
  // word's own text goes with it as ActualText (the run's TJ array closed and opened again around it), so the PDF's
  // text (copied, searched, read aloud, audited) is the word.
  if (missing || drawn !== word) tj = `] TJ /Span <</ActualText <FEFF${utf16Hex(word)}>>> BDC [${tj}] TJ EMC [`;
  return table.add(word, tj);
}

/**
 * A right-to-left word's TJ bytes: its glyphs (in `glyphs`, visual order) written in reading order, each moved back to
 * its place, so the PDF's text reads as the word is written (pdftotext, the audit) while it looks as shaped; the pen
 * ends at the word's end. ActualText only where the glyphs' texts are not the word (a box, a glyph for two letters).
 */
function rightToLeft(font: PdfkitFont, word: string, n: number): string {
  const at = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) at[k + 1] = at[k]! + glyphs.advances[k]! + glyphs.kerns[k]!;
  let tj = '';
  let hex = '';
  let pen = 0;
  let drawn = '';
  let missing = false;
  for (let k = n - 1; k >= 0; k--) {
    const gid = font.subset.includeGlyph(glyphs.ids[k]!);
    if (gid === 0) missing = true;
    if (font.widths[gid] == null) font.widths[gid] = glyphs.advances[k]! * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = codePointsOf(glyphs.texts[k]!);
    drawn += glyphs.texts[k]!;
    const move = at[k]! + glyphs.offsets[k]! - pen;
    if (Math.abs(move) > 1e-9) {
      tj += `${hex ? `(${hex}) ` : ''}${num(-move * font.scale)} `;
      hex = '';
    }
    hex += glyphBytes(gid);
    pen = at[k]! + glyphs.offsets[k]! + glyphs.advances[k]!;
  }
  if (hex) tj += `(${hex}) `;
  if (Math.abs(at[n]! - pen) > 1e-9) tj += `${num(-(at[n]! - pen) * font.scale)} `;
  return missing || drawn !== word ? `] TJ /Span <</ActualText <FEFF${utf16Hex(word)}>>> BDC [${tj}] TJ EMC [` : tj;
}

/** Scripts whose glyphs are drawn in another order than their characters: right to left (Hebrew, Arabic, …) and Indic. */
const REORDERED = /[\u0590-\u0dff\ufb1d-\ufdff\ufe70-\ufefc]/;

/** A string's UTF-16BE code units in hex. */
function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return hex;
}

/** The entry of an empty word (two spaces in a row): no bytes. */
const NOTHING = -2;

/** The current font's state while a page's runs are written. */
interface FontState {
  font: PdfkitFont;
  shaper: Shaper;
  table: WordTable;
}

/** Word entries of the run being written (reused between runs). */
let parts = new Int32Array(256);

/** The entry of `word` in the current font, encoding it on first use. */
function entryOf(f: FontState, word: string): number {
  return f.table.entries.get(word) ?? encodeWord(f.font, f.shaper, f.table, word);
}

/**
 * Look up (encoding on first use) the words of a run (spaces split words; an empty word between two spaces draws
 * nothing) into `parts` and return how many, or -1 when some word needs pdfkit's positioned drawing. Words are
 * encoded in reading order, the space glyph first when the run has a space, exactly as far as the first word that fails.
 */
function encodeRun(f: FontState, text: string): number {
  if (text.indexOf(' ') === -1) {
    const w = text ? entryOf(f, text) : NOTHING;
    if (w === POSITIONED) return -1;
    parts[0] = w;
    return 1;
  }
  if (entryOf(f, ' ') === POSITIONED) return -1;
  const table = f.table;
  const n = text.length;
  let count = 0;
  let start = 0;
  let hash = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : SPACE;
    if (c !== SPACE) {
      hash = hashStep(hash, c);
      continue;
    }
    let w = NOTHING;
    if (i > start) {
      const seen = table.recent(text, start, i, hash);
      if (seen !== undefined) w = seen;
      else {
        const word = text.slice(start, i);
        w = entryOf(f, word);
        table.remember(word, hash, w);
      }
    }
    if (w === POSITIONED) return -1;
    if (count === parts.length) {
      const grown = new Int32Array(count * 2);
      grown.set(parts);
      parts = grown;
    }
    parts[count++] = w;
    start = i + 1;
    hash = 0;
  }
  return count;
}

const SPACE = 0x20;

const TF = latin1Bytes(' Tf\n');
const TC = latin1Bytes(' Tc\n');
const TZ = latin1Bytes(' Tz\n');
const TM_START = latin1Bytes('1 0 0 1 ');
const TM_END = latin1Bytes(' Tm\n[');
const TJ_END = latin1Bytes('] TJ\n');

/** The text of every page: one BT…ET block, written here between paintPage calls (one buffer, reused). */
const out = new ContentBytes();

/**
 * Draw page `pageIndex` of `layout` onto the current page of `doc`, its trim box's top-left corner at
 * (transform.x, transform.y) in pdfkit's top-down coordinates, scaled by `transform.scale` and, with
 * `rotate: 180`, turned upside down within the same box. Register the fonts (registerFonts) first. Returns the
 * indexes of the runs pdfkit drew, each in a text object of its own after the page's one BT…ET block of the others
 * (what the PDF audit needs to read the page back).
 */
export function paintPage(doc: Doc, layout: LaidOutBook, pageIndex: number, transform: PaintTransform, options: PaintOptions = {}): number[] {
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
  // Black ink only: DeviceGray for text and rules (pdfkit's colours are RGB or CMYK, which a press separates into four inks).
  doc.addContent(BLACK_INK);
  // Text: one BT…ET block in PDF (y-up) coordinates of the page's trim box.
  const fallbackRuns: number[] = [];
  const tagger = page.tags && options.tagger;
  let lastTag = -1;
  if (page.runs.length) {
    doc.save();
    doc.transform(1, 0, 0, -1, 0, H);
    out.ascii('BT\n');
    let fontId = '';
    let size = 0;
    let cs = 0;
    let tz = 100;
    let runFont: FontKey | undefined;
    let f: FontState | undefined;
    let pageFonts: Record<string, unknown> | undefined;
    for (let i = 0; i < page.runs.length; i++) {
      const run = page.runs[i]!;
      if (run.font !== runFont) {
        doc.font(fontName(run.font));
        f = { font: d._font, shaper: shaperFor(layout.fonts[run.font]!), table: wordTable(d._font) };
        runFont = run.font;
      }
      const font = f!.font;
      const count = encodeRun(f!, run.text);
      const tag = tagger ? page.tags![i]! : 0;
      if (tag >= 0) lastTag = tag;
      if (count < 0) {
        fallbackRuns.push(i);
        continue;
      }
      if (tagger && tag !== tagger.open) {
        // The tag's marked content begins here: what is written so far goes first.
        d.addContent(out.take());
        tagger.mark(tag);
      }
      pageFonts ??= d.page.fonts;
      if (pageFonts[font.id] == null) pageFonts[font.id] = font.ref();
      if (font.id !== fontId || run.size !== size) {
        out.ascii(`/${font.id} `);
        out.num(run.size);
        out.put(TF);
        fontId = font.id;
        size = run.size;
      }
      // Letter spacing as drawn: the PDF scales it by the horizontal scaling.
      const runCs = run.characterSpacing ? (run.characterSpacing * 100) / (run.horizontalScaling ?? 100) : 0;
      if (runCs !== cs) {
        out.num(runCs);
        out.put(TC);
        cs = runCs;
      }
      // Font expansion: the PDF's horizontal scaling (it scales the TJ numbers below too).
      const runTz = run.horizontalScaling ?? 100;
      if (runTz !== tz) {
        out.num(runTz);
        out.put(TZ);
        tz = runTz;
      }
      out.put(TM_START);
      out.num(run.x);
      out.byte(0x20);
      out.num(H - run.y);
      out.put(TM_END);
      const table = f!.table;
      const bytes = table.bytes;
      const offsets = table.offsets;
      const lengths = table.lengths;
      if (parts[0]! >= 0) out.putRange(bytes, offsets[parts[0]!]!, lengths[parts[0]!]!);
      if (count > 1) {
        // Word gaps: the space glyph, then the run's extra word spacing in thousandths of the size.
        const space = table.entries.get(' ')!;
        const extra = run.wordSpacing ? (-run.wordSpacing * 100000) / (run.size * tz) : undefined;
        for (let i = 1; i < count; i++) {
          out.putRange(bytes, offsets[space]!, lengths[space]!);
          if (extra !== undefined) {
            out.num(extra);
            out.byte(0x20);
          }
          const w = parts[i]!;
          if (w >= 0) out.putRange(bytes, offsets[w]!, lengths[w]!);
        }
      }
      const next = tagger && page.runs[i + 1];
      if (next && (next.join === 'space' || next.join === 'line')) {
        // Tagged text is read element by element, without the layout's gaps: the word space between this run and the
        // next (on this line or the next) is a space glyph, which draws nothing.
        const space = entryOf(f!, ' ');
        if (space >= 0) out.putRange(table.bytes, table.offsets[space]!, table.lengths[space]!);
      }
      out.put(TJ_END);
    }
    if (tagger) {
      d.addContent(out.take());
      tagger.close();
    }
    out.ascii('ET\n');
    // Binary bytes straight to the stream (the glyph strings are binary), without pdfkit's per-character copy.
    d.addContent(out.take());
    doc.restore();
  }
  for (const k of fallbackRuns) {
    const run = page.runs[k]!;
    if (tagger) tagger.mark(page.tags![k]!);
    doc.font(fontName(run.font)).fontSize(run.size);
    // pdfkit draws a right-to-left word's glyphs in visual order, an Indic word's reordered: its text goes with it as ActualText.
    const actual = REORDERED.test(run.text);
    if (actual) d.addContent(`/Span <</ActualText <FEFF${utf16Hex(run.text)}>>> BDC`);
    doc.text(run.text, run.x, run.y, {
      lineBreak: false,
      baseline: 'alphabetic',
      ...(run.wordSpacing ? { wordSpacing: (run.wordSpacing * 100) / (run.horizontalScaling ?? 100) } : {}),
      ...(run.horizontalScaling ? { horizontalScaling: run.horizontalScaling } : {}),
      ...(run.characterSpacing ? { characterSpacing: (run.characterSpacing * 100) / (run.horizontalScaling ?? 100) } : {}),
    });
    if (actual) d.addContent('EMC');
  }
  if (page.rules.length) tagger?.mark(LAYOUT_ARTIFACT);
  for (const rule of page.rules) {
    doc.moveTo(rule.x1, rule.y1).lineTo(rule.x2, rule.y2).lineWidth(rule.width).stroke();
  }
  tagger?.close();
  if (options.interactive) {
    for (const dest of page.destinations) doc.addNamedDestination(dest.name, 'XYZ', transform.x + dest.x * scale, transform.y + dest.y * scale, null);
    for (const link of page.links) {
      // A tagged link is a Link element's object, with a description (PDF/UA).
      const tagged = tagger && link.tag !== undefined ? { structParent: tagger.element(link.tag), Contents: pdfText(`Go to ${link.target.replace(/-/g, ' ')}`) } : {};
      doc.goTo(link.x, link.y, link.w, link.h, link.target, tagged);
    }
  }
  tagger?.endPage(lastTag);
  doc.restore();
  return fallbackRuns;
}
