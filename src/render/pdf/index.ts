// The print PDF: lays the book out (layout/) and paints the pages with pdfkit (paint/).
import type { Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import type { DeflaterFor } from './deflate.js';
import { layoutBook, type StorySetter } from './layout/book.js';
import { paintDocument } from './paint/document.js';
import { checkMissingGlyphs } from './missing-glyphs.js';
import { shopRules } from './shops.js';
import type { LaidOutBook, PaintedPages } from './types.js';
export type { LaidOutBook, LaidOutPage, TextRun, PaintTransform, FontKey, PaintedPages } from './types.js';
export { paintPage, registerFonts, fontName } from './paint/page.js';
export { drawnPages, paintedStoryText, pdfStoryText, storyPageStarts } from './story-text.js';
export { paintDocument } from './paint/document.js';
export { layoutBook } from './layout/book.js';
export { layoutMiniZine } from './layout/minizine.js';
export { shareStories } from './layout/story-share.js';

/**
 * How renderPdf's work is shared out: the stories' setting, the page streams' deflating (default: here); a call
 * between layout and paint, and one once the pages are painted (`painted`, what `layout.painted` will be), before
 * the document is written.
 */
export interface PdfHooks {
  setStories?: StorySetter;
  deflater?: DeflaterFor;
  afterLayout?: (layout: LaidOutBook) => void;
  afterPaint?: (layout: LaidOutBook, painted: PaintedPages) => void;
}

/** Lay the book out and write the print PDF (TrimBox on every page, BleedBox with --bleed). */
export async function renderPdf(book: Book, ctx: RenderContext, hooks: PdfHooks = {}): Promise<{ bytes: Uint8Array; pageCount: number; layout: LaidOutBook }> {
  const layout = await layoutBook(book, ctx, hooks.setStories);
  if (hooks.afterLayout) {
    hooks.afterLayout(layout);
    // What waited for the layout starts now (a job beside this thread), not when the painter first yields.
    await new Promise((resolve) => setImmediate(resolve));
  }
  checkMissingGlyphs(layout, book, ctx, ctx.options.strict ?? false);
  const range = shopRules(ctx.options.shop).pages;
  if (ctx.options.print && range && (layout.pages.length < range.min || layout.pages.length > range.max)) {
    ctx.messages.warn('page-count', `${range.shop} prints paperbacks of ${range.min} to ${range.max} pages; this interior has ${layout.pages.length}`);
  }
  const painted: PaintedPages = { contents: [], width: 0, height: 0, fonts: [], fallback: [] };
  const afterPaint = hooks.afterPaint;
  const bytes = await paintDocument(layout, { interactive: !ctx.options.print, pdfx: ctx.options.print, capture: painted, ...(hooks.deflater && { deflater: hooks.deflater }), ...(afterPaint && { painted: (p: PaintedPages) => afterPaint(layout, p) }) });
  layout.painted = painted;
  return { bytes, pageCount: layout.pages.length, layout };
}

/**
 * Once every page is painted (`layout.painted`), imposition places the content streams and needs no runs: drop
 * them so a big book's zine is made in the memory they held. Pages not painted keep them.
 */
export function releasePaintedRuns(layout: LaidOutBook): void {
  if (layout.painted?.contents.length !== layout.pages.length) return;
  for (const page of layout.pages) page.runs = [];
}
