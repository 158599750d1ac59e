// Stories laid out in the worker thread come back exactly as the main thread sets them; the flow codec round-trips; the share is chosen sensibly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Story } from '../../src/model/types.ts';
import { storyBody, storySection } from '../../src/render/pdf/layout/page/sections.ts';
import { packSections, unpackFlows, unpackSections } from '../../src/render/pdf/layout/flow-codec.ts';
import { FontSet } from '../../src/render/pdf/layout/text/fonts.ts';
import { pageGeometry } from '../../src/render/pdf/layout/page/geometry.ts';
import { hyphenatorFor } from '../../src/render/pdf/layout/text/hyphenate.ts';
import { chooseOffload, MIN_OFFLOAD_WORDS, offloadStories, planOffload, splitPoint, WORKER_SHARE } from '../../src/render/pdf/layout/story-pool.ts';
import { renderContext, testBook } from './book.ts';

const ctx = renderContext();
const g = pageGeometry(ctx.theme, 'a5', 300);

function mainThreadSections(notes: 'endnotes' | 'keep' | 'drop', interactive: boolean) {
  const book = testBook(notes);
  const fonts = new FontSet({ ...ctx.theme.fontFiles });
  const hyphenate = hyphenatorFor(book.meta.language);
  const base = { fonts, theme: ctx.theme, width: g.recto.width, leading: g.leading, ...(hyphenate && { hyphenate }) };
  return { book, sections: book.stories.map((s) => storySection(book, s, base, g, notes === 'endnotes', notes === 'keep', interactive)), fonts };
}

test('flow codec: sections (notes, links, scene breaks, lists, quotes) survive packing unchanged', () => {
  for (const notes of ['endnotes', 'keep'] as const) {
    const { sections } = mainThreadSections(notes, true);
    assert.deepEqual(unpackSections(packSections(sections)), sections);
  }
});

test('the worker sets stories exactly as the main thread does, and counts the same missing glyphs', async () => {
  for (const [notes, interactive] of [['endnotes', true], ['keep', false], ['drop', true]] as const) {
    const { book, sections, fonts } = mainThreadSections(notes, interactive);
    const pending = offloadStories({ layout: 1000 + sections.length, theme: ctx.theme, language: book.meta.language, geometry: g, notesPolicy: book.notesPolicy, interactive, stories: book.stories, parts: [] });
    assert.ok(pending, 'a worker starts');
    const done = await pending;
    assert.ok(done, 'the worker answers');
    assert.deepEqual(unpackSections(done.sections), sections);
    assert.deepEqual(new Map(done.missing), fonts.missing);
  }
});

test('offload share: none for small books or one story; about WORKER_SHARE of the words otherwise', () => {
  const story = (wordCount: number) => ({ wordCount }) as Story;
  assert.equal(chooseOffload([story(50_000), story(60_000)]).size, 0);
  assert.equal(chooseOffload([story(3 * MIN_OFFLOAD_WORDS)]).size, 0);
  // War and Peace + Monte Cristo: the worker takes the smaller one.
  assert.deepEqual([...chooseOffload([story(560_000), story(460_000)])], [1]);
  const many = Array.from({ length: 10 }, (_, i) => story(40_000 + i * 1000));
  const share = [...chooseOffload(many)].reduce((n, i) => n + many[i]!.wordCount, 0);
  const total = many.reduce((n, s) => n + s.wordCount, 0);
  assert.ok(Math.abs(share - total * WORKER_SHARE) <= 45_000, `share ${share} of ${total}`);
});

test('a story set in two parts (split before a heading, the end by the worker) equals the story set whole', async () => {
  for (const notes of ['endnotes', 'keep'] as const) {
    const { book, sections } = mainThreadSections(notes, true);
    const fonts = new FontSet({ ...ctx.theme.fontFiles });
    const hyphenate = hyphenatorFor(book.meta.language);
    const base = { fonts, theme: ctx.theme, width: g.recto.width, leading: g.leading, ...(hyphenate && { hyphenate }) };
    let checked = 0;
    for (const [i, story] of book.stories.entries()) {
      for (let from = 1; from < story.blocks.length; from++) {
        if (story.blocks[from]!.type === 'paragraph') continue;
        const head = storyBody(book, story, base, notes === 'endnotes', notes === 'keep', true, 0, from);
        const pending = offloadStories({ layout: 2000 + checked, theme: ctx.theme, language: book.meta.language, geometry: g, notesPolicy: book.notesPolicy, interactive: true, stories: [], parts: [{ ...story, blocks: story.blocks.slice(from) }] });
        const done = (await pending)!;
        const body = [...head, ...unpackFlows(done.parts)[0]!];
        assert.deepEqual(storySection(book, story, base, g, notes === 'endnotes', notes === 'keep', true, body), sections[i], `story ${story.id} split before block ${from}`);
        checked++;
      }
    }
    assert.ok(checked >= 3, `split points tried: ${checked}`);
  }
});

test('split plan: one long story is cut before a non-paragraph block near the worker share', () => {
  const blocks = Array.from({ length: 400 }, (_, k): Story['blocks'][number] =>
    k % 40 === 0 ? { type: 'heading', level: 2, id: `c${k}`, content: [{ type: 'text', text: `Chapter ${k / 40 + 1}` }] } : { type: 'paragraph', content: [{ type: 'text', text: 'word '.repeat(1000) }] },
  ) as Story['blocks'];
  const story = { wordCount: 360 * 1000 + 20, blocks } as Story;
  const plan = planOffload([story]);
  assert.equal(plan.whole.size, 0);
  assert.ok(plan.part, 'a single long story is split');
  assert.equal(plan.part!.index, 0);
  assert.equal(blocks[plan.part!.from]!.type, 'heading');
  const tailShare = (400 - plan.part!.from) / 400;
  assert.ok(Math.abs(tailShare - WORKER_SHARE) <= 0.1, `tail share ${tailShare}`);
  // No headings, no cut.
  assert.equal(splitPoint({ wordCount: 300_000, blocks: blocks.filter((b) => b.type === 'paragraph') } as Story, 100_000), undefined);
  // A small book is never split.
  assert.equal(planOffload([{ ...story, wordCount: 100_000 }]).part, undefined);
});
