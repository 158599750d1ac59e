// A saved web page of a story: the text of its article or main content, with its headings and emphasis; the page's
// navigation, header and footer, comments, sharing and forms left out. Title, author and date from the page.
import type { RemovedItem, StoryMeta } from '../types.js';
import type { ReaderInput } from './ao3.js';
import { htmlToBlocks, type BlockOptions } from './html-blocks.js';
import { childElements, descendants, find, textOf, type HtmlElement } from './html-tree.js';
import type { SourceBlock, SourceChapter, SourceStory } from './types.js';

/** Page furniture: never story text, wherever it stands. */
const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'menu']);
const FURNITURE_NAMES = /(?:^|[\s_-])(?:comments?|comment-\w+|respond|replies|share|sharing|social|related|sidebar|widget|advert\w*|ads?|promo|newsletter|subscribe|breadcrumbs?|pagination|pager|nav|navbar|menu|cookie\w*|banner|skip-link|screen-reader-text|post-meta|tags|categories)(?:$|[\s_-])/i;

function isFurniture(el: HtmlElement): boolean {
  if (FURNITURE_TAGS.has(el.name)) return true;
  const role = el.attrs.role ?? '';
  if (/^(?:navigation|banner|contentinfo|complementary|search)$/.test(role)) return true;
  return FURNITURE_NAMES.test(`${el.attrs.id ?? ''} ${el.attrs.class ?? ''}`);
}

/** How much paragraph text an element holds (furniture not counted). */
function paragraphText(el: HtmlElement): number {
  let n = 0;
  const visit = (e: HtmlElement): void => {
    for (const c of childElements(e)) {
      if (isFurniture(c)) continue;
      if (c.name === 'p') n += textOf(c).length;
      else visit(c);
    }
  };
  visit(el);
  return n;
}

/** The element that holds the story: an <article> (the fullest), <main>, role=main, else the fullest container of paragraphs. */
export function mainContent(root: HtmlElement): HtmlElement {
  const all = descendants(root);
  const fullest = (list: HtmlElement[]): HtmlElement | undefined => list.map((el) => ({ el, n: paragraphText(el) })).sort((a, b) => b.n - a.n).find((x) => x.n > 0)?.el;
  const article = fullest(all.filter((el) => el.name === 'article'));
  if (article) return article;
  const main = fullest(all.filter((el) => el.name === 'main' || el.attrs.role === 'main'));
  if (main) return main;
  // The parent with the most paragraph text directly in it.
  const score = new Map<HtmlElement, number>();
  for (const el of all) {
    const direct = childElements(el).filter((c) => c.name === 'p').reduce((n, p) => n + textOf(p).length, 0);
    if (direct > 0 && !isFurniture(el)) score.set(el, direct);
  }
  const best = [...score].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best ?? find(root, (el) => el.name === 'body') ?? root;
}

function metaContent(root: HtmlElement, key: string): string | undefined {
  const el = find(root, (m) => m.name === 'meta' && (m.attrs.name === key || m.attrs.property === key));
  return el?.attrs.content?.trim() || undefined;
}

/** Split blocks into chapters at their level-2 headings (text before the first one is a chapter of its own). */
export function chaptersAtHeadings(blocks: SourceBlock[], line: number): SourceChapter[] {
  const chapters: SourceChapter[] = [{ line, blocks: [] }];
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level === 2) chapters.push({ title: b.runs.map((r) => (r.kind === 'text' ? r.text : '')).join('').replace(/\s+/g, ' ').trim(), line: b.line, blocks: [] });
    else chapters[chapters.length - 1]!.blocks.push(b);
  }
  return chapters.filter((c, i) => i > 0 || c.blocks.length > 0);
}

export function readWebPage(input: ReaderInput): SourceStory {
  const { root } = input;
  const content = mainContent(root);
  const removed: RemovedItem[] = [];
  const meta: StoryMeta = {};
  // The title: the content's first <h1>, else the page's own (Open Graph, then <title>).
  const h1 = find(content, (el) => el.name === 'h1') ?? find(root, (el) => el.name === 'h1');
  const title = (h1 && textOf(h1)) || metaContent(root, 'og:title') || input.documentTitle || undefined;
  if (h1) removed.push({ kind: 'metadata', action: 'moved', line: h1.line, text: textOf(h1), rule: 'web-page-reader', evidence: "the page's title" });
  const bylineEl = find(content, (el) => el.attrs.rel === 'author' || /(?:^|\s)(?:byline|author)(?:$|\s)/i.test(el.attrs.class ?? ''));
  const author = metaContent(root, 'author') ?? (bylineEl ? textOf(bylineEl).replace(/^by\s+/i, '') : undefined);
  if (bylineEl) removed.push({ kind: 'metadata', action: 'moved', line: bylineEl.line, text: textOf(bylineEl), rule: 'web-page-reader', evidence: "the page's byline" });
  const url = find(root, (el) => el.name === 'link' && /(?:^|\s)canonical(?:$|\s)/i.test(el.attrs.rel ?? ''))?.attrs.href ?? metaContent(root, 'og:url');
  if (url) meta.url = url;
  const published = metaContent(root, 'article:published_time') ?? find(content, (el) => el.name === 'time' && !!el.attrs.datetime)?.attrs.datetime;
  if (published) meta.published = published.slice(0, 10);
  const description = metaContent(root, 'description') ?? metaContent(root, 'og:description');
  const lang = find(root, (el) => el.name === 'html')?.attrs.lang;
  if (lang) meta.language = lang;
  // Furniture inside the content (comments, sharing buttons, a byline) is left out and said so.
  const furniture = (el: HtmlElement): void => {
    for (const c of childElements(el)) {
      if (!isFurniture(c)) furniture(c);
      else if (textOf(c)) removed.push({ kind: 'boilerplate', action: 'removed', line: c.line, text: textOf(c).length > 200 ? `${textOf(c).slice(0, 197)}…` : textOf(c), rule: 'web-page-reader', evidence: 'page furniture (comments, sharing, navigation)' });
    }
  };
  furniture(content);
  const options: BlockOptions = {
    ...input.blockOptions,
    headingLevel: (tag) => (tag === 'h1' || tag === 'h2' ? 2 : 3),
    skip: (el) => el === h1 || el === bylineEl || isFurniture(el) || (el.name === 'header' && !find(el, (p) => p.name === 'p' && textOf(p).length > 200)),
  };
  const blocks = htmlToBlocks(content.children, options);
  const summary: SourceBlock[] | undefined = description ? [{ kind: 'paragraph', runs: [{ kind: 'text', text: description }], line: 1 }] : undefined;
  return {
    reader: 'web-page',
    ...(title && { title }),
    authors: author ? [author] : [],
    ...(summary && { summary }),
    meta,
    chapters: chaptersAtHeadings(blocks, content.line),
    notes: [],
    removed,
  };
}
