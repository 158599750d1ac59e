// The print PDF: lays the book out (layout/) and paints the page list with pdfkit (paint.ts).
import type { Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import type { LaidOutBook } from './types.js';
export type { LaidOutBook } from './types.js';
export { paintPage, registerFonts, fontName } from './paint.js';

export async function renderPdf(book: Book, ctx: RenderContext): Promise<{ bytes: Uint8Array; pageCount: number; layout: LaidOutBook }> {
  void book;
  void ctx;
  throw new Error('renderPdf: not implemented yet');
}

export function pdfStoryText(layout: LaidOutBook): Map<string, string> {
  void layout;
  throw new Error('pdfStoryText: not implemented yet');
}
