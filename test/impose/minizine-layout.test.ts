// The mini-zine's own layout: a story set for the panels (a cover with its title, then the text; no front matter),
// at the largest size that fits; refused only when the text cannot fit, saying how many words would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wordsOf } from '../../src/audit/index.ts';
import { QuireError, Messages } from '../../src/common/diagnostics.ts';
import { imposeMiniZine, miniZinePanel, SHEET_SIZES } from '../../src/impose/index.ts';
import { pageSourceFromLayout } from '../../src/impose/layout-source.ts';
import { assembleBook } from '../../src/model/book.ts';
import { parseChapter } from '../../src/model/parse.ts';
import { storyFromChapter } from '../../src/model/story.ts';
import { blocksText, type Book } from '../../src/model/types.ts';
import { layoutMiniZine, pdfStoryText } from '../../src/render/pdf/index.ts';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';
import { renderContext } from '../pdf/book.ts';
import { withPdf, wordsOnPage } from './sheets.ts';

/** An invented story of about `words` words in paragraphs of 60. */
function prose(words: number, seed = 1): string {
  const vocabulary = ['lantern', 'harbour', 'salt', 'window', 'keeper', 'rope', 'gull', 'tide', 'ledger', 'morning', 'stone', 'letter', 'boat', 'quiet', 'bell', 'grey', 'found', 'walked', 'the', 'a', 'of', 'and', 'she', 'her', 'into', 'under'];
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const w = vocabulary[(i * 7 + seed * 13 + Math.floor(i / 5)) % vocabulary.length]!;
    out.push(i % 12 === 0 ? w[0]!.toUpperCase() + w.slice(1) : w);
    if (i % 12 === 11) out[out.length - 1] += '.';
    if (i % 60 === 59) out.push('\n\n');
  }
  return out.join(' ').replace(/ \n\n /g, '\n\n') + '.\n';
}

function bookOf(stories: Array<{ title: string; words: number }>): Book {
  const markdowns = stories.map((s, i) => `---\ntitle: ${s.title}\nauthor: Ann Example\n---\n\n${prose(s.words, i + 1)}`);
  const parsed = markdowns.map((md, i) => {
    const id = `s0${i + 1}`;
    return storyFromChapter(parseChapter(md, `markdown/${id}.md`, id), { id, index: i + 1, source: `story-${i + 1}.txt`, markdownPath: `markdown/${id}.md`, notes: 'endnotes' });
  });
  return assembleBook({ title: stories.length === 1 ? stories[0]!.title : 'Harbour Pieces', editor: 'The Test Desk', language: 'en', modified: new Date('2026-11-21T00:00:00Z'), notes: 'endnotes' }, parsed, markdowns, loadTheme(), DEFAULT_TEMPLATES_DIR, []);
}

const panel = miniZinePanel('a4');

test('a 400-word story fills the mini-zine: its title and byline on the cover, every word of it on the panels after, no front matter', async () => {
  const book = bookOf([{ title: 'The Harbour Bell', words: 400 }]);
  const layout = layoutMiniZine(book, renderContext(), panel);
  assert.equal(layout.pages.length, 8);
  assert.ok(Math.abs(layout.trim.width - panel.width) < 0.01 && Math.abs(layout.trim.height - panel.height) < 0.01, 'pages are the panel size');
  const cover = layout.pages[0]!.runs.map((r) => r.text).join(' ');
  assert.match(cover, /The Harbour Bell/);
  assert.match(cover, /Ann Example/);
  const story = book.stories[0]!;
  assert.deepEqual(wordsOf(pdfStoryText(layout).get(story.id) ?? ''), wordsOf(blocksText(story.blocks)), 'every word, in order');
  const all = layout.pages.flatMap((p) => p.runs.map((r) => r.text)).join(' ');
  assert.doesNotMatch(all, /Contents|Notices|Colophon|Edited by/, 'none of the book’s front or back matter');
  const text = layout.pages.slice(1).flatMap((p) => p.runs.filter((r) => r.story));
  assert.ok(text.length > 0 && text.every((r) => r.size >= 8), `readable text (${Math.min(...text.map((r) => r.size))} pt)`);
  assert.ok(layout.pages.filter((p) => p.runs.length).length >= 4, 'the text spreads over the panels');
  // Imposed on one A4 side, unscaled: the cover's words read upright in the bottom-right panel.
  const mini = await imposeMiniZine(pageSourceFromLayout(layout), { sheet: 'a4', info: { title: 'The Harbour Bell', modified: new Date(0) } });
  withPdf(mini.bytes, (file) => {
    const [w, h] = SHEET_SIZES.a4;
    const words = wordsOnPage(file, 1).filter((x) => x.xMin > (w * 3) / 4 && x.yMin > h / 2).map((x) => x.text);
    assert.ok(words.includes('Harbour') && words.includes('Bell'), words.join(' '));
  });
});

test('a longer story starts under its title on the cover panel, set smaller; a multi-story zine has the book title on its cover', () => {
  const book = bookOf([{ title: 'Ledger', words: 2200 }]);
  const layout = layoutMiniZine(book, renderContext(), miniZinePanel('letter', true));
  assert.equal(layout.pages.length, 8);
  assert.ok(layout.pages[0]!.runs.some((r) => r.story), 'text on the first panel');
  const sizes = layout.pages.flatMap((p) => p.runs.filter((r) => r.story).map((r) => r.size));
  assert.ok(Math.max(...sizes) < 8 && Math.min(...sizes) >= 6, `${Math.max(...sizes)} pt`);
  assert.deepEqual(wordsOf(pdfStoryText(layout).get(book.stories[0]!.id) ?? ''), wordsOf(blocksText(book.stories[0]!.blocks)));
  const two = bookOf([{ title: 'First Light', words: 150 }, { title: 'Low Water', words: 150 }]);
  const both = layoutMiniZine(two, renderContext(), panel);
  const text = both.pages.flatMap((p) => p.runs.map((r) => r.text)).join(' ');
  assert.match(both.pages[0]!.runs.map((r) => r.text).join(' '), /Harbour Pieces/);
  assert.ok(text.indexOf('First Light') < text.indexOf('Low Water'), 'each story under its own title, in order');
});

test('text that cannot fit is refused with the words that would fit, and the words it has', () => {
  const book = bookOf([{ title: 'Long Tide', words: 9000 }]);
  const ctx = { ...renderContext(), messages: new Messages() };
  assert.throws(
    () => layoutMiniZine(book, ctx, panel),
    (e: unknown) => {
      assert.ok(e instanceof QuireError);
      const m = /hold about (\d+) words at 6 pt, but the text has (\d+)/.exec(e.message);
      assert.ok(m, e.message);
      const fit = Number(m[1]);
      assert.ok(fit > 1500 && fit < 9000, `about ${fit} words fit`);
      assert.equal(Number(m[2]), book.stories[0]!.wordCount);
      return true;
    },
  );
});
