// One-sheet mini-zine planning: the 8 panels of the fold-and-cut grid and which page sits in each (no PDF).
import { QuireError } from '../common/diagnostics.js';
import { paddedOrder } from './pad.js';
import type { MiniZinePanel, MiniZinePlan } from './types.js';

export const MINIZINE_PAGES = 8;

/** Folded-zine position (1-based) of each grid cell: top row (upside down) 5 4 3 2, bottom row 6 7 8 1. */
const GRID: ReadonlyArray<readonly [number, number, number, number]> = [
  [5, 4, 3, 2],
  [6, 7, 8, 1],
];

/** Plan the 4×2 panel grid for up to 8 pages; more is an error that says how many pages the content needs. */
export function planMiniZine(pageCount: number): MiniZinePlan {
  if (!Number.isInteger(pageCount) || pageCount < 1) throw new QuireError(`the mini-zine needs at least one page (got ${pageCount})`);
  if (pageCount > MINIZINE_PAGES) {
    throw new QuireError(
      `the mini-zine holds ${MINIZINE_PAGES} pages but this content needs ${pageCount}; pick a single story or excerpt, or use --formats zine`,
    );
  }
  const order = paddedOrder(pageCount, MINIZINE_PAGES);
  const panels: MiniZinePanel[] = [];
  GRID.forEach((row, r) =>
    row.forEach((position, column) => {
      panels.push({ position, page: order[position - 1] ?? null, column, row: r === 0 ? 0 : 1, rotate: r === 0 ? 180 : 0 });
    }),
  );
  return { pageCount, panels };
}
