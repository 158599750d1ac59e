// Tests the story layout cache: what makes a story's section be reused or set again, missing-glyph counts, sweeping, frozen entries.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Story } from '../../src/model/types.js';
import { FontSet } from '../../src/render/pdf/layout/text/fonts.js';
import { pageGeometry, type Geometry } from '../../src/render/pdf/layout/page/geometry.js';
import type { FlowItem } from '../../src/render/pdf/layout/page/paginate.js';
import type { StorySettings as LayoutSettings } from '../../src/render/pdf/layout/book.js';
import type { Section } from '../../src/render/pdf/layout/page/sections.js';
import { StoryLayoutCache } from '../../src/render/pdf/layout/story-cache.js';
import { loadTheme, type Theme } from '../../src/templates/theme.js';

const theme = loadTheme();
const settings = (over: Partial<LayoutSettings> = {}): LayoutSettings => ({ theme, language: 'en', notesPolicy: 'endnotes', interactive: true, ...over });
const geometry = (pages = 100, t: Theme = theme): Geometry => pageGeometry(t, 'a5', pages);

function story(over: Partial<Story> = {}): Story {
  return {
    opener: [{ type: 'heading', level: 1, id: 's01-title', content: [{ type: 'text', text: 'One' }] }],
    id: 's01-one',
    slug: 'one',
    index: 1,
    title: 'One',
    authors: ['A. Writer'],
    source: 'one.txt',
    blocks: [{ type: 'paragraph', content: [{ type: 'text', text: 'Some words here.' }] }],
    chapters: [],
    notes: [],
    disclaimers: [],
    wordCount: 3,
    ...over,
  };
}

interface TestSection {
  flow: FlowItem[];
  text: string;
}

/** A stand-in for storySection: one line with the story's first words; counts its calls. */
function setter() {
  let calls = 0;
  const set = (s: Story, measured: string[] = []) => (fonts: FontSet): TestSection => {
    calls++;
    for (const m of measured) fonts.segments(m, 'regular');
    const text = JSON.stringify(s.blocks);
    const line = { runs: [{ kind: 'text' as const, x: 0, y: 0, text, font: 'regular' as const, size: 10, width: 10, role: 'text' as const, join: 'para' as const }], links: [], destinations: [], size: 10 };
    return { flow: [{ kind: 'block', lines: [{ line, x: 0, units: 1 }], spaceBefore: 0, spaceAfter: 0, breakable: true }], text };
  };
  return { set, calls: () => calls };
}

/** Lay `stories` out once with `cache` (one pass at `g`), setting what is not cached; returns the sections. */
function layOut(cache: StoryLayoutCache, stories: Story[], s: LayoutSettings, g: Geometry, fonts: FontSet, set: ReturnType<typeof setter>['set']): TestSection[] {
  const layouts = cache.layout(stories, s);
  // (A stand-in section: the cache keeps whatever the setter made.)
  return stories.map((st, i) => (layouts.reuse(i, g, fonts) ?? layouts.setAndKeep(i, g, fonts, set(st) as unknown as (f: FontSet) => Section)) as unknown as TestSection);
}

const newFonts = (t: Theme = theme): FontSet => new FontSet({ ...t.fontFiles });

test('an unchanged story in the same settings gets its section back without being set again', () => {
  const cache = new StoryLayoutCache();
  const { set, calls } = setter();
  const stories = [story(), story({ id: 's02-two', title: 'Two', index: 2 })];
  const first = layOut(cache, stories, settings(), geometry(), newFonts(), set);
  assert.equal(calls(), 2);
  assert.deepEqual(cache.takeCounts(), { reused: 0, laidOut: 2 });
  // The next build's stories are new objects with the same content.
  const again = layOut(cache, structuredClone(stories), settings(), geometry(), newFonts(), set);
  assert.equal(calls(), 2, 'nothing set again');
  assert.equal(again[0], first[0]);
  assert.equal(again[1], first[1]);
  assert.deepEqual(cache.takeCounts(), { reused: 2, laidOut: 0 });
  // Where the book sits on the shelf (index, source path, word count) does not set the lines.
  layOut(cache, [story({ source: 'elsewhere.txt', wordCount: 99, slug: 'x' }), stories[1]!], settings(), geometry(), newFonts(), set);
  assert.equal(calls(), 2);
});

test('each thing that can change a story’s lines sets it again', () => {
  const base = story();
  const { set } = setter();
  const changes: Array<[string, Story, LayoutSettings, Geometry]> = [
    ['text', story({ blocks: [{ type: 'paragraph', content: [{ type: 'text', text: 'Other words here.' }] }] }), settings(), geometry()],
    ['title', story({ title: 'Uno' }), settings(), geometry()],
    ['id', story({ id: 's09-one' }), settings(), geometry()],
    ['opener', story({ opener: [] }), settings(), geometry()],
    ['notes', story({ notes: [{ id: 's01-n1', number: 1, position: 'end', blocks: [] }] }), settings(), geometry()],
    ['gutter (page count)', base, settings(), geometry(400)],
    ['theme', base, settings({ theme: { ...theme, text: { ...theme.text, size: theme.text.size + 1 } } }), geometry()],
    ['leading and lines', base, settings(), { ...geometry(), leading: geometry().leading + 1, lines: geometry().lines - 1 }],
    ['language', base, settings({ language: 'de' }), geometry()],
    ['notes policy', base, settings({ notesPolicy: 'keep' }), geometry()],
    ['print mode', base, settings({ interactive: false }), geometry()],
  ];
  for (const [what, s, opts, g] of changes) {
    const cache = new StoryLayoutCache();
    layOut(cache, [base], settings(), geometry(), newFonts(), set);
    cache.takeCounts();
    layOut(cache, [s], opts, g, newFonts(), set);
    assert.deepEqual(cache.takeCounts(), { reused: 0, laidOut: 1 }, what);
  }
});

test('a font file whose bytes change (same path) sets the stories again', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-story-cache-'));
  try {
    const regular = path.join(dir, 'regular.ttf');
    copyFileSync(theme.fontFiles.regular, regular);
    const own: Theme = { ...theme, fontFiles: { ...theme.fontFiles, regular } };
    const cache = new StoryLayoutCache();
    const { set } = setter();
    layOut(cache, [story()], settings({ theme: own }), geometry(), newFonts(own), set);
    cache.takeCounts();
    layOut(cache, [story()], settings({ theme: own }), geometry(), newFonts(own), set);
    assert.deepEqual(cache.takeCounts(), { reused: 1, laidOut: 0 });
    const bytes = readFileSync(regular);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(regular, bytes);
    layOut(cache, [story()], settings({ theme: own }), geometry(), newFonts(own), set);
    assert.deepEqual(cache.takeCounts(), { reused: 0, laidOut: 1 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a reused story counts its missing characters into the new fonts as setting it would', () => {
  const cache = new StoryLayoutCache();
  const { set } = setter();
  const stories = [story(), story({ id: 's02-two', title: 'Two' })];
  const measured = (s: Story) => (s.id === 's01-one' ? ['a\u{13000}', 'b\u{13000}', 'plain'] : ['a\u{13000}']);
  const setMeasuring = (s: Story) => set(s, measured(s));
  const fresh = newFonts();
  stories.forEach((s) => setMeasuring(s)(fresh));
  const layouts = cache.layout<TestSection>(stories, settings());
  const first = newFonts();
  stories.forEach((s, i) => layouts.setAndKeep(i, geometry(), first, setMeasuring(s)));
  assert.deepEqual([...first.missing], [...fresh.missing]);
  assert.deepEqual([...fresh.missing], [['\u{13000}', 2]], 'once per distinct text');
  // Reused: only the second story is set again, and it no longer measures 'b…'; the first story still brings both texts.
  const next = newFonts();
  const again = cache.layout<TestSection>(stories, settings());
  assert.ok(again.reuse(0, geometry(), next));
  assert.equal(again.reuse(1, geometry(), next)?.text, JSON.stringify(stories[1]!.blocks));
  assert.deepEqual([...next.missing], [['\u{13000}', 2]]);
});

test('a section set elsewhere (the story worker) is kept, and its missing characters come back with it', () => {
  const cache = new StoryLayoutCache();
  const { set } = setter();
  const s = story({ blocks: [{ type: 'paragraph', content: [{ type: 'text', text: 'x\u{13000}' }] }] });
  const fromWorker = set(s)(newFonts());
  const layouts = cache.layout<TestSection>([s], settings());
  layouts.keep(0, geometry(), newFonts(), fromWorker);
  assert.deepEqual(cache.takeCounts(), { reused: 0, laidOut: 1 });
  const fonts = newFonts();
  assert.equal(cache.layout<TestSection>([s], settings()).reuse(0, geometry(), fonts), fromWorker);
  assert.deepEqual([...fonts.missing], [['\u{13000}', 1]]);
  assert.deepEqual(cache.takeCounts(), { reused: 1, laidOut: 0 });
});

test('sweep forgets what the last build did not use; entries are frozen and stay out of clones', () => {
  const cache = new StoryLayoutCache();
  const { set, calls } = setter();
  const [section] = layOut(cache, [story()], settings(), geometry(), newFonts(), set);
  layOut(cache, [story({ title: 'Changed' })], settings(), geometry(), newFonts(), set);
  assert.equal(cache.size, 2);
  cache.sweep();
  assert.equal(cache.size, 2, 'both used since the last sweep');
  layOut(cache, [story({ title: 'Changed' })], settings(), geometry(), newFonts(), set);
  cache.sweep();
  assert.equal(cache.size, 1);
  layOut(cache, [story()], settings(), geometry(), newFonts(), set);
  assert.equal(calls(), 3, 'the swept story is set again');

  assert.throws(() => {
    (section!.flow[0] as Extract<FlowItem, { kind: 'block' }>).lines[0]!.line.runs[0]!.x = 5;
  }, TypeError);
  // A render context is cloned into worker threads: the entries must not travel with it.
  assert.deepEqual(Object.keys(structuredClone(cache)), []);
});
