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
  if (items.length > WINDOW_ITEMS + WINDOW_ITEMS / 2) return windowedBreaks(items, lineWidth, maxAdjustmentRatio);
  return knuthPlass(items, lineWidth, maxAdjustmentRatio);
}

function knuthPlass(items: InputItem[], lineWidth: number, maxAdjustmentRatio: number | null): number[] {
  breakStats.itemsBroken += items.length;
  return texLinebreak.breakLines(items, lineWidth, { maxAdjustmentRatio, doubleHyphenPenalty: 3000, adjacentLooseTightPenalty: 1000 });
}

/** Items handed to one Knuth-Plass run; longer paragraphs are broken window by window. */
export const WINDOW_ITEMS = 2400;
/** Lines at the end of a window left to the next window (they were chosen without seeing what follows). */
const WINDOW_KEEP = 4;
/** Items passed to the optimal breaker so far (a paragraph of n items costs O(n), however long). */
export const breakStats = { itemsBroken: 0 };

const windowEnd: InputItem[] = [
  { type: 'glue', width: 0, stretch: 10000, shrink: 0 },
  { type: 'penalty', width: 0, cost: MIN_COST, flagged: false },
];

/**
 * Knuth-Plass over a very long paragraph in bounded windows: each window is broken as if it ended there, all
 * but its last few lines are kept, and the next window starts at the last kept break. Total fit within a
 * window, linear time overall (the optimal breaker's cost grows faster than linearly on giant paragraphs).
 */
function windowedBreaks(items: InputItem[], lineWidth: number, maxAdjustmentRatio: number | null): number[] {
  const breaks = [0];
  let start = 0;
  for (;;) {
    if (items.length - start <= WINDOW_ITEMS + WINDOW_ITEMS / 2) {
      const local = knuthPlass(start === 0 ? items : items.slice(start), lineWidth, maxAdjustmentRatio);
      for (let i = 1; i < local.length; i++) breaks.push(start + local[i]!);
      return breaks;
    }
    // End the window at a legal glue break (after a box), forced to end a line there.
    let end = start + WINDOW_ITEMS;
    while (end < items.length - 2 && !(items[end]!.type === 'glue' && items[end - 1]!.type === 'box')) end++;
    const window = items.slice(start, end);
    window.push(...windowEnd);
    const local = knuthPlass(window, lineWidth, maxAdjustmentRatio);
    // local = [0, b1, …, bk]; keep b1 … b(k-KEEP), at least one line.
    const keep = Math.max(1, local.length - 1 - WINDOW_KEEP);
    for (let i = 1; i <= keep; i++) breaks.push(local[i]! < end - start ? start + local[i]! : end);
    let next = breaks[breaks.length - 1]! + 1;
    // Discardable items after a break (glue, unforced penalties) do not start the next line.
    while (next < items.length - 1 && items[next]!.type !== 'box' && !(items[next]!.type === 'penalty' && (items[next] as { cost: number }).cost <= MIN_COST)) next++;
    start = next;
  }
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
