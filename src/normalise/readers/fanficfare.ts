// FanFicFare's downloads (JimmXinu/FanFicFare writers/writer_epub.py and writer_html.py): a title page of
// `<b>Label:</b> value` entries (or a table of them), one chapter per file (EPUB) or per `<a name="sectionNNNN">`
// (HTML), each titled, with the site's notes in `div.fff_chapter_notes` blocks (`<b>Label:</b><blockquote>`).
import type { NoteKind, RemovedItem, StoryMeta } from '../types.js';
import { bylineNames, readStats, type ReaderInput } from './ao3.js';
import { htmlToBlocks, type BlockOptions } from './html-blocks.js';
import { childElements, descendants, find, findAll, hasClass, isElement, textOf, type HtmlElement, type HtmlNode } from './html-tree.js';
import type { SourceBlock, SourceChapter, SourceNote, SourceStory } from './types.js';

/** FanFicFare's HTML: a title heading with the story link, its metadata table and `<a name="section…">` chapters. */
export function looksLikeFanFicFareHtml(root: HtmlElement): boolean {
  return !!find(root, (el) => el.name === 'table' && hasClass(el, 'full')) && !!find(root, (el) => el.name === 'a' && /^section\d+$/.test(el.attrs.name ?? ''));
}

/** Title-page label → what it fills. */
const LABELS: Record<string, keyof StoryMeta | 'summary' | 'skip'> = {
  category: 'fandoms',
  fandoms: 'fandoms',
  genre: 'tags',
  'freeform tags': 'tags',
  'additional tags': 'tags',
  'ao3 categories': 'categories',
  characters: 'characters',
  relationships: 'relationships',
  rating: 'rating',
  warnings: 'warnings',
  status: 'status',
  published: 'published',
  updated: 'updated',
  chapters: 'chapterCount',
  words: 'words',
  publisher: 'site',
  language: 'language',
  series: 'series',
  'story url': 'url',
  summary: 'summary',
};

export interface TitlePage {
  title?: string;
  authors: string[];
  url?: string;
  meta: StoryMeta;
  summary?: SourceBlock[];
  removed: RemovedItem[];
}

/** The title heading (`<a href=url>Title</a> by <a class="authorlink">…</a>`) and the label/value entries. */
export function readTitlePage(heading: HtmlElement | undefined, entries: Array<{ label: string; nodes: HtmlNode[]; line: number }>, blockOptions: BlockOptions): TitlePage {
  const page: TitlePage = { authors: [], meta: {}, removed: [] };
  if (heading) {
    const links = findAll(heading, (a) => a.name === 'a');
    const titleLink = links[0];
    if (titleLink) {
      page.title = textOf(titleLink);
      if (titleLink.attrs.href) page.meta.url = titleLink.attrs.href;
    }
    const authorLinks = links.slice(1);
    page.authors = authorLinks.length > 0 ? authorLinks.map(textOf) : bylineNames({ ...heading, children: heading.children.filter((c) => c !== titleLink) });
    page.removed.push({ kind: 'metadata', action: 'moved', line: heading.line, text: textOf(heading), rule: 'fanficfare-reader', evidence: 'the title page: title and author' });
  }
  for (const entry of entries) {
    const key = LABELS[entry.label.toLowerCase()] ?? 'skip';
    const text = entry.nodes.map(textOf).join(' ').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    page.removed.push({ kind: 'metadata', action: key === 'skip' ? 'removed' : 'moved', line: entry.line, text: `${entry.label}: ${text}`, rule: 'fanficfare-reader', evidence: `the title page's "${entry.label}" field` });
    if (key === 'skip') continue;
    if (key === 'summary') page.summary = htmlToBlocks(entry.nodes, blockOptions);
    else if (key === 'words') page.meta.words = Number(text.replace(/[^\d]/g, '')) || undefined;
    else if (key === 'published' || key === 'updated') readStats(`${key}: ${text}`, page.meta);
    else if (key === 'rating' || key === 'status' || key === 'chapterCount' || key === 'site' || key === 'language' || key === 'url') page.meta[key] = text;
    else {
      const list = (page.meta[key] as string[] | undefined) ?? [];
      for (const v of text.split(/\s*,\s*/)) if (v && !list.includes(v)) list.push(v);
      (page.meta[key] as string[]) = list;
    }
  }
  if (page.meta.words === undefined) delete page.meta.words;
  return page;
}

/** `<b>Label:</b> value<br/>` entries of a title page's <div> (EPUB), or `<tr><td><b>Label:</b></td><td>value</td></tr>` rows. */
export function titleEntries(container: HtmlElement): Array<{ label: string; nodes: HtmlNode[]; line: number }> {
  const entries: Array<{ label: string; nodes: HtmlNode[]; line: number }> = [];
  const rows = findAll(container, (el) => el.name === 'tr');
  if (rows.length > 0) {
    for (const tr of rows) {
      const cells = childElements(tr).filter((c) => c.name === 'td' || c.name === 'th');
      const label = textOf(find(tr, (b) => b.name === 'b') ?? cells[0] ?? tr).replace(/:$/, '').trim();
      const value = cells.length > 1 ? cells.slice(1).flatMap((c) => c.children) : (cells[0]?.children ?? []).filter((n) => !(isElement(n) && n.name === 'b'));
      entries.push({ label, nodes: value, line: tr.line });
    }
    return entries;
  }
  let current: { label: string; nodes: HtmlNode[]; line: number } | undefined;
  for (const node of container.children) {
    if (isElement(node) && node.name === 'b' && /:\s*$/.test(textOf(node))) {
      current = { label: textOf(node).replace(/:$/, '').trim(), nodes: [], line: node.line };
      entries.push(current);
    } else if (current && !(isElement(node) && node.name === 'br')) current.nodes.push(node);
  }
  return entries;
}

/** A chapter's notes blocks (`div.fff_chapter_notes`): each `<b>Label:</b>` and the blockquote after it. */
function chapterNotes(el: HtmlElement, foot: boolean, chapter: number, last: boolean, blockOptions: BlockOptions): SourceNote[] {
  const notes: SourceNote[] = [];
  let label = '';
  for (const child of childElements(el)) {
    if (child.name === 'b') label = textOf(child).replace(/:$/, '').toLowerCase();
    else if (child.name === 'blockquote' || child.name === 'div' || child.name === 'ul') {
      const kind: NoteKind = /summary/.test(label) ? 'chapterSummary' : /author/.test(label) && !foot && chapter === 0 ? 'workNotes' : /author/.test(label) && foot && last ? 'workEndNotes' : foot ? 'chapterEndNotes' : 'chapterNotes';
      const blocks = htmlToBlocks(child.name === 'blockquote' ? child.children : [child], blockOptions);
      if (blocks.length > 0) notes.push({ kind, ...(kind !== 'workNotes' && kind !== 'workEndNotes' && { chapter }), blocks, line: child.line });
    }
  }
  return notes;
}

/** One chapter's content nodes → its text blocks and notes (the notes blocks and FanFicFare's own title left out). */
export function readChapter(nodes: HtmlNode[], n: number, last: boolean, blockOptions: BlockOptions): { blocks: SourceBlock[]; notes: SourceNote[] } {
  const notes: SourceNote[] = [];
  const isNotes = (el: HtmlElement): boolean => el.name === 'div' && hasClass(el, 'fff_chapter_notes');
  for (const node of nodes) {
    if (!isElement(node)) continue;
    for (const el of isNotes(node) ? [node] : descendants(node).filter(isNotes)) notes.push(...chapterNotes(el, hasClass(el, 'fff_foot_notes'), n, last, blockOptions));
  }
  const blocks = htmlToBlocks(nodes, { ...blockOptions, skip: (el) => isNotes(el) || (/^h\d$/.test(el.name) && hasClass(el, 'fff_chapter_title')) || blockOptions.skip?.(el) === true });
  return { blocks, notes };
}

/** Assemble the story from the title page and the chapters (notes in reading order). */
export function fanFicFareStory(reader: SourceStory['reader'], page: TitlePage, chapters: Array<{ title: string; line: number; nodes: HtmlNode[] }>, blockOptions: BlockOptions): SourceStory {
  const out: SourceChapter[] = [];
  const notes: SourceNote[] = [];
  chapters.forEach((c, n) => {
    const read = readChapter(c.nodes, n, n === chapters.length - 1, blockOptions);
    out.push({ title: c.title, line: c.line, blocks: read.blocks });
    notes.push(...read.notes);
  });
  const removed = [...page.removed, ...chapters.map((c): RemovedItem => ({ kind: 'heading', action: 'converted', line: c.line, text: c.title, rule: 'fanficfare-reader', evidence: "a chapter's heading" }))];
  return { reader, ...(page.title && { title: page.title }), authors: page.authors, ...(page.summary && { summary: page.summary }), meta: page.meta, chapters: out, notes, removed };
}

export function readFanFicFareHtml(input: ReaderInput): SourceStory {
  const body = find(input.root, (el) => el.name === 'body') ?? input.root;
  const heading = find(body, (el) => el.name === 'h1');
  const table = find(body, (el) => el.name === 'table' && hasClass(el, 'full'));
  const page = readTitlePage(heading, table ? titleEntries(table) : [], input.blockOptions);
  // Chapters start at each `<a name="sectionNNNN">` (its <h2> is the title); the table of contents is skipped.
  const chapters: Array<{ title: string; line: number; nodes: HtmlNode[] }> = [];
  for (const node of body.children) {
    if (isElement(node) && node.name === 'a' && /^section\d+$/.test(node.attrs.name ?? '')) {
      chapters.push({ title: textOf(node), line: node.line, nodes: [] });
      continue;
    }
    if (isElement(node) && node.name === 'a' && node.attrs.name === 'TOCTOP') page.removed.push({ kind: 'boilerplate', action: 'removed', line: node.line, text: textOf(node), rule: 'fanficfare-reader', evidence: 'the table of contents' });
    chapters[chapters.length - 1]?.nodes.push(node);
  }
  return fanFicFareStory('fanficfare-html', page, chapters, input.blockOptions);
}
