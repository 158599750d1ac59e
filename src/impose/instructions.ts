// Plain-text printing instructions (paper, duplex setting, folding, stapling) printed after a zine build.
import { SHEET_LABELS } from './sheet.js';
import type { BookletPlan, DuplexEdge, MiniZinePlan, SheetName } from './types.js';

export interface InstructionOptions {
  sheet: SheetName;
  duplex?: DuplexEdge;
  marks?: boolean;
  /** The output file name, shown in the heading. */
  file?: string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Instructions for a booklet plan or a mini-zine plan, one step per line. */
export function printingInstructions(options: InstructionOptions, plan: BookletPlan | MiniZinePlan): string {
  return 'panels' in plan ? miniZineInstructions(options) : bookletInstructions(options, plan);
}

function bookletInstructions(options: InstructionOptions, plan: BookletPlan): string {
  const sheets = plan.sheets.length;
  const duplex = options.duplex ?? 'short';
  const lines = [
    `Printing ${options.file ?? 'the zine'}:`,
    `  Paper:  ${plural(sheets, 'sheet')} of ${SHEET_LABELS[options.sheet]}, landscape, ${plural(sheets * 2, 'PDF page')}.`,
    `  Print:  actual size / 100% (not "fit to page", not the printer's own booklet mode), double-sided,`,
    duplex === 'short'
      ? `          flip on the SHORT edge. (If your printer only flips on the long edge, rebuild with --duplex long.)`
      : `          flip on the LONG edge (the back sides are already turned for it).`,
    `  Check:  print the first sheet alone; page 2 must be on the back of page 1, the right way up.`,
  ];
  if (plan.paddedCount > plan.pageCount) lines.push(`  Blanks: ${plural(plan.paddedCount - plan.pageCount, 'blank page')} added before the back cover to fill the last sheet.`);
  if (plan.signatures === 1) {
    lines.push(
      `  Fold:   keep the sheets in printed order, first sheet outside, each next sheet inside the one before;`,
      `          fold the stack in half along the middle, cover (page 1) outwards.`,
      `  Staple: two staples through the fold from the outside, about a quarter of the height from top and bottom`,
      `          (a long-reach stapler, or staple into an eraser and bend the legs by hand).`,
    );
    if (sheets > 12) lines.push(`          ${sheets} sheets is thick for one fold; consider --signature 4..8 and sewing.`);
  } else {
    lines.push(
      `  Fold:   the sheets make ${plural(plan.signatures, 'signature')} of up to ${plural(plan.sheetsPerSignature, 'sheet')} each, in printed order.`,
      `          Nest and fold each signature on its own (first sheet of it outside), then stack the folded`,
      `          signatures in order, first on top.`,
      `  Bind:   sew through the folds (pamphlet stitch per signature, linked at the spine) or staple each`,
      `          signature and glue a wrap-around cover over the spine.`,
    );
  }
  lines.push(
    plan.creepMm > 0
      ? `  Trim:   inner sheets stick out at the open edge after folding; their pages are shifted ${plan.creepMm} mm (innermost) towards the fold, so trim the open edge flush${options.marks ? ' at the trim marks' : ''}.`
      : options.marks
        ? `  Trim:   cut along the trim marks; the dashed marks show the fold.`
        : `  Trim:   optional — trim the open edge flush if the inner sheets stick out (or rebuild with --creep 0.5).`,
  );
  return lines.join('\n');
}

function miniZineInstructions(options: InstructionOptions): string {
  return [
    `Printing ${options.file ?? 'the mini-zine'}:`,
    `  Paper:  1 sheet of ${SHEET_LABELS[options.sheet]}, one side only, actual size / 100%.`,
    `  Fold:   1. fold in half short edge to short edge, then each half back to the middle fold: four columns.`,
    `          2. unfold, fold in half long edge to long edge: two rows. Unfold.`,
    `  Cut:    3. fold in half short edge to short edge again and cut from the fold along the middle line,`,
    `             through the two centre panels only${options.marks ? ' (the solid line)' : ''}.`,
    `  Form:   4. unfold, fold long edge to long edge, push the ends together so the cut opens into a diamond,`,
    `             and flatten into an 8-page booklet with the cover (page 1) on the front.`,
  ].join('\n');
}
