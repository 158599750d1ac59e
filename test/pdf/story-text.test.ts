// pdfStoryText: each story's runs joined in page order as the audit reads them, for any interleaving of stories and apparatus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pdfStoryText } from '../../src/render/pdf/story-text.ts';
import type { LaidOutBook, LaidOutPage, TextRun } from '../../src/render/pdf/types.ts';

/** The audit's reading, stated plainly: per story, separator by join (none before its first run), hyphen dropped. */
function reference(pages: LaidOutPage[]): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const page of pages) {
    for (const run of page.runs) {
      if (run.story === undefined) continue;
      const list = parts.get(run.story) ?? [];
      parts.set(run.story, list);
      if (list.length) list.push({ para: '\n\n', line: '\n', space: ' ', none: '' }[run.join]);
      list.push(run.addedHyphen ? run.text.slice(0, -1) : run.text);
    }
  }
  return new Map([...parts].map(([id, list]) => [id, list.join('')]));
}

const runArb = fc.record({
  text: fc.constantFrom('', 'a', 'word', 'two words', 'hyph-', 'end.', 'naïve café'),
  story: fc.option(fc.constantFrom('s01', 's02', 's03'), { nil: undefined }),
  join: fc.constantFrom<TextRun['join']>('space', 'none', 'para', 'line'),
  addedHyphen: fc.boolean(),
});

function book(pages: Array<Array<{ text: string; story: string | undefined; join: TextRun['join']; addedHyphen: boolean }>>): LaidOutBook {
  return {
    pages: pages.map((runs, index) => ({
      index,
      kind: 'body',
      runs: runs.map((r) => ({ kind: 'text', x: 0, y: 0, font: 'regular', size: 10, width: 10, role: 'text', text: r.addedHyphen ? `${r.text}-` : r.text, join: r.join, ...(r.story !== undefined && { story: r.story }), ...(r.addedHyphen && { addedHyphen: true }) })),
      rules: [],
      links: [],
      destinations: [],
    })),
  } as unknown as LaidOutBook;
}

test('each story reads as the plain per-story join, stories interleaved, empty runs and added hyphens included', () => {
  fc.assert(
    fc.property(fc.array(fc.array(runArb, { maxLength: 8 }), { maxLength: 12 }), (pages) => {
      const layout = book(pages);
      const got = pdfStoryText(layout);
      const want = reference(layout.pages);
      assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
      for (const [id, text] of want) assert.equal(got.get(id), text, id);
    }),
    { numRuns: 2000 },
  );
});

test('a story that resumes after another keeps one text with a separator at the seam', () => {
  const layout = book([
    [
      { text: 'First', story: 's01', join: 'para', addedHyphen: false },
      { text: 'Other', story: 's02', join: 'para', addedHyphen: false },
    ],
    [
      { text: 'Folio', story: undefined, join: 'para', addedHyphen: false },
      { text: 'again', story: 's01', join: 'space', addedHyphen: false },
    ],
  ]);
  assert.deepEqual([...pdfStoryText(layout)], [
    ['s01', 'First again'],
    ['s02', 'Other'],
  ]);
});
