// Line breaking over box/glue/penalty items: Knuth-Plass total fit (tex-linebreak) and a greedy first-fit for comparison.
import { createRequire } from 'node:module';
import type { InputItem } from 'tex-linebreak';

const require = createRequire(import.meta.url);
const texLinebreak = require('tex-linebreak') as typeof import('tex-linebreak');

export type { InputItem };
export const MIN_COST = texLinebreak.MIN_COST;
export const MAX_COST = texLinebreak.MAX_COST;
/** Thrown by breakItems when no breaks keep every line within `maxAdjustmentRatio`. */
export const MaxAdjustmentExceededError = texLinebreak.MaxAdjustmentExceededError;

export type BreakMethod = 'knuth-plass' | 'greedy';

/** Break points (indexes into `items`, starting with 0) for lines of width `lineWidth`. */
export function breakItems(items: InputItem[], lineWidth: number, method: BreakMethod = 'knuth-plass', maxAdjustmentRatio: number | null = null): number[] {
  if (method === 'greedy') return greedyBreaks(items, lineWidth);
  return texLinebreak.breakLines(items, lineWidth, { maxAdjustmentRatio, doubleHyphenPenalty: 3000, adjacentLooseTightPenalty: 1000 });
}

/** Adjustment ratio of every line (0 = natural spacing, 1 = glue stretched by its full stretchability). */
export function adjustmentRatios(items: InputItem[], lineWidth: number, breaks: number[]): number[] {
  return texLinebreak.adjustmentRatios(items, lineWidth, breaks);
}

function isBreak(items: InputItem[], i: number): boolean {
  const it = items[i]!;
  return (it.type === 'glue' && i > 0 && items[i - 1]!.type === 'box') || (it.type === 'penalty' && it.cost < MAX_COST);
}

/** First fit: take as much as fits on each line, break at the last legal point (what pdfkit does). */
export function greedyBreaks(items: InputItem[], lineWidth: number): number[] {
  const breaks = [0];
  let width = 0;
  let lastBreak = -1;
  let lineStart = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (isBreak(items, i)) {
      const extra = it.type === 'penalty' ? it.width : 0;
      if (width + extra > lineWidth && lastBreak > lineStart) {
        breaks.push(lastBreak);
        i = lastBreak;
        lineStart = lastBreak;
        width = 0;
        lastBreak = -1;
        // skip discardable items after the break
        while (i + 1 < items.length && items[i + 1]!.type !== 'box') {
          if (items[i + 1]!.type === 'penalty' && (items[i + 1] as { cost: number }).cost <= MIN_COST) break;
          i++;
        }
        continue;
      }
      lastBreak = i;
      if (it.type === 'penalty' && it.cost <= MIN_COST) {
        breaks.push(i);
        lineStart = i;
        width = 0;
        lastBreak = -1;
        continue;
      }
    }
    if (it.type === 'box' || (it.type === 'glue' && i !== lineStart)) width += it.width;
  }
  if (breaks[breaks.length - 1] !== items.length - 1) breaks.push(items.length - 1);
  return breaks;
}
