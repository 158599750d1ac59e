// Saddle-stitch booklet planning: which page goes on which side of which sheet, signatures and creep (no PDF).
import { QuireError } from '../common/diagnostics.js';
import { paddedOrder } from './pad.js';
import type { BookletPlan, BookletSheet, Slot } from './types.js';

export interface BookletPlanOptions {
  /** Sheets per signature; unset = all sheets nest into one signature. */
  signature?: number;
  /** Creep compensation for the innermost sheet of each signature, mm; outer sheets get proportionally less. */
  creepMm?: number;
}

/**
 * Plan a booklet of `pageCount` pages folded from sheets printed 2-up on both sides. Within a
 * signature of n pages (1-based), sheet i carries front: left n−2i, right 1+2i; back: left 2+2i,
 * right n−1−2i — each side sums to n+1.
 */
export function planBooklet(pageCount: number, options: BookletPlanOptions = {}): BookletPlan {
  if (!Number.isInteger(pageCount) || pageCount < 1) throw new QuireError(`the zine needs at least one page (got ${pageCount})`);
  const creepMm = options.creepMm ?? 0;
  if (!Number.isFinite(creepMm) || creepMm < 0) throw new QuireError(`--creep must be a length in mm of 0 or more (got ${options.creepMm})`, { kind: 'usage' });
  if (options.signature !== undefined && (!Number.isInteger(options.signature) || options.signature < 1)) {
    throw new QuireError(`--signature must be a whole number of sheets, 1 or more (got ${options.signature})`, { kind: 'usage' });
  }
  const order = paddedOrder(pageCount, 4);
  const totalSheets = order.length / 4;
  const perSignature = Math.min(options.signature ?? totalSheets, totalSheets);
  const sheets: BookletSheet[] = [];
  let signature = 0;
  for (let start = 0; start < order.length; start += perSignature * 4, signature++) {
    const pages = order.slice(start, start + perSignature * 4);
    const n = pages.length;
    const count = n / 4;
    for (let i = 0; i < count; i++) {
      const creep = count > 1 ? (creepMm * i) / (count - 1) : 0;
      const slot = (folio: number): Slot => ({ page: pages[folio - 1] ?? null, creepMm: creep });
      sheets.push({
        index: sheets.length,
        signature,
        sheetInSignature: i,
        front: { left: slot(n - 2 * i), right: slot(1 + 2 * i) },
        back: { left: slot(2 + 2 * i), right: slot(n - 1 - 2 * i) },
      });
    }
  }
  return { pageCount, paddedCount: order.length, order, sheetsPerSignature: perSignature, signatures: signature, creepMm, sheets };
}
