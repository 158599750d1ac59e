// Fold and trim marks drawn in the margin outside the page area of an imposed sheet side.
import type { Box } from './sheet.js';
import type { Doc } from './types.js';
import { BLACK_INK } from '../render/pdf/paint/page.js';

/** Gap between the page edge and where a mark starts, and the longest a mark gets. */
const OFFSET = 4;
const LENGTH = 12;
const WEIGHT = 0.4;

function line(doc: Doc, x1: number, y1: number, x2: number, y2: number, dash: boolean): void {
  doc.save();
  if (dash) doc.dash(2, { space: 2 });
  doc.addContent(BLACK_INK);
  doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(WEIGHT).stroke();
  doc.restore();
}

/**
 * Marks for a spread (two pages meeting at the spine): trim marks at the four outer corners of the
 * spread, a dashed fold mark above and below the spine. Everything stays outside `spread`.
 */
export function drawSpreadMarks(doc: Doc, spread: Box, margin: number): void {
  const len = Math.max(0, Math.min(LENGTH, margin - OFFSET - 2));
  if (len === 0) return;
  const { x, y, w, h } = spread;
  const right = x + w;
  const bottom = y + h;
  for (const [cx, cy, sx, sy] of [
    [x, y, -1, -1],
    [right, y, 1, -1],
    [x, bottom, -1, 1],
    [right, bottom, 1, 1],
  ] as const) {
    line(doc, cx + sx * OFFSET, cy, cx + sx * (OFFSET + len), cy, false);
    line(doc, cx, cy + sy * OFFSET, cx, cy + sy * (OFFSET + len), false);
  }
  const spine = x + w / 2;
  line(doc, spine, y - OFFSET, spine, y - OFFSET - len, true);
  line(doc, spine, bottom + OFFSET, spine, bottom + OFFSET + len, true);
}

/**
 * Marks for the mini-zine grid: dashed fold ticks at the sheet's edges on every cell boundary, and the
 * cut: a solid line along the middle fold across the two centre columns, with short ticks at its ends.
 */
export function drawGridMarks(doc: Doc, grid: Box, columns: number, rows: number, margin: number): void {
  const len = Math.max(0, Math.min(LENGTH, margin - OFFSET - 2));
  const { x, y, w, h } = grid;
  const cellW = w / columns;
  const cellH = h / rows;
  if (len > 0) {
    for (let c = 1; c < columns; c++) {
      const fx = x + c * cellW;
      line(doc, fx, y - OFFSET, fx, y - OFFSET - len, true);
      line(doc, fx, y + h + OFFSET, fx, y + h + OFFSET + len, true);
    }
    for (let r = 1; r < rows; r++) {
      const fy = y + r * cellH;
      line(doc, x - OFFSET, fy, x - OFFSET - len, fy, true);
      line(doc, x + w + OFFSET, fy, x + w + OFFSET + len, fy, true);
    }
  }
  if (columns === 4 && rows === 2) {
    const cy = y + cellH;
    line(doc, x + cellW, cy, x + 3 * cellW, cy, false);
    line(doc, x + cellW, cy - 4, x + cellW, cy + 4, false);
    line(doc, x + 3 * cellW, cy - 4, x + 3 * cellW, cy + 4, false);
  }
}
