// Adapts the PDF renderer's laid-out page list to a PageSource, so imposition paints pages without laying out again.
import { paintPage, registerFonts } from '../render/pdf/paint.js';
import type { LaidOutBook } from '../render/pdf/types.js';
import type { PageSource } from './types.js';

/** The trim-size pages of `layout`, painted by the PDF renderer's painter (print mode: no links). */
export function pageSourceFromLayout(layout: LaidOutBook): PageSource {
  return {
    pageCount: layout.pages.length,
    width: layout.trim.width,
    height: layout.trim.height,
    setup: (doc) => registerFonts(doc, layout),
    draw: (doc, pageIndex, transform) => paintPage(doc, layout, pageIndex, transform, { interactive: false }),
  };
}
