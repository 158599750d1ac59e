// The print PDF: lays the book out (layout/) and paints the page list with pdfkit (paint.ts).
import PDFDocument from 'pdfkit';
import type { Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import type { DeflaterFor } from './deflate.js';
import { layoutBook, type StorySetter } from './layout/book.js';
import { rememberEncodedSubset } from './font-subsets.js';
import { collectOutput } from './output.js';
import { PageWriter } from './page-writer.js';
import { fontName, paintPage, registerFonts } from './paint.js';
import type { FontKey, LaidOutBook, OutlineEntry, PaintedPages } from './types.js';
export type { LaidOutBook, LaidOutPage, TextRun, PaintTransform, FontKey, PaintedPages } from './types.js';
export { paintPage, registerFonts, fontName } from './paint.js';
export { paintedStoryText, pdfStoryText } from './story-text.js';
export { layoutBook } from './layout/book.js';
export { shareStories } from './layout/story-share.js';

/** How renderPdf's work is shared out: the stories' setting, the page streams' deflating (default: here); a call between layout and paint. */
export interface PdfHooks {
  setStories?: StorySetter;
  deflater?: DeflaterFor;
  afterLayout?: () => void;
}

/** Lay the book out and write the print PDF (TrimBox on every page, BleedBox with --bleed). */
export async function renderPdf(book: Book, ctx: RenderContext, hooks: PdfHooks = {}): Promise<{ bytes: Uint8Array; pageCount: number; layout: LaidOutBook }> {
  const layout = await layoutBook(book, ctx, hooks.setStories);
  hooks.afterLayout?.();
  if (layout.missingGlyphs.length) {
    ctx.messages.warn('missing-glyph', `no font has these characters (drawn as empty boxes): ${layout.missingGlyphs.map((m) => `${m.char} U+${m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ×${m.count}`).join(', ')}`);
  }
  const painted: PaintedPages = { contents: [], width: 0, height: 0, fonts: [], fallback: [] };
  const bytes = await paintDocument(layout, { interactive: !ctx.options.print, capture: painted, ...(hooks.deflater && { deflater: hooks.deflater }) });
  layout.painted = painted;
  return { bytes, pageCount: layout.pages.length, layout };
}

/**
 * Paint every page of a layout into one PDF document; with `capture`, keep each page's content stream and the font
 * subsets. Pages are painted first (pdfkit keeps them buffered) while their content streams are deflated (by `deflater`:
 * beside this thread for a long book); then they are written in order (PageWriter).
 */
export async function paintDocument(layout: LaidOutBook, options: { interactive: boolean; capture?: PaintedPages; deflater?: DeflaterFor }): Promise<Uint8Array> {
  const bleed = layout.bleed;
  const width = layout.trim.width + 2 * bleed;
  const height = layout.trim.height + 2 * bleed;
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: [width, height],
    margin: 0,
    compress: true,
    pdfVersion: '1.7',
    lang: layout.meta.language,
    displayTitle: true,
    info: {
      Title: layout.meta.title,
      Author: layout.meta.author,
      Subject: layout.meta.subject,
      Creator: 'quire',
      Producer: 'quire (pdfkit)',
      CreationDate: layout.meta.modified,
      ModDate: layout.meta.modified,
    },
  });
  const done = collectOutput(doc);
  registerFonts(doc, layout);
  const r = (n: number): number => Math.round(n * 1000) / 1000;
  const writer = new PageWriter(doc, layout.pages.length, DEFLATE_LEVEL, options.deflater);
  for (let i = 0; i < layout.pages.length; i++) {
    doc.addPage({ size: [width, height], margin: 0 });
    const dict = doc.page.dictionary.data as Record<string, unknown>;
    dict.TrimBox = [r(bleed), r(bleed), r(bleed + layout.trim.width), r(bleed + layout.trim.height)];
    if (bleed) dict.BleedBox = [0, 0, r(width), r(height)];
    writer.paint(() => {
      const fallback = paintPage(doc, layout, i, { x: bleed, y: bleed }, { interactive: options.interactive });
      options.capture?.fallback.push(fallback);
    });
  }
  // Each page's content stream is deflated once, here, so imposition can place the very same compressed stream.
  await writer.finish((_, stream) => options.capture?.contents.push(stream));
  if (options.capture) {
    options.capture.width = width;
    options.capture.height = height;
    const families = (doc as unknown as { _fontFamilies: Record<string, CapturedFont | undefined> })._fontFamilies;
    const seen = new Set<string>();
    for (const key of Object.keys(layout.fonts) as FontKey[]) {
      const font = families[fontName(key)];
      if (!font || seen.has(font.id)) continue;
      seen.add(font.id);
      // Shared arrays: the document embeds its subset at the end; imposition copies them after that (and its file bytes).
      options.capture.fonts.push({ id: font.id, key, glyphs: font.subset.glyphs, widths: font.widths, unicode: font.unicode });
      rememberEncodedSubset(font.subset);
    }
  }
  if (options.interactive) addOutline(doc, layout.outline);
  doc.end();
  return done;
}

/**
 * Once every page is painted (`layout.painted`), imposition places the content streams and needs no runs: drop
 * them so a big book's zine is made in the memory they held. Pages not painted keep them.
 */
export function releasePaintedRuns(layout: LaidOutBook): void {
  if (layout.painted?.contents.length !== layout.pages.length) return;
  for (const page of layout.pages) page.runs = [];
}

/** zlib level of page content streams (4: measured 1.5× faster than the default 6 on the large book, 3 % bigger). */
const DEFLATE_LEVEL = 4;

/** The parts of pdfkit's embedded font whose state decides the glyph ids written into content streams. */
interface CapturedFont {
  id: string;
  subset: { glyphs: number[]; encode(): Uint8Array };
  widths: number[];
  unicode: number[][];
}

function addOutline(doc: InstanceType<typeof PDFDocument>, entries: OutlineEntry[]): void {
  const add = (parent: { addItem(title: string, options?: object): unknown }, e: OutlineEntry): void => {
    const item = parent.addItem(e.title, { pageNumber: e.pageIndex, expanded: false }) as { addItem(title: string, options?: object): unknown };
    for (const c of e.children) add(item, c);
  };
  for (const e of entries) add(doc.outline as unknown as { addItem(title: string, options?: object): unknown }, e);
}
