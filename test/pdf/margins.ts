// Margin kerning bounds for tests: how far a justified line may hang past the measure at a run's edge.
import type { FontSet } from '../../src/render/pdf/layout/text/fonts.ts';
import type { TextRun } from '../../src/render/pdf/types.ts';

/**
 * How far a line may hang past the measure at this run's edge: less than the width of the character at the edge,
 * and only for punctuation, hyphens and quotes; letters stand exactly at the edge.
 */
export function hangLimit(fonts: FontSet, run: TextRun, side: 'left' | 'right'): number {
  const ch = side === 'right' ? run.text.at(-1) : run.text[0];
  if (!ch || !/[\p{P}'"]/u.test(ch)) return 0;
  return (fonts.width(ch, run.font, run.size) * (run.horizontalScaling ?? 100)) / 100;
}
