// The print PDF: lays the book out (layout/) and paints the page list with pdfkit (paint.ts).
import PDFDocument from 'pdfkit';
import type { Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import { layoutBook } from './layout/book.js';
import { PageDeflater } from './deflate-worker.js';
import { collectOutput } from './output.js';
import { fontName, paintPage, registerFonts } from './paint.js';
import type { FontKey, LaidOutBook, OutlineEntry, PaintedPages } from './types.js';
export type { LaidOutBook, LaidOutPage, TextRun, PaintTransform, FontKey, PaintedPages } from './types.js';
export { paintPage, registerFonts, fontName } from './paint.js';
export { pdfStoryText } from './story-text.js';
export { layoutBook } from './layout/book.js';

/** Lay the book out and write the print PDF (TrimBox on every page, BleedBox with --bleed). */
export async function renderPdf(book: Book, ctx: RenderContext): Promise<{ bytes: Uint8Array; pageCount: number; layout: LaidOutBook }> {
  const layout = await layoutBook(book, ctx);
  if (layout.missingGlyphs.length) {
    ctx.messages.warn('missing-glyph', `no font has these characters (drawn as empty boxes): ${layout.missingGlyphs.map((m) => `${m.char} U+${m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ×${m.count}`).join(', ')}`);
  }
  const painted: PaintedPages = { contents: [], width: 0, height: 0, fonts: [] };
  const bytes = await paintDocument(layout, { interactive: !ctx.options.print, capture: painted });
  layout.painted = painted;
  return { bytes, pageCount: layout.pages.length, layout };
}

/**
 * Paint every page of a layout into one PDF document; with `capture`, keep each page's content stream and the font subsets.
 *
 * Pages are painted first (pdfkit keeps them buffered), each page's content stream handed to the deflater as soon as
 * it is complete (a worker thread for a long book); then, page by page, the deflated stream goes in and the page is
 * written. Objects that painting would have written at once (link annotations) are held back and written just
 * before their page, so the file comes out in the same order, byte for byte, as painting and writing page by page.
 */
export async function paintDocument(layout: LaidOutBook, options: { interactive: boolean; capture?: PaintedPages }): Promise<Uint8Array> {
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
  const d = doc as unknown as DocInternals;
  registerFonts(doc, layout);
  const r = (n: number): number => Math.round(n * 1000) / 1000;
  const trimBox = [r(bleed), r(bleed), r(bleed + layout.trim.width), r(bleed + layout.trim.height)];
  const deflater = new PageDeflater(layout.pages.length);
  const deflated: Array<Uint8Array | Promise<Uint8Array>> = [];
  const held: Array<Array<() => void>> = [];
  const release = holdWrites(d);
  try {
    for (let i = 0; i < layout.pages.length; i++) {
      doc.addPage({ size: [width, height], margin: 0 });
      const dict = doc.page.dictionary.data as Record<string, unknown>;
      dict.TrimBox = trimBox.slice();
      if (bleed) dict.BleedBox = [0, 0, r(width), r(height)];
      held.push((release.held = []));
      paintPage(doc, layout, i, { x: bleed, y: bleed }, { interactive: options.interactive });
      release.held = undefined;
      // The page's content is complete: deflate it once ourselves, so imposition can place the very same compressed stream.
      const content = (doc.page as unknown as { content: PageContent }).content;
      deflated.push(deflater.add(concatChunks(content.buffer)));
      content.buffer = [];
    }
  } finally {
    release.restore();
  }
  deflater.flush();
  const pages = d._pageBuffer;
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i]!;
    const stream = await deflated[i]!;
    const content = page.content;
    content.buffer = [stream];
    content.compress = false;
    content.data.Filter = 'FlateDecode';
    if (options.capture) options.capture.contents.push(stream);
    for (const write of held[i]!) write();
    d._pageBuffer = [page];
    doc.flushPages();
  }
  if (options.capture) {
    options.capture.width = width;
    options.capture.height = height;
    const families = (doc as unknown as { _fontFamilies: Record<string, CapturedFont | undefined> })._fontFamilies;
    const seen = new Set<string>();
    for (const key of Object.keys(layout.fonts) as FontKey[]) {
      const font = families[fontName(key)];
      if (!font || seen.has(font.id)) continue;
      seen.add(font.id);
      // Shared arrays: the document embeds its subset at the end; imposition copies them after that.
      options.capture.fonts.push({ id: font.id, key, glyphs: font.subset.glyphs, widths: font.widths, unicode: font.unicode });
    }
  }
  if (options.interactive) addOutline(doc, layout.outline);
  doc.end();
  return done;
}

/** One buffer of a page's content chunks (pdfkit's operators and the painter's text block). */
function concatChunks(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let size = 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * While `held` is set, objects the document would write at once (pdfkit ends a link annotation as soon as it is
 * made) are held there instead, each as a closure that writes it; their object numbers are taken as usual.
 */
function holdWrites(d: DocInternals): { held: Array<() => void> | undefined; restore(): void } {
  const state: { held: Array<() => void> | undefined; restore(): void } = {
    held: undefined,
    restore: () => {
      delete (d as Partial<DocInternals>).ref;
    },
  };
  const ref = d.ref;
  d.ref = function (this: DocInternals, data?: object): PdfkitRef {
    const made = ref.call(this, data);
    const end = made.end;
    made.end = (chunk?: unknown): void => {
      if (state.held) state.held.push(() => end.call(made, chunk));
      else end.call(made, chunk);
    };
    return made;
  };
  return state;
}

interface PdfkitRef {
  end(chunk?: unknown): void;
}

/** The pdfkit internals the document painter drives: its page buffer and object references. */
interface DocInternals {
  _pageBuffer: Array<{ content: PageContent }>;
  ref(data?: object): PdfkitRef;
}

/** pdfkit's page content reference (PDFReference) before it is flushed. */
interface PageContent {
  buffer: Uint8Array[];
  compress: boolean;
  data: Record<string, unknown>;
}

/** The parts of pdfkit's embedded font whose state decides the glyph ids written into content streams. */
interface CapturedFont {
  id: string;
  subset: { glyphs: number[] };
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
