// The typed-array Knuth–Plass breaker gives exactly tex-linebreak's breaks (and errors) on random paragraphs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { ItemList, knuthPlass, MIN_COST } from '../../src/render/pdf/layout/paragraph/knuth-plass.ts';

const require = createRequire(import.meta.url);
const tex = require('tex-linebreak') as typeof import('tex-linebreak');
type InputItem = import('tex-linebreak').InputItem;

/** A paragraph like the layout builds: words (some split into syllables or at dashes), glue, an end. */
const paragraph = fc
  .record({
    indent: fc.constantFrom(0, 12),
    words: fc.array(
      fc.record({
        parts: fc.array(fc.double({ min: 2, max: 80, noNaN: true }), { minLength: 1, maxLength: 4 }),
        hyphen: fc.boolean(),
        forced: fc.integer({ min: 0, max: 30 }),
      }),
      { minLength: 1, maxLength: 120 },
    ),
    space: fc.double({ min: 2, max: 5, noNaN: true }),
    justify: fc.boolean(),
  })
  .map(({ indent, words, space, justify }): InputItem[] => {
    const items: InputItem[] = [];
    const stretch = justify ? space * 0.6 : space * 3;
    const shrink = justify ? space * 0.3 : 0;
    if (indent) items.push({ type: 'box', width: indent });
    words.forEach((w, i) => {
      if (i > 0) items.push({ type: 'glue', width: space, stretch, shrink });
      w.parts.forEach((width, pi) => {
        if (pi > 0) {
          if (w.hyphen) items.push({ type: 'penalty', width: 3, cost: 50, flagged: true });
          else items.push({ type: 'penalty', width: 0, cost: 30, flagged: false }, { type: 'glue', width: 0, stretch, shrink: 0 });
        }
        items.push({ type: 'box', width });
      });
      if (w.forced === 0 && i < words.length - 1) items.push({ type: 'glue', width: 0, stretch: 10000, shrink: 0 }, { type: 'penalty', width: 0, cost: MIN_COST, flagged: false });
    });
    items.push({ type: 'glue', width: 0, stretch: 10000, shrink: 0 }, { type: 'penalty', width: 0, cost: MIN_COST, flagged: false });
    return items;
  });

function toList(items: InputItem[]): ItemList {
  const list = new ItemList();
  for (const it of items) {
    if (it.type === 'box') list.box(it.width);
    else if (it.type === 'glue') list.glue(it.width, it.stretch, it.shrink);
    else list.penalty(it.width, it.cost, it.flagged);
  }
  return list;
}

/** The breaks, or 'max-adjustment' where tex-linebreak throws MaxAdjustmentExceededError and knuthPlass gives null. */
function outcome(fn: () => number[] | null): number[] | 'max-adjustment' {
  try {
    return fn() ?? 'max-adjustment';
  } catch (error) {
    if (error instanceof tex.MaxAdjustmentExceededError) return 'max-adjustment';
    throw error;
  }
}

test('same breaks as tex-linebreak on random paragraphs, with and without an adjustment limit', () => {
  fc.assert(
    fc.property(paragraph, fc.double({ min: 60, max: 400, noNaN: true }), fc.constantFrom(null, 1, 2), (items, lineWidth, maxAdjustmentRatio) => {
      const opts = { maxAdjustmentRatio, doubleHyphenPenalty: 3000, adjacentLooseTightPenalty: 1000 };
      const expected = outcome(() => tex.breakLines(items, lineWidth, opts));
      const actual = outcome(() => knuthPlass(toList(items), lineWidth, opts));
      assert.deepEqual(actual, expected);
    }),
    { numRuns: Number(process.env.KP_RUNS ?? 1500) },
  );
});

test('a box wider than the line is set on a line of its own instead of failing', () => {
  const items: InputItem[] = [
    { type: 'box', width: 30 },
    { type: 'glue', width: 4, stretch: 2, shrink: 1 },
    { type: 'box', width: 500 },
    { type: 'glue', width: 4, stretch: 2, shrink: 1 },
    { type: 'box', width: 30 },
    { type: 'glue', width: 0, stretch: 10000, shrink: 0 },
    { type: 'penalty', width: 0, cost: MIN_COST, flagged: false },
  ];
  const opts = { maxAdjustmentRatio: null, doubleHyphenPenalty: 0, adjacentLooseTightPenalty: 0 };
  const breaks = knuthPlass(toList(items), 100, opts)!;
  assert.deepEqual(breaks, tex.breakLines(items, 100, opts));
  assert.ok(breaks.length >= 3, `the giant box is isolated: ${breaks}`);
});

/** The line of items [from, to] (to the break `to`) can be set within the measure (its glue shrunk at most fully). */
function fits(items: InputItem[], from: number, to: number, lineWidth: number): boolean {
  let width = 0;
  let shrink = 0;
  let started = false;
  for (let i = from; i < to; i++) {
    const it = items[i]!;
    if (it.type === 'box') started = true;
    if (!started) continue;
    if (it.type === 'box') width += it.width;
    else if (it.type === 'glue') {
      width += it.width;
      shrink += it.shrink;
    }
  }
  const end = items[to]!;
  if (end.type === 'penalty') width += end.width;
  return width - shrink <= lineWidth + 1e-9;
}

test('with a hard limit of two, never three lines in a row end at a hyphen, however cheap hyphens are', () => {
  fc.assert(
    fc.property(paragraph, fc.double({ min: 60, max: 400, noNaN: true }), (items, lineWidth) => {
      // Hyphens made free and all words hyphenated, so ladders are what the breaker would otherwise choose.
      const cheap = items.map((it) => (it.type === 'penalty' && it.flagged ? { ...it, cost: -50 } : it));
      const list = toList(cheap);
      const breaks = knuthPlass(list, lineWidth, { maxAdjustmentRatio: 10, doubleHyphenPenalty: 0, adjacentLooseTightPenalty: 0, maxHyphenRun: 2 });
      // Paragraphs that cannot be set within the limit (a line that cannot fit anyhow is broken anywhere): left out.
      fc.pre(breaks !== null && breaks.slice(1).every((b, i) => fits(cheap, i === 0 ? 0 : breaks[i]! + 1, b, lineWidth)));
      let run = 0;
      for (const b of breaks!.slice(1)) {
        run = list.type[b] === 2 && list.flagged[b] === 1 ? run + 1 : 0;
        assert.ok(run <= 2, `three hyphenated lines in a row at item ${b}`);
      }
    }),
    { numRuns: Number(process.env.KP_RUNS ?? 500) },
  );
  // The limit is what keeps the ladders out: without it the same paragraphs have them.
});

test('font expansion counts the glyphs as stretchable: a line its glue alone cannot fill fits within the limit', () => {
  // Two boxes of 100 and a glue of stretch 1: a measure of 205 needs ratio 3 from the glue, 0.6 with 2 % of the boxes.
  const items: InputItem[] = [
    { type: 'box', width: 100 },
    { type: 'glue', width: 2, stretch: 1, shrink: 0 },
    { type: 'box', width: 100 },
    { type: 'penalty', width: 0, cost: MIN_COST, flagged: false },
  ];
  const opts = { maxAdjustmentRatio: 1, doubleHyphenPenalty: 0, adjacentLooseTightPenalty: 0 };
  assert.equal(knuthPlass(toList(items), 205, opts), null, 'without expansion nothing fits within the limit');
  assert.deepEqual(knuthPlass(toList(items), 205, { ...opts, expansion: 0.02 }), [0, 3], 'with 2 % expansion the line fits');
});
