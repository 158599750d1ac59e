// Layout unit tests: Knuth-Plass vs greedy, widows/orphans, keep-with-next, the giant word, scene-break ornaments at page edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadTheme } from '../../src/templates/theme.ts';
import { FontSet } from '../../src/render/pdf/layout/text/fonts.ts';
import { hyphenatorFor } from '../../src/render/pdf/layout/text/hyphenate.ts';
import { setParagraph, type SetLine } from '../../src/render/pdf/layout/paragraph/setter.ts';
import { inlineWords } from '../../src/render/pdf/layout/paragraph/words.ts';
import { paginate, type FlowItem, type FlowLine, type PlacedLine } from '../../src/render/pdf/layout/page/paginate.ts';
import { paginateSections, type SectionPages } from '../../src/render/pdf/layout/page/pages.ts';
import type { Section } from '../../src/render/pdf/layout/page/sections.ts';
import { pageGeometry } from '../../src/render/pdf/layout/page/geometry.ts';
import { breakStats } from '../../src/render/pdf/layout/paragraph/linebreak.ts';
import { hangLimit } from './margins.ts';

const theme = loadTheme();
const fonts = new FontSet({ ...theme.fontFiles });
const SIZE = 10.5;
const WIDTH = 300;

const TEXT = [
  'The ledger began on a Tuesday, which the keeper considered unlucky for no reason she could name. The wind came off the water in long, uneven breaths, and the lamp turned with the patience of something that had never been asked to hurry, while below the gallery the sea kept up its argument with the rocks.',
  'She wrote the date, the weather, and the state of the oil, then sat for a long while with the pen lifted, as if waiting for the page to tell her what else belonged there; nothing came, and so she wrote that down as well, in the small upright hand her predecessor had called unnecessarily hopeful.',
  'Somewhere below, the sea worked at the rock with the unhurried industry of a thing that has never been told it cannot win, and the keeper, who had been told so many times about so many things, found herself envying it a little, which she recorded in the margin as an observation rather than a complaint.',
  'Extraordinarily, the supply boat arrived on the morning it was promised, carrying flour, lamp oil, a crate of oranges and a letter from the superintendent announcing, with considerable circumlocution, that the station would be automated within the decade and her services, however appreciated, discontinued.',
];

function lines(text: string, method: 'knuth-plass' | 'greedy', hyphenate = false): SetLine[] {
  const words = inlineWords([{ type: 'text', text }], { size: SIZE, font: 'regular', role: 'text' });
  return setParagraph(fonts, words, { lineWidth: WIDTH, indent: 0, align: 'justify', method, ...(hyphenate && { hyphenate: hyphenatorFor('en')! }) });
}

function lineWidth(line: SetLine): number {
  const first = line.runs[0]!;
  const last = line.runs[line.runs.length - 1]!;
  return last.x + last.width - first.x;
}

test('Knuth-Plass sets fewer loose lines and more even spacing than greedy first-fit', () => {
  let kpLoose = 0;
  let greedyLoose = 0;
  let kpBadness = 0;
  let greedyBadness = 0;
  for (const text of TEXT) {
    const kp = lines(text, 'knuth-plass').slice(0, -1);
    const gr = lines(text, 'greedy').slice(0, -1);
    kpLoose += kp.filter((l) => (l.ratio ?? 0) > 1).length;
    greedyLoose += gr.filter((l) => (l.ratio ?? 0) > 1).length;
    kpBadness += kp.reduce((s, l) => s + Math.abs(l.ratio ?? 0) ** 3, 0);
    greedyBadness += gr.reduce((s, l) => s + Math.abs(l.ratio ?? 0) ** 3, 0);
  }
  assert.ok(greedyLoose > 0, 'the sample should make first-fit produce loose lines');
  assert.ok(kpLoose < greedyLoose, `Knuth-Plass loose lines ${kpLoose} < greedy ${greedyLoose}`);
  assert.ok(kpBadness < greedyBadness, `total badness ${kpBadness.toFixed(2)} < ${greedyBadness.toFixed(2)}`);
});

test('justified lines fill the measure exactly, punctuation and hyphens hanging into the margin; the last line keeps natural spacing', () => {
  let hanging = 0;
  for (const text of TEXT) {
    const set = lines(text, 'knuth-plass', true);
    for (const l of set.slice(0, -1)) {
      const first = l.runs[0]!;
      const last = l.runs[l.runs.length - 1]!;
      const end = last.x + last.width;
      assert.ok(first.x <= 0.01 && first.x >= -hangLimit(fonts, first, 'left') - 0.01, `line starts at ${first.x}`);
      assert.ok(end >= WIDTH - 0.01 && end <= WIDTH + hangLimit(fonts, last, 'right') + 0.01, `line ends at ${end} (${last.text})`);
      if (end > WIDTH + 0.5) hanging++;
    }
    assert.ok(lineWidth(set[set.length - 1]!) <= WIDTH + 0.01);
  }
  assert.ok(hanging > 0, 'lines ending in a full stop, comma or hyphen hang into the margin');
});

test('hyphenation breaks words at pattern points and marks the added hyphen', () => {
  const narrow = inlineWords([{ type: 'text', text: TEXT[3]! }], { size: SIZE, font: 'regular', role: 'text' });
  const set = setParagraph(fonts, narrow, { lineWidth: 150, indent: 0, align: 'justify', hyphenate: hyphenatorFor('en-US')! });
  const hyphenated = set.filter((l) => l.runs[l.runs.length - 1]!.addedHyphen);
  assert.ok(hyphenated.length > 0, 'a narrow measure should hyphenate something');
  for (const l of hyphenated) assert.match(l.runs[l.runs.length - 1]!.text, /\p{L}-$/u);
  const rejoined = set.map((l) => l.runs.map((r) => (r.addedHyphen ? r.text.slice(0, -1) : r.text)).join(' ')).join('\n').replace(/\n/g, ' ');
  // Every line-end hyphen was added by the layout: removing them and rejoining gives the words back.
  const words = (s: string): string[] => s.replace(/(\p{L})-? ?(?=\n)/gu, '$1').split(/\s+/);
  assert.ok(words(rejoined).length >= TEXT[3]!.split(/\s+/).length);
});

test('a 60,000-letter word is broken into lines that never pass the measure, quickly', () => {
  const giant = 'a'.repeat(60_000);
  const words = inlineWords([{ type: 'text', text: `Before ${giant} after.` }], { size: SIZE, font: 'regular', role: 'text' });
  const started = Date.now();
  const set = setParagraph(fonts, words, { lineWidth: WIDTH, indent: 0, align: 'justify', hyphenate: hyphenatorFor('en')! });
  const ms = Date.now() - started;
  assert.ok(ms < 5000, `took ${ms} ms`);
  assert.ok(set.length > 100, `${set.length} lines`);
  for (const l of set) {
    for (const r of l.runs) assert.ok(r.x >= -0.01 && r.x + r.width <= WIDTH + 0.01, `run from ${r.x} to ${r.x + r.width}`);
  }
  const text = set.flatMap((l) => l.runs).map((r, i) => (i === 0 || r.join === 'none' ? '' : ' ') + r.text).join('');
  assert.equal(text, `Before ${giant} after.`);
});

test('a 1 MB paragraph is broken in linear time: candidate items stay proportional to the words', { timeout: 60_000 }, () => {
  const count = 180_000;
  const text = Array.from({ length: count }, (_, i) => ['the', 'harbour', 'lights', 'came', 'on', 'slowly'][i % 6]).join(' ') + '.';
  const words = inlineWords([{ type: 'text', text }], { size: SIZE, font: 'regular', role: 'text' });
  // 324 pt: whole words cannot keep every line within the pretolerance, so the hyphenated pass runs too.
  const before = breakStats.itemsBroken;
  const set = setParagraph(fonts, words, { lineWidth: 324, indent: 12, align: 'justify', hyphenate: hyphenatorFor('en')! });
  const broken = breakStats.itemsBroken - before;
  assert.ok(broken > count, `the optimal breaker saw ${broken} items`);
  assert.ok(broken < count * 10, `${broken} items passed to the breaker for ${count} words`);
  for (const l of set) for (const r of l.runs) assert.ok(r.x >= -0.01 && r.x + r.width <= 324.01, `run from ${r.x} to ${r.x + r.width}`);
  // Lines stay justified within the shrink limit and not wildly loose, across the window seams too.
  const ratios = set.slice(0, -1).map((l) => l.ratio ?? 0);
  assert.ok(Math.min(...ratios) >= -1.0001, `tightest ratio ${Math.min(...ratios)}`);
  assert.ok(ratios.filter((r) => r > 2).length < set.length / 100, 'hardly any very loose lines');
  const joined = set.flatMap((l) => l.runs).map((r, i) => (i === 0 || r.join === 'none' ? '' : ' ') + r.text).join('');
  assert.equal(joined.replace(/-(?=\S)/g, '').split(' ').length, count);
});

// ---- pagination ----

let serial = 0;
function para(n: number): FlowItem {
  const id = ++serial;
  const lines: FlowLine[] = Array.from({ length: n }, (_, i) => ({
    line: { runs: [{ kind: 'text', x: 0, y: 0, text: `p${id}l${i}`, font: 'regular', size: SIZE, width: 10, role: 'text', join: i ? 'space' : 'para' }], links: [], destinations: [], size: SIZE },
    x: 0,
    units: 1,
  }));
  return { kind: 'block', lines, spaceBefore: 0, spaceAfter: 0, breakable: true };
}
function heading(): FlowItem {
  const item = para(1);
  if (item.kind === 'block') {
    item.breakable = false;
    item.keepWithNext = true;
    item.spaceBefore = 2;
    item.spaceAfter = 1;
  }
  return item;
}
function scene(): FlowItem {
  return { kind: 'scene', space: 1, ornament: { line: { runs: [{ kind: 'text', x: 0, y: 0, text: '❧', font: 'regular', size: SIZE, width: 8, role: 'ornament', join: 'para' }], links: [], destinations: [], size: SIZE }, x: 0, units: 1 } };
}
const text = (p: { flow: FlowLine }): string => p.flow.line.runs[0]!.text;

test('widows and orphans: a paragraph never leaves one line alone at a page bottom or top', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 14 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 6, max: 20 }), (sizes, L) => {
      const items = sizes.map((n) => para(n));
      const pages = paginate(items, { linesPerPage: L, widows: 2, orphans: 2 });
      for (const page of pages) assert.ok(page.length <= L);
      // Every line placed exactly once, in order.
      const all = pages.flat().map(text);
      const expected = items.flatMap((it) => (it.kind === 'block' ? it.lines.map((l) => l.line.runs[0]!.text) : []));
      assert.deepEqual(all, expected);
      for (let p = 0; p + 1 < pages.length; p++) {
        const last = pages[p]![pages[p]!.length - 1];
        const first = pages[p + 1]![0];
        if (!last || !first) continue;
        const [pl, ll] = /p(\d+)l(\d+)/.exec(text(last))!.slice(1).map(Number) as [number, number];
        const [pf, lf] = /p(\d+)l(\d+)/.exec(text(first))!.slice(1).map(Number) as [number, number];
        if (pl !== pf) continue; // the page break falls between paragraphs
        const total = items.find((it) => it.kind === 'block' && it.lines[0]!.line.runs[0]!.text === `p${pl}l0`) as Extract<FlowItem, { kind: 'block' }>;
        assert.ok(ll + 1 >= 2, `orphan: only ${ll + 1} line(s) of p${pl} at the bottom of page ${p + 1}`);
        assert.ok(total.lines.length - lf >= 2, `widow: only ${total.lines.length - lf} line(s) of p${pf} at the top of page ${p + 2}`);
      }
    }),
    { numRuns: 200 },
  );
});

test('a heading is never the last thing on a page', () => {
  for (let before = 1; before <= 12; before++) {
    const items = [para(before), heading(), para(6)];
    const pages = paginate(items, { linesPerPage: 12, widows: 2, orphans: 2 });
    for (const page of pages) {
      const last = page[page.length - 1]!;
      const headText = (items[1] as Extract<FlowItem, { kind: 'block' }>).lines[0]!.line.runs[0]!.text;
      assert.notEqual(text(last), headText, `heading stranded at a page bottom with ${before} lines before it`);
    }
  }
});

test('a scene break at a page bottom or top is drawn as the ornament, mid-page as space', () => {
  // Mid-page: no ornament.
  const mid = paginate([para(3), scene(), para(3)], { linesPerPage: 20, widows: 2, orphans: 2 });
  assert.equal(mid.flat().filter((p) => p.flow.line.runs[0]!.role === 'ornament').length, 0);
  assert.equal(mid[0]![3]!.slot, 4, 'one blank line for the break');
  // The break falls exactly at the page end: the ornament is drawn.
  for (let fill = 8; fill <= 10; fill++) {
    const pages = paginate([para(fill), scene(), para(5)], { linesPerPage: 10, widows: 2, orphans: 2 });
    const orn = pages.flatMap((page, i) => page.filter((p) => p.flow.line.runs[0]!.role === 'ornament').map((p) => ({ page: i, slot: p.slot, index: page.indexOf(p), count: page.length })));
    assert.equal(orn.length, 1, `fill ${fill}: one ornament`);
    const o = orn[0]!;
    const atBottom = o.index === o.count - 1;
    const atTop = o.index === 0 && o.page > 0;
    assert.ok(atBottom || atTop, `fill ${fill}: ornament at a page edge`);
  }
});

test('page geometry: trims in points, gutter grows with the page count, margins at least half an inch', () => {
  const small = pageGeometry(theme, 'trade', 100);
  const big = pageGeometry(theme, 'trade', 800);
  assert.equal(Math.round(small.trim.width), 432);
  assert.equal(Math.round(small.trim.height), 648);
  // At least IngramSpark's and Lulu's half inch, where KDP would take 0.375 in.
  assert.equal(small.gutterInches, 0.5);
  assert.equal(big.gutterInches, 0.875);
  assert.equal(pageGeometry(theme, 'trade', 250).gutterInches, 0.5);
  assert.equal(pageGeometry(theme, 'trade', 450).gutterInches, 0.625);
  assert.equal(pageGeometry(theme, 'trade', 650).gutterInches, 0.75);
  // Recto: gutter on the left; verso: gutter on the right.
  assert.equal(small.recto.x, 0.5 * 72);
  assert.equal(small.verso.x + small.verso.width, small.trim.width - 0.5 * 72);
  assert.ok(small.recto.y >= 36 && small.trim.height - small.recto.y - small.recto.height >= 36);
});

test('never a word space over twice the natural one: a paragraph whose long words leave a loose line gets an emergency pass, then letter spacing', () => {
  // Invented: long words that cannot be broken well leave a loose line at some measures.
  const texts = [
    'Then, turning towards the harbourmaster, “If you have anything to attend to, do it promptly; unaccountably, incomprehensibly, indisputably.”',
    '“But I have heard that the rhododendrons bloom well,” continued my companion imperturbably.',
  ];
  const space = fonts.width(' ', 'regular', SIZE);
  for (const text of texts) for (let width = 150; width <= 330; width += 10) {
    const words = inlineWords([{ type: 'text', text }], { size: SIZE, font: 'regular', role: 'text' });
    const set = setParagraph(fonts, words, { lineWidth: width, indent: 12, align: 'justify', hyphenate: hyphenatorFor('en')! });
    for (const l of set) {
      if (l.ratio === undefined) continue;
      // The gap as seen: the glue (ratio × half a space past the natural one) plus any letter spacing after the word.
      const seen = space * (1 + l.ratio * (l.ratio >= 0 ? 0.5 : 1 / 3)) + (l.runs[0]!.characterSpacing ?? 0);
      assert.ok(seen <= 2 * space + 1e-6, `measure ${width}: a gap of ${(seen / space).toFixed(2)}× in “${l.runs.map((r) => r.text).join(' ')}”`);
    }
  }
});

test('a paragraph’s last word is not hyphenated when the lines before can take it whole', () => {
  for (const text of TEXT) {
    for (const width of [180, 240, 300]) {
      const words = inlineWords([{ type: 'text', text }], { size: SIZE, font: 'regular', role: 'text' });
      const set = setParagraph(fonts, words, { lineWidth: width, indent: 0, align: 'justify', hyphenate: hyphenatorFor('en')! });
      const before = set[set.length - 2];
      if (before) assert.ok(!before.runs[before.runs.length - 1]!.addedHyphen || set[set.length - 1]!.runs.some((r) => r.text.includes(' ') || r.join === 'space'), `${width}: the last word broken`);
    }
  }
});

test('a second pagination takes each section\'s pages from the first when it starts on the same side, and paginates it again when not', () => {
  const g = pageGeometry(theme, 'trade', 100);
  const section = (kind: Section['kind'], recto: boolean, items: FlowItem[]): Section => ({ kind, recto, flow: items, sink: 0, folio: true });
  // A story on a recto, and back matter that starts on whichever side comes next: a page of 3 + g.lines - 2 lines
  // ends on a verso or a recto as the story has one line more or less.
  const story = section('opener', true, [para(g.lines + 3), heading(), para(7)]);
  const back = section('back', false, [para(g.lines + 5)]);
  const show = (drafts: ReturnType<typeof paginateSections>): string[][] => drafts.map((d) => d.lines.map((l) => `${l.flow.line.runs[0]!.text}@${l.slot}`));
  for (const frontLines of [3, g.lines + 3]) {
    const kept: SectionPages = new WeakMap();
    const front = section('front', true, [para(frontLines)]);
    const first = paginateSections([section('front', true, [para(3)]), story, back], g, theme, kept);
    const second = paginateSections([front, story, back], g, theme, kept);
    assert.deepEqual(show(second), show(paginateSections([front, story, back], g, theme)), 'as if paginated afresh');
    const opener = (drafts: typeof first): PlacedLine[] => drafts.find((d) => d.sectionStart === story)!.lines;
    assert.equal(opener(second), opener(first), 'the story starts on a recto both times: its pages are taken, not made again');
  }
  // Back matter that moves to the other side is paginated again.
  const kept: SectionPages = new WeakMap();
  const odd = paginateSections([section('front', true, [para(1)]), back], g, theme, kept);
  const even = paginateSections([section('front', true, [para(g.lines + 1)]), back], g, theme, kept);
  assert.notEqual(even.find((d) => d.sectionStart === back)!.lines, odd.find((d) => d.sectionStart === back)!.lines);
});
