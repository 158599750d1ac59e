// Zine imposition: plans (pure) and painters for the saddle-stitch booklet and the one-sheet mini-zine.
export { planBooklet, type BookletPlanOptions } from './plan-booklet.js';
export { planMiniZine, MINIZINE_PAGES } from './plan-minizine.js';
export { imposeBooklet } from './booklet.js';
export { imposeMiniZine, miniZinePanel } from './minizine.js';
export { pageSourceFromLayout } from './layout-source.js';
export { printingInstructions, type InstructionOptions } from './instructions.js';
export { SHEET_SIZES } from './sheet.js';
export type * from './types.js';
