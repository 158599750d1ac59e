// Stories set apart (story-job.ts, in a worker or here) come back exactly as the layout sets them; the flow codec round-trips; the share is chosen sensibly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Story } from '../../src/model/types.ts';
import { setStory, setStoryPart, type StoryPass } from '../../src/render/pdf/layout/book.ts';
import { packSections, unpackSections } from '../../src/render/pdf/layout/flow-codec.ts';
import { FontSet } from '../../src/render/pdf/layout/text/fonts.ts';
import { pageGeometry } from '../../src/render/pdf/layout/page/geometry.ts';
import { hyphenatorFor } from '../../src/render/pdf/layout/text/hyphenate.ts';
import { countMissing } from '../../src/render/pdf/layout/missing-texts.ts';
import { chooseOffload, MIN_OFFLOAD_WORDS, planOffload, splitPoint, WORKER_SHARE } from '../../src/render/pdf/layout/story-share.ts';
import { pool } from '../../src/pipeline/threads.ts';
import { renderContext, testBook } from './book.ts';

const ctx = renderContext();
const g = pageGeometry(ctx.theme, 'a5', 300);
/** Thresholds as the scheduler applies them when a worker can run. */
const worth = (size: number, min: number): boolean => size >= min;
let layouts = 1000;

function passFor(notes: 'endnotes' | 'keep' | 'drop', interactive: boolean): StoryPass {
  const book = testBook(notes);
  return { settings: { theme: ctx.theme, language: book.meta.language, notesPolicy: notes, interactive }, geometry: g, fonts: new FontSet({ ...ctx.theme.fontFiles }), hyphenate: hyphenatorFor(book.meta.language) };
}

test('flow codec: sections (notes, links, scene breaks, lists, quotes) survive packing unchanged', () => {
  for (const notes of ['endnotes', 'keep'] as const) {
    const pass = passFor(notes, true);
    const sections = testBook(notes).stories.map((s) => setStory(s, pass));
    assert.deepEqual(unpackSections(packSections(sections)), sections);
  }
});

test('a story job (in a worker, and here) sets stories exactly as the layout does, and its texts count the same missing glyphs', { timeout: 120_000 }, async () => {
  for (const [notes, interactive] of [['endnotes', true], ['keep', false], ['drop', true]] as const) {
    const pass = passFor(notes, interactive);
    // One more story, with characters no font has (Egyptian hieroglyph A001): the layout warns about them.
    const [first, ...rest] = testBook(notes).stories;
    const odd = { ...first!, id: 's09', blocks: [...first!.blocks, { type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'A word q\u{13000}q and \u{13000} alone.' }] }] };
    const stories = [first!, ...rest, odd];
    const sections = stories.map((s) => setStory(s, pass));
    assert.equal(pass.fonts.missing.get('\u{13000}'), 2);
    const job = { layout: layouts++, settings: pass.settings, geometry: g, stories, parts: [] };
    for (const run of [pool.scheduler('set-stories').beside, pool.scheduler('set-stories').here]) {
      const done = await run({ ...job, layout: layouts++ });
      assert.deepEqual(done.sections, sections);
      const fonts = new FontSet({ ...ctx.theme.fontFiles });
      countMissing(fonts, done.missing);
      assert.deepEqual(fonts.missing, pass.fonts.missing);
    }
  }
});

test('offload share: none for small books or one story; about WORKER_SHARE of the words otherwise', () => {
  const story = (wordCount: number) => ({ wordCount }) as Story;
  assert.equal(chooseOffload([story(50_000), story(60_000)], worth).size, 0);
  assert.equal(chooseOffload([story(3 * MIN_OFFLOAD_WORDS)], worth).size, 0);
  // War and Peace + Monte Cristo: the job takes the smaller one.
  assert.deepEqual([...chooseOffload([story(560_000), story(460_000)], worth)], [1]);
  const many = Array.from({ length: 10 }, (_, i) => story(40_000 + i * 1000));
  const share = [...chooseOffload(many, worth)].reduce((n, i) => n + many[i]!.wordCount, 0);
  const total = many.reduce((n, s) => n + s.wordCount, 0);
  assert.ok(Math.abs(share - total * WORKER_SHARE) <= 45_000, `share ${share} of ${total}`);
  // No worker: nothing is shared.
  assert.equal(chooseOffload([story(560_000), story(460_000)], () => false).size, 0);
});

test('a story set in two parts (split before a heading, the end by a job) equals the story set whole', { timeout: 120_000 }, async () => {
  for (const notes of ['endnotes', 'keep'] as const) {
    const pass = passFor(notes, true);
    const stories = testBook(notes).stories;
    let checked = 0;
    for (const story of stories) {
      const whole = setStory(story, pass);
      for (let from = 1; from < story.blocks.length; from++) {
        if (story.blocks[from]!.type === 'paragraph') continue;
        const head = setStoryPart(story, pass, 0, from);
        const done = await pool.scheduler('set-stories').beside({ layout: layouts++, settings: pass.settings, geometry: g, stories: [], parts: [{ ...story, blocks: story.blocks.slice(from) }] });
        assert.deepEqual(setStory(story, pass, undefined, [...head, ...done.parts[0]!]), whole, `story ${story.id} split before block ${from}`);
        checked++;
      }
    }
    assert.ok(checked >= 3, `split points tried: ${checked}`);
  }
});

test('split plan: one long story is cut before a non-paragraph block near the job\'s share', () => {
  const blocks = Array.from({ length: 400 }, (_, k): Story['blocks'][number] =>
    k % 40 === 0 ? { type: 'heading', level: 2, id: `c${k}`, content: [{ type: 'text', text: `Chapter ${k / 40 + 1}` }] } : { type: 'paragraph', content: [{ type: 'text', text: 'word '.repeat(1000) }] },
  ) as Story['blocks'];
  const story = { wordCount: 360 * 1000 + 20, blocks } as Story;
  const plan = planOffload([story], worth);
  assert.equal(plan.whole.size, 0);
  assert.ok(plan.part, 'a single long story is split');
  assert.equal(plan.part!.index, 0);
  assert.equal(blocks[plan.part!.from]!.type, 'heading');
  const tailShare = (400 - plan.part!.from) / 400;
  assert.ok(Math.abs(tailShare - WORKER_SHARE) <= 0.1, `tail share ${tailShare}`);
  // No headings, no cut.
  assert.equal(splitPoint({ wordCount: 300_000, blocks: blocks.filter((b) => b.type === 'paragraph') } as Story, 100_000), undefined);
  // A small book is never split.
  assert.equal(planOffload([{ ...story, wordCount: 100_000 }], worth).part, undefined);
});
