// Sheet sizes and where scaled pages sit on a sheet side (boxes in points, pdfkit's top-down coordinates).
import type { PageSource, SheetName } from './types.js';

export const MM = 72 / 25.4;

/** Landscape sheet sizes in points: [width, height]. */
export const SHEET_SIZES: Record<SheetName, readonly [number, number]> = {
  a4: [841.89, 595.28],
  letter: [792, 612],
};

export const SHEET_LABELS: Record<SheetName, string> = {
  a4: 'A4 (210 × 297 mm)',
  letter: 'US Letter (8.5 × 11 in)',
};

/** Space kept free round the sheet's edge for marks when marks are on (pages shrink to fit inside it). */
export const MARK_MARGIN = 20;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The placed page size for one slot of `slotW` × `slotH`: scaled to fit, aspect kept. */
export function fitScale(source: Pick<PageSource, 'width' | 'height'>, slotW: number, slotH: number): number {
  return Math.min(slotW / source.width, slotH / source.height);
}

export interface SpreadGeometry {
  width: number;
  height: number;
  scale: number;
  /** The two page boxes meeting at the spine (the sheet's vertical centre line), before creep. */
  left: Box;
  right: Box;
}

/** Two pages side by side on a landscape sheet, meeting at the centre; shrunk to leave a mark margin when asked. */
export function spreadGeometry(sheet: SheetName, source: Pick<PageSource, 'width' | 'height'>, marks: boolean): SpreadGeometry {
  const [width, height] = SHEET_SIZES[sheet];
  const margin = marks ? MARK_MARGIN : 0;
  const scale = fitScale(source, (width - 2 * margin) / 2, height - 2 * margin);
  const w = source.width * scale;
  const h = source.height * scale;
  const y = (height - h) / 2;
  return { width, height, scale, left: { x: width / 2 - w, y, w, h }, right: { x: width / 2, y, w, h } };
}

export interface GridGeometry {
  width: number;
  height: number;
  scale: number;
  /** Top-left of the grid and one cell's size; a page is centred in its cell. */
  originX: number;
  originY: number;
  cellW: number;
  cellH: number;
}

/** A columns × rows grid of cells filling the sheet (less the mark margin). */
export function gridGeometry(sheet: SheetName, source: Pick<PageSource, 'width' | 'height'>, columns: number, rows: number, marks: boolean): GridGeometry {
  const [width, height] = SHEET_SIZES[sheet];
  const margin = marks ? MARK_MARGIN : 0;
  const cellW = (width - 2 * margin) / columns;
  const cellH = (height - 2 * margin) / rows;
  return { width, height, scale: fitScale(source, cellW, cellH), originX: margin, originY: margin, cellW, cellH };
}

/** The same box after turning the whole sheet side by 180° about its centre. */
export function rotateBox(box: Box, width: number, height: number): Box {
  return { x: width - box.x - box.w, y: height - box.y - box.h, w: box.w, h: box.h };
}
