// Story text for the lossless audit: each story's runs in page order, line-end hyphens rejoined; the text of each run as the print PDF draws it (its pages' content streams read back through the fonts' ToUnicode maps), or as laid out.
import { inflateSync } from 'node:zlib';
import { contentTextObjects, type ContentFont, type FontReaders, type Shown } from './content-text.js';
import { pdfBoxes } from './page-box.js';
import { isWordSpace, type PageBreak } from '../page-breaks.js';
import { RUN_JOINS, type LaidOutBook, type PaintedPages, type TextRun } from './types.js';

/** What goes between a run and the story text before it. */
function separator(join: TextRun['join']): string {
  return join === 'para' ? '\n\n' : join === 'line' ? '\n' : join === 'space' ? ' ' : '';
}

/** The text of run `run` of page `page`, or undefined when it is not to be read (not drawn, or not on the page). */
export type RunText = (page: number, run: number) => string | undefined;

/** What the story text is read by, of a run: its story and how it joins the text before it. */
export type StoryRun = Pick<TextRun, 'story' | 'join' | 'addedHyphen'>;

/** Pages of runs, as the story text reads them. */
export interface StoryPages {
  pages: ReadonlyArray<{ runs: ReadonlyArray<StoryRun> }>;
}

/**
 * story id → its words as laid out (or, with `textOf`, as drawn): blocks separated by blank lines, broken words
 * rejoined. Runs of one story mostly follow each other, so its text is appended to one string (a rope V8 flattens
 * once) while the story lasts.
 */
export function pdfStoryText(layout: Pick<LaidOutBook, 'pages'>): Map<string, string>;
export function pdfStoryText(layout: StoryPages, textOf: RunText): Map<string, string>;
export function pdfStoryText(layout: StoryPages, textOf: RunText = (p, k) => (layout.pages[p]!.runs[k] as TextRun).text): Map<string, string> {
  const texts = new Map<string, string>();
  let id: string | undefined;
  let text = '';
  let started = false;
  for (const [p, page] of layout.pages.entries()) {
    for (const [k, run] of page.runs.entries()) {
      const story = run.story;
      if (story === undefined) continue;
      if (story !== id) {
        if (id !== undefined) texts.set(id, text);
        id = story;
        const before = texts.get(story);
        started = before !== undefined;
        text = before ?? '';
      }
      const drawn = textOf(p, k);
      if (drawn === undefined) continue;
      if (started) text += separator(run.join);
      started = true;
      text += run.addedHyphen ? drawn.slice(0, -1) : drawn;
    }
  }
  if (id !== undefined) texts.set(id, text);
  return texts;
}

/** Slack (points) for a string's ends around the page's edges. */
const EDGE = 0.5;

/**
 * What reading the drawn story text needs: the painted pages, where their trim boxes are, and each page's runs (their
 * story and join, not their text). A LaidOutBook is one; drawnPages() makes a lighter one, to send to a worker, its
 * runs packed.
 */
export type DrawnPages = Pick<LaidOutBook, 'trim' | 'bleed' | 'bleedEdges' | 'painted'> & (StoryPages | { runs: PackedRuns });

/**
 * Each page's runs as paintedStoryText reads them, in flat arrays (the large book's 95k runs as objects took
 * ≈ 0.1 s to clone into a worker; the arrays are copied whole): page p's runs are [pageStart[p], pageStart[p + 1]),
 * run r's story is stories[story[r]] (none: -1), its join RUN_JOINS[flags[r] & 3], and flags[r] & 4 marks an added hyphen.
 */
export interface PackedRuns {
  pageStart: Int32Array;
  story: Int32Array;
  flags: Uint8Array;
  stories: string[];
}

const ADDED_HYPHEN = 4;

/** The drawn pages of a painted layout (`painted`: its pages as painted, by default `layout.painted`), with only what paintedStoryText reads of its runs. */
export function drawnPages(layout: LaidOutBook, painted: PaintedPages | undefined = layout.painted): DrawnPages {
  let count = 0;
  for (const page of layout.pages) count += page.runs.length;
  const pageStart = new Int32Array(layout.pages.length + 1);
  const story = new Int32Array(count);
  const flags = new Uint8Array(count);
  const stories: string[] = [];
  const index = new Map<string, number>();
  let r = 0;
  layout.pages.forEach((page, p) => {
    pageStart[p] = r;
    for (const run of page.runs) {
      let s = -1;
      if (run.story !== undefined) {
        s = index.get(run.story) ?? -1;
        if (s < 0) index.set(run.story, (s = stories.push(run.story) - 1));
      }
      story[r] = s;
      flags[r++] = RUN_JOINS.indexOf(run.join) | (run.addedHyphen ? ADDED_HYPHEN : 0);
    }
  });
  pageStart[layout.pages.length] = r;
  return { trim: layout.trim, bleed: layout.bleed, bleedEdges: layout.bleedEdges, ...(painted && { painted }), runs: { pageStart, story, flags, stories } };
}

/** The pages of packed runs (drawnPages), as pdfStoryText reads them. */
function unpackRuns({ pageStart, story, flags, stories }: PackedRuns): StoryPages {
  const pages: Array<{ runs: StoryRun[] }> = [];
  for (let p = 0; p + 1 < pageStart.length; p++) {
    const runs: StoryRun[] = [];
    for (let r = pageStart[p]!; r < pageStart[p + 1]!; r++) {
      const run: StoryRun = { join: RUN_JOINS[flags[r]! & 3]! };
      if (story[r]! >= 0) run.story = stories[story[r]!]!;
      if (flags[r]! & ADDED_HYPHEN) run.addedHyphen = true;
      runs.push(run);
    }
    pages.push({ runs });
  }
  return { pages };
}

/**
 * story id → its words as the print PDF draws them: each page's content stream inflated and read (content-text.ts),
 * each run's text the string drawn for it, decoded through the embedded fonts' ToUnicode maps. A string drawn
 * beyond the page's trim box is not on the page, and not read: a story whose words are drawn off the page, or
 * drawn as other characters, fails the audit. Needs the painted pages (renderPdf sets `layout.painted`) and the runs.
 */
export function paintedStoryText(drawn: DrawnPages): Map<string, string> {
  const layout = { ...drawn, ...('runs' in drawn ? unpackRuns(drawn.runs) : { pages: drawn.pages }) };
  const painted = layout.painted;
  if (!painted || painted.contents.length !== layout.pages.length) throw new Error('paintedStoryText: the layout has not been painted');
  const fonts = new Map<string, ContentFont>(painted.fonts.map((f) => [f.id, f]));
  // The trim box of the page being read, in its PDF space (a bleed moves it: page-box.ts).
  let trim = [0, 0, 0, 0];
  const onPage = (s: Shown): boolean => {
    const [left, bottom, right, top] = [trim[0]! - EDGE, trim[1]! - EDGE, trim[2]! + EDGE, trim[3]! + EDGE];
    return s.x0 >= left && s.x1 >= left && s.x0 <= right && s.x1 <= right && s.y0 >= bottom && s.y1 >= bottom && s.y0 <= top && s.y1 <= top;
  };
  const readers: FontReaders = new Map();
  let page = -1;
  let runTexts: Array<string | undefined> = [];
  /** The drawn text of each run of page `p`: the painter's block of runs, then one text object per run pdfkit drew. */
  const read = (p: number): Array<string | undefined> => {
    const runs = layout.pages[p]!.runs;
    trim = pdfBoxes(layout, p).trim;
    const out = new Array<string | undefined>(runs.length);
    const objects = contentTextObjects(inflateSync(painted.contents[p]!), fonts, readers);
    const fallback = painted.fallback[p] ?? [];
    const own = runs.length > 0 ? (objects[0] ?? []) : [];
    // The painter drew each of its runs as one string, in order; another count means the page is not what was laid out.
    if (own.length !== runs.length - fallback.length || objects.length !== (runs.length > 0 ? 1 : 0) + fallback.length) return out;
    let next = 0;
    const isFallback = new Set(fallback);
    for (let k = 0; k < runs.length; k++) {
      if (isFallback.has(k)) continue;
      const shown = own[next++]!;
      if (onPage(shown)) out[k] = shown.text;
    }
    fallback.forEach((k, i) => {
      const shown = objects[1 + i]!;
      if (shown.every(onPage)) out[k] = shown.map((s) => s.text).join('');
    });
    return out;
  };
  return pdfStoryText(layout, (p, k) => {
    if (p !== page) {
      page = p;
      runTexts = read(p);
    }
    return runTexts[k];
  });
}

/**
 * Where each page of story text begins, per story: the index of the first word that starts on the page (words
 * separated by white space, counted through the story's runs as the audit reads them; a word broken across the
 * page belongs to the page before) and the page's printed number. A page lists the first story it holds.
 */
export function storyPageStarts(layout: LaidOutBook): Map<string, PageBreak[]> {
  const starts = new Map<string, PageBreak[]>();
  const words = new Map<string, number>();
  const inWord = new Map<string, boolean>();
  for (const page of layout.pages) {
    let listed = false;
    for (const run of page.runs) {
      const story = run.story;
      if (story === undefined) continue;
      let count = words.get(story) ?? 0;
      let within = run.join === 'none' && (inWord.get(story) ?? false);
      if (!listed) {
        listed = true;
        const list = starts.get(story) ?? [];
        if (list.length === 0) starts.set(story, list);
        list.push({ word: count, label: page.folio ?? String(page.index + 1) });
      }
      const text = run.addedHyphen ? run.text.slice(0, -1) : run.text;
      for (let i = 0; i < text.length; i++) {
        if (isWordSpace(text.charCodeAt(i))) within = false;
        else if (!within) {
          within = true;
          count++;
        }
      }
      words.set(story, count);
      inWord.set(story, within);
    }
  }
  return starts;
}
