// The print PDF: lays the book out (layout/) and paints the page list with pdfkit (paint.ts).
import PDFDocument from 'pdfkit';
import type { Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import { layoutBook } from './layout/book.js';
import { paintPage, registerFonts } from './paint.js';
import type { LaidOutBook, OutlineEntry } from './types.js';
export type { LaidOutBook, LaidOutPage, TextRun, PaintTransform, FontKey } from './types.js';
export { paintPage, registerFonts, fontName } from './paint.js';
export { pdfStoryText } from './story-text.js';
export { layoutBook } from './layout/book.js';

/** Lay the book out and write the print PDF (TrimBox on every page, BleedBox with --bleed). */
export async function renderPdf(book: Book, ctx: RenderContext): Promise<{ bytes: Uint8Array; pageCount: number; layout: LaidOutBook }> {
  const layout = layoutBook(book, ctx);
  if (layout.missingGlyphs.length) {
    ctx.messages.warn('missing-glyph', `no font has these characters (drawn as empty boxes): ${layout.missingGlyphs.map((m) => `${m.char} U+${m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ×${m.count}`).join(', ')}`);
  }
  const bytes = await paintDocument(layout, { interactive: !ctx.options.print });
  return { bytes, pageCount: layout.pages.length, layout };
}

/** Paint every page of a layout into one PDF document. */
export function paintDocument(layout: LaidOutBook, options: { interactive: boolean }): Promise<Uint8Array> {
  const bleed = layout.bleed;
  const width = layout.trim.width + 2 * bleed;
  const height = layout.trim.height + 2 * bleed;
  const doc = new PDFDocument({
    autoFirstPage: false,
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
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  registerFonts(doc, layout);
  const r = (n: number): number => Math.round(n * 1000) / 1000;
  for (let i = 0; i < layout.pages.length; i++) {
    doc.addPage({ size: [width, height], margin: 0 });
    const dict = doc.page.dictionary.data as Record<string, unknown>;
    dict.TrimBox = [r(bleed), r(bleed), r(bleed + layout.trim.width), r(bleed + layout.trim.height)];
    if (bleed) dict.BleedBox = [0, 0, r(width), r(height)];
    paintPage(doc, layout, i, { x: bleed, y: bleed }, { interactive: options.interactive });
  }
  if (options.interactive) addOutline(doc, layout.outline);
  doc.end();
  return done;
}

function addOutline(doc: InstanceType<typeof PDFDocument>, entries: OutlineEntry[]): void {
  const add = (parent: { addItem(title: string, options?: object): unknown }, e: OutlineEntry): void => {
    const item = parent.addItem(e.title, { pageNumber: e.pageIndex, expanded: false }) as { addItem(title: string, options?: object): unknown };
    for (const c of e.children) add(item, c);
  };
  for (const e of entries) add(doc.outline as unknown as { addItem(title: string, options?: object): unknown }, e);
}
