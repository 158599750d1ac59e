// Line breaking over box/glue/penalty item lists: Knuth-Plass total fit (bounded windows for giant paragraphs) and greedy first fit.
import { GLUE, BOX, ItemList, knuthPlass as breakTotalFit, MIN_COST, PENALTY, type BreakOptions } from './knuth-plass.js';

export { ItemList, MIN_COST };

export type BreakMethod = 'knuth-plass' | 'greedy';

/** What one attempt at a paragraph may do: how loose a line may be, how far glyphs may stretch, the emergency stretch. */
export type BreakTuning = Pick<BreakOptions, 'maxAdjustmentRatio' | 'expansion' | 'emergencyStretch' | 'protrusion' | 'maxGlueRatio'>;

/** TeX's demerits (plain TeX: \doublehyphendemerits 10000, \finalhyphendemerits 5000) and a hard limit of two hyphens in a row. */
const DEMERITS: Omit<BreakOptions, keyof BreakTuning> = { doubleHyphenPenalty: 10000, adjacentLooseTightPenalty: 1000, finalHyphenDemerits: 5000, maxHyphenRun: 2 };

/**
 * Break points (indexes into `items`, starting with 0) for lines of width `lineWidth`; null when
 * `maxAdjustmentRatio` is given and no breaks keep every line within it.
 */
export function breakItems(items: ItemList, lineWidth: number, method: BreakMethod = 'knuth-plass', tuning: BreakTuning = { maxAdjustmentRatio: null }): number[] | null {
  if (method === 'greedy') return greedyBreaks(items, lineWidth);
  if (items.length > WINDOW_ITEMS + WINDOW_ITEMS / 2) return windowedBreaks(items, lineWidth, tuning);
  return knuthPlass(items, lineWidth, tuning);
}

function knuthPlass(items: ItemList, lineWidth: number, tuning: BreakTuning): number[] | null {
  breakStats.itemsBroken += items.length;
  return breakTotalFit(items, lineWidth, { ...DEMERITS, ...tuning });
}

/** Items handed to one Knuth-Plass run; longer paragraphs are broken window by window. */
export const WINDOW_ITEMS = 2400;
/** Lines at the end of a window left to the next window (they were chosen without seeing what follows). */
const WINDOW_KEEP = 4;
/** Items passed to the optimal breaker so far (a paragraph of n items costs O(n), however long). */
export const breakStats = { itemsBroken: 0 };

/** The items of one window (reused). */
const windowItems = new ItemList();

/**
 * Knuth-Plass over a very long paragraph in bounded windows: each window is broken as if it ended there, all
 * but its last few lines are kept, and the next window starts at the last kept break. Total fit within a
 * window, linear time overall (the optimal breaker's cost grows faster than linearly on giant paragraphs).
 */
function windowedBreaks(items: ItemList, lineWidth: number, tuning: BreakTuning): number[] | null {
  const { type, cost } = items;
  const n = items.length;
  const breaks = [0];
  let start = 0;
  for (;;) {
    if (n - start <= WINDOW_ITEMS + WINDOW_ITEMS / 2) {
      let local: number[] | null;
      if (start === 0) local = knuthPlass(items, lineWidth, tuning);
      else {
        windowItems.clear();
        windowItems.append(items, start, n);
        local = knuthPlass(windowItems, lineWidth, tuning);
      }
      if (!local) return null;
      for (let i = 1; i < local.length; i++) breaks.push(start + local[i]!);
      return breaks;
    }
    // End the window at a legal break (glue after a box, or a penalty that allows one: a giant word broken at its
    // hyphens has no glue), forced to end a line there; a window never grows to the whole paragraph.
    let end = start + WINDOW_ITEMS;
    while (end < n - 2 && !items.canBreak(end)) end++;
    windowItems.clear();
    windowItems.append(items, start, end);
    windowItems.glue(0, 10000, 0);
    windowItems.penalty(0, MIN_COST, false);
    const local = knuthPlass(windowItems, lineWidth, tuning);
    if (!local) return null;
    // local = [0, b1, …, bk]; keep b1 … b(k-KEEP), at least one line.
    const keep = Math.max(1, local.length - 1 - WINDOW_KEEP);
    for (let i = 1; i <= keep; i++) breaks.push(local[i]! < end - start ? start + local[i]! : end);
    let next = breaks[breaks.length - 1]! + 1;
    // Discardable items after a break (glue, unforced penalties) do not start the next line.
    while (next < n - 1 && type[next] !== BOX && !(type[next] === PENALTY && cost[next]! <= MIN_COST)) next++;
    start = next;
  }
}

/** First fit: take as much as fits on each line, break at the last legal point (what pdfkit does). */
export function greedyBreaks(items: ItemList, lineWidth: number): number[] {
  const { type, width, cost } = items;
  const n = items.length;
  const breaks = [0];
  let lineWidthSoFar = 0;
  let lastBreak = -1;
  let lineStart = 0;
  for (let i = 0; i < n; i++) {
    if (items.canBreak(i)) {
      const extra = type[i] === PENALTY ? width[i]! : 0;
      if (lineWidthSoFar + extra > lineWidth && lastBreak > lineStart) {
        breaks.push(lastBreak);
        i = lastBreak;
        lineStart = lastBreak;
        lineWidthSoFar = 0;
        lastBreak = -1;
        // skip discardable items after the break
        while (i + 1 < n && type[i + 1] !== BOX) {
          if (type[i + 1] === PENALTY && cost[i + 1]! <= MIN_COST) break;
          i++;
        }
        continue;
      }
      lastBreak = i;
      if (type[i] === PENALTY && cost[i]! <= MIN_COST) {
        breaks.push(i);
        lineStart = i;
        lineWidthSoFar = 0;
        lastBreak = -1;
        continue;
      }
    }
    if (type[i] === BOX || (type[i] === GLUE && i !== lineStart)) lineWidthSoFar += width[i]!;
  }
  if (breaks[breaks.length - 1] !== n - 1) breaks.push(n - 1);
  return breaks;
}
