// Where a print page's trim box sits in its media box: a bleed on the top, bottom and outside edge (a recto bleeds
// right, a verso left: KDP, IngramSpark), or on all four edges (Lulu).
import type { LaidOutBook } from './types.js';

export interface PageBox {
  /** Media box size, points. */
  width: number;
  height: number;
  /** The trim box's top-left corner in the media box (pdfkit's top-down coordinates), points. */
  trimX: number;
  trimY: number;
}

/** The boxes of page `pageIndex` (0-based: even indexes are rectos). */
export function pageBox(layout: Pick<LaidOutBook, 'trim' | 'bleed' | 'bleedEdges'>, pageIndex: number): PageBox {
  const b = layout.bleed;
  const all = layout.bleedEdges === 'all';
  const recto = pageIndex % 2 === 0;
  return {
    width: layout.trim.width + (all ? 2 * b : b),
    height: layout.trim.height + 2 * b,
    trimX: all || !recto ? b : 0,
    trimY: b,
  };
}

/** MediaBox, TrimBox (rounded to 1/1000 pt) and BleedBox of a page as PDF rectangles, y up from the media box's bottom-left corner. */
export function pdfBoxes(layout: Pick<LaidOutBook, 'trim' | 'bleed' | 'bleedEdges'>, pageIndex: number): { trim: number[]; bleed: number[]; media: number[] } {
  const box = pageBox(layout, pageIndex);
  const r = (n: number): number => Math.round(n * 1000) / 1000;
  const bottom = box.height - box.trimY - layout.trim.height;
  return {
    media: [0, 0, box.width, box.height],
    trim: [r(box.trimX), r(bottom), r(box.trimX + layout.trim.width), r(bottom + layout.trim.height)],
    // The whole media box (written as pdfkit writes the MediaBox).
    bleed: [0, 0, box.width, box.height],
  };
}
