// Paints the one-sheet 8-page mini-zine: a 4×2 grid of scaled pages on one side, the top row upside down.
import { createSheetDocument } from './document.js';
import { drawGridMarks } from './marks.js';
import { planMiniZine } from './plan-minizine.js';
import { gridGeometry, MARK_MARGIN } from './sheet.js';
import type { ImposedMiniZine, MiniZineOptions, PageSource } from './types.js';

const COLUMNS = 4;
const ROWS = 2;

/** The size a page is placed at in each panel (a layout for the mini-zine sets its pages this size: placed unscaled). */
export function miniZinePanel(sheet: MiniZineOptions['sheet'], marks = false): { width: number; height: number } {
  const g = gridGeometry(sheet, { width: 1, height: 1 }, COLUMNS, ROWS, marks);
  return { width: g.cellW, height: g.cellH };
}

/** Impose up to 8 pages of `source` on one landscape sheet side; more pages throw a QuireError. */
export async function imposeMiniZine(source: PageSource, options: MiniZineOptions): Promise<ImposedMiniZine> {
  const plan = planMiniZine(source.pageCount);
  const marks = options.marks ?? false;
  const g = gridGeometry(options.sheet, source, COLUMNS, ROWS, marks);
  const sheet = createSheetDocument(options.info, `One-sheet 8-page mini-zine on ${options.sheet}`, 1);
  const doc = sheet.doc;
  source.setup(doc);
  const w = source.width * g.scale;
  const h = source.height * g.scale;
  sheet.side(g.width, g.height, () => {
    for (const panel of plan.panels) {
      if (panel.page === null) continue;
      // Pages sit centred in their cell; the top row's pages are turned so they read upright once folded.
      const x = g.originX + panel.column * g.cellW + (g.cellW - w) / 2;
      const y = g.originY + panel.row * g.cellH + (g.cellH - h) / 2;
      source.draw(doc, panel.page, { x, y, scale: g.scale, rotate: panel.rotate });
    }
    if (marks) drawGridMarks(doc, { x: g.originX, y: g.originY, w: g.cellW * COLUMNS, h: g.cellH * ROWS }, COLUMNS, ROWS, MARK_MARGIN);
  });
  const bytes = await sheet.finish();
  return { bytes, plan };
}
