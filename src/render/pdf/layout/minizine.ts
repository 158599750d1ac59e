// The mini-zine's own layout: the stories (a short title, then the text; no front or back matter, notes, running heads
// or folios) set for its panels, at the largest text size that fits the 8 panels.
import { QuireError } from '../../../common/diagnostics.js';
import { blocksText, type Block, type Book, type Story } from '../../../model/types.js';
import type { RenderContext } from '../../context.js';
import type { LaidOutBook } from '../types.js';
import { fontsFor, passContext, setStory, type StoryPass } from './book.js';
import { blocksToFlow } from './page/blocks.js';
import type { Section } from './page/sections.js';
import { panelGeometry } from './page/geometry.js';
import { finish, paginateSections } from './page/pages.js';
import { hyphenatorFor } from './text/hyphenate.js';

/** Panels of the one-sheet mini-zine. */
export const MINIZINE_PANELS = 8;
/** Text sizes tried, largest first (points); below the last a panel is not comfortably readable. */
const SIZES = [12, 11, 10, 9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6];
/** The smallest size worth a cover of its own: a longer text starts under its title on the first panel. */
const COVER_MIN_SIZE = 8;
/** Margin round each panel: the fold, and the edge a home printer cannot print, points (5 mm). */
const MARGIN = 14;
/** A longer text is cut to about this many words before it is set (it cannot fit: the cut only says how much would). */
const MOST_WORDS = 5000;

/**
 * The stories set on `panel`-sized pages (exactly MINIZINE_PANELS, blanks after the text), at the largest size of
 * SIZES they fit: a cover (the title and byline) and the text on the panels after it, or, for a longer text, the
 * title over the text from the first panel. Text that does not fit at the smallest size is refused, saying how many
 * of its words would.
 */
export function layoutMiniZine(book: Book, ctx: RenderContext, panel: { width: number; height: number }): LaidOutBook {
  const words = book.stories.reduce((n, s) => n + s.wordCount, 0);
  const stories = cutTo(book.stories, MOST_WORDS);
  // At the smallest size first: a text that cannot fit is refused at once.
  const smallest = setPanels(book, stories, ctx, panel, SIZES[SIZES.length - 1]!, false);
  if (smallest.pages.length <= MINIZINE_PANELS) {
    const tries = [...SIZES.filter((s) => s >= COVER_MIN_SIZE).map((size) => ({ size, cover: true })), ...SIZES.slice(0, -1).map((size) => ({ size, cover: false }))];
    for (const { size, cover } of tries) {
      const laid = setPanels(book, stories, ctx, panel, size, cover);
      if (laid.pages.length <= MINIZINE_PANELS) return padded(laid);
    }
    return padded(smallest);
  }
  const fit = wordsOnPages(smallest, MINIZINE_PANELS);
  const pages = stories.length === book.stories.length && words <= MOST_WORDS ? `${smallest.pages.length} panels` : `more than ${smallest.pages.length} panels`;
  throw new QuireError(
    `the mini-zine's ${MINIZINE_PANELS} panels hold about ${fit} words at ${SIZES[SIZES.length - 1]} pt, but the text has ${words} (${pages}); pick a shorter story or use --formats zine`,
  );
}

/** The layout with blank pages after the text up to the 8 panels. */
function padded(laid: LaidOutBook): LaidOutBook {
  while (laid.pages.length < MINIZINE_PANELS) laid.pages.push({ index: laid.pages.length, kind: 'blank', runs: [], rules: [], links: [], destinations: [] });
  return laid;
}

function setPanels(book: Book, stories: Story[], ctx: RenderContext, panel: { width: number; height: number }, size: number, cover: boolean): LaidOutBook {
  const theme = { ...ctx.theme, text: { ...ctx.theme.text, size } };
  const geometry = panelGeometry(theme, panel.width, panel.height, MARGIN);
  const fonts = fontsFor(ctx.theme, book.meta.language);
  const hyphenate = theme.text.hyphenate ? hyphenatorFor(book.meta.language) : undefined;
  const pass: StoryPass = { settings: { theme, language: book.meta.language, notesPolicy: 'drop', interactive: false }, geometry, fonts, hyphenate };
  const single = stories.length === 1;
  const sections: Section[] = [];
  if (cover) {
    // The cover: a single story's title and byline, or the book's title over several stories.
    const blocks = single ? stories[0]!.opener.filter((b) => !('role' in b) || b.role !== 'story-tags') : (book.front.find((m) => m.kind === 'halftitle')?.blocks ?? []);
    sections.push({ kind: 'front', recto: false, flow: blocksToFlow(passContext(pass), blocks), sink: Math.round(geometry.lines / 4), folio: false });
  }
  // Each story: its title (none after a single story's cover) and its text, straight after the story before.
  for (const story of stories) {
    const opener = cover && single ? [] : story.opener.filter((b) => b.type === 'heading').slice(0, 1);
    const section = setStory({ ...story, opener, notes: [] }, pass);
    sections.push({ ...section, recto: false, sink: 0, folio: false, runningHead: undefined });
  }
  const zineCtx: RenderContext = { ...ctx, theme, options: { ...ctx.options, print: true, bleed: false } };
  return finish({ ...book, notesPolicy: 'drop' }, zineCtx, fonts, geometry, paginateSections(sections, geometry, theme));
}

/** The stories up to about `most` words: whole stories, then the first blocks of the one that crosses it. */
function cutTo(stories: Story[], most: number): Story[] {
  const out: Story[] = [];
  let words = 0;
  for (const story of stories) {
    if (words + story.wordCount <= most) {
      out.push(story);
      words += story.wordCount;
      continue;
    }
    const blocks: Block[] = [];
    for (const block of story.blocks) {
      if (words > most) break;
      blocks.push(block);
      words += blocksText([block]).split(/\s+/).filter(Boolean).length;
    }
    out.push({ ...story, blocks });
    break;
  }
  return out;
}

/** Story words on the first `count` pages (a word broken over a line end counted once). */
function wordsOnPages(layout: LaidOutBook, count: number): number {
  let words = 0;
  for (const page of layout.pages.slice(0, count)) {
    for (const run of page.runs) {
      if (run.story === undefined) continue;
      const parts = run.text.split(' ').filter(Boolean).length;
      words += run.join === 'none' ? Math.max(0, parts - 1) : parts;
    }
  }
  return words;
}
