// Paints a planned saddle-stitch booklet: two scaled pages per landscape sheet side, both sides of every sheet.
import { createSheetDocument, type SheetDocument } from './document.js';
import { drawSpreadMarks } from './marks.js';
import { planBooklet } from './plan-booklet.js';
import { MARK_MARGIN, MM, rotateBox, spreadGeometry, type Box, type SpreadGeometry } from './sheet.js';
import type { BookletOptions, Doc, ImposedBooklet, PageSource, SheetSide } from './types.js';

/**
 * Impose `source` as a booklet: per sheet a front side then a back side (PDF pages in print order).
 * With duplex `long` every back side is turned 180° so long-edge flipping printers line up.
 */
export async function imposeBooklet(source: PageSource, options: BookletOptions): Promise<ImposedBooklet> {
  const plan = planBooklet(source.pageCount, {
    ...(options.signature !== undefined && { signature: options.signature }),
    ...(options.creepMm !== undefined && { creepMm: options.creepMm }),
  });
  const geometry = spreadGeometry(options.sheet, source, options.marks ?? false);
  const sheets = createSheetDocument(options.info, `Imposed booklet: ${plan.sheets.length} sheets ${options.sheet}, duplex ${options.duplex} edge`, plan.sheets.length * 2, options.deflater);
  source.setup(sheets.doc);
  for (const sheet of plan.sheets) {
    paintSide(sheets, source, geometry, sheet.front, false, options.marks ?? false);
    paintSide(sheets, source, geometry, sheet.back, options.duplex === 'long', options.marks ?? false);
  }
  const bytes = await sheets.finish();
  return { bytes, sheets: plan.sheets.length, sides: plan.sheets.length * 2, plan };
}

function paintSide(sheets: SheetDocument, source: PageSource, g: SpreadGeometry, side: SheetSide, turned: boolean, marks: boolean): void {
  sheets.side(g.width, g.height, () => drawSide(sheets.doc, source, g, side, turned, marks));
}

function drawSide(doc: Doc, source: PageSource, g: SpreadGeometry, side: SheetSide, turned: boolean, marks: boolean): void {
  // Creep: both pages move towards the spine (left page right, right page left).
  const placements: Array<{ page: number | null; box: Box }> = [
    { page: side.left.page, box: { ...g.left, x: g.left.x + side.left.creepMm * MM } },
    { page: side.right.page, box: { ...g.right, x: g.right.x - side.right.creepMm * MM } },
  ];
  for (const { page, box } of placements) {
    if (page === null) continue;
    const placed = turned ? rotateBox(box, g.width, g.height) : box;
    source.draw(doc, page, { x: placed.x, y: placed.y, scale: g.scale, rotate: turned ? 180 : 0 });
  }
  if (marks) {
    const spread: Box = { x: g.left.x, y: g.left.y, w: g.left.w + g.right.w, h: g.left.h };
    drawSpreadMarks(doc, turned ? rotateBox(spread, g.width, g.height) : spread, MARK_MARGIN);
  }
}
