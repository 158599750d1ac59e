// Archive of Our Own's "Download → HTML" (otwarchive app/views/downloads/) and the EPUB AO3 makes from it with
// Calibre (classes renamed `name`, `name1`…, files split at chapters): preface (title, "Posted originally…", tags
// list, byline, summary, work notes), chapters with their summaries, notes and end notes, afterword (end notes,
// works inspired by it, the comment footer).
import type { Messages } from '../../common/diagnostics.js';
import type { RemovedItem, StoryMeta } from '../types.js';
import { htmlToBlocks, type BlockOptions } from './html-blocks.js';
import { childElements, descendants, find, findAll, hasClass, textOf, type HtmlElement } from './html-tree.js';
import type { SourceChapter, SourceNote, SourceStory } from './types.js';

export interface ReaderInput {
  root: HtmlElement;
  /** The document's <title>, when there is one. */
  documentTitle?: string;
  blockOptions: BlockOptions;
  messages: Messages;
  file: string;
}

const POSTED = /Posted originally on the/i;

/** An AO3 download: a preface whose message says where the work was posted, with the tags list. */
export function looksLikeAo3(root: HtmlElement): boolean {
  return descendants(root).some((el) => el.name === 'p' && hasClass(el, 'message') && POSTED.test(textOf(el)));
}

/** The label before a labelled block (`<p>Summary</p><blockquote>`): the text of the element just before it. */
function labelBefore(el: HtmlElement, parents: Map<HtmlElement, HtmlElement>): string {
  const siblings = childElements(parents.get(el) ?? el);
  const i = siblings.indexOf(el);
  return i > 0 ? textOf(siblings[i - 1]!).replace(/:$/, '').trim().toLowerCase() : '';
}

/** Visit the elements below `el` in document order; where `take` returns true, not what is inside that element. */
function walk(el: HtmlElement, take: (el: HtmlElement) => boolean): void {
  for (const child of childElements(el)) if (!take(child)) walk(child, take);
}

function hasAncestor(el: HtmlElement, parents: Map<HtmlElement, HtmlElement>, test: (a: HtmlElement) => boolean): boolean {
  for (let p = parents.get(el); p; p = parents.get(p)) if (test(p)) return true;
  return false;
}

function parentMap(root: HtmlElement): Map<HtmlElement, HtmlElement> {
  const map = new Map<HtmlElement, HtmlElement>();
  for (const el of [root, ...descendants(root)]) for (const c of childElements(el)) map.set(c, el);
  return map;
}

const LIST_KEYS: Record<string, keyof StoryMeta> = {
  'archive warning': 'warnings',
  category: 'categories',
  fandom: 'fandoms',
  relationship: 'relationships',
  character: 'characters',
  'additional tag': 'tags',
  'freeform': 'tags',
  series: 'series',
  collection: 'collections',
};

/** The `<dl class="tags">` list: rating, warnings, categories, fandoms, relationships, characters, tags, language, series, stats. */
function readTags(dl: HtmlElement, meta: StoryMeta, removed: RemovedItem[]): void {
  let label = '';
  for (const el of childElements(dl)) {
    if (el.name === 'dt') {
      label = textOf(el).replace(/:$/, '').trim();
      continue;
    }
    if (el.name !== 'dd' || !label) continue;
    const text = textOf(el);
    removed.push({ kind: 'metadata', action: 'moved', line: el.line, text: `${label}: ${text}`, rule: 'ao3-reader', evidence: `the work's "${label}" field` });
    const lower = label.toLowerCase();
    const key = lower === 'series' ? lower : lower.replace(/ies$/, 'y').replace(/s$/, '');
    const links = findAll(el, (a) => a.name === 'a').map(textOf).filter(Boolean);
    const values = links.length > 0 && key !== 'series' ? links : text.split(/\s*,\s*/).filter(Boolean);
    if (key === 'rating') meta.rating = values.join(', ');
    else if (key === 'language') meta.language = text;
    else if (key === 'stat') readStats(text, meta);
    else if (LIST_KEYS[key]) (meta[LIST_KEYS[key]!] as string[] | undefined) = [...((meta[LIST_KEYS[key]!] as string[] | undefined) ?? []), ...(key === 'series' ? [text] : values)];
  }
}

/** "Published: 2020-01-01 Updated: 2020-02-01 Words: 12,345 Chapters: 3/3". */
export function readStats(text: string, meta: StoryMeta): void {
  const field = (name: string): string | undefined => new RegExp(`\\b${name}:\\s*(\\S+)`, 'i').exec(text)?.[1];
  const published = field('Published');
  const updated = field('Updated');
  const completed = field('Completed');
  const words = field('Words');
  const chapters = field('Chapters');
  if (published) meta.published = published;
  if (updated) meta.updated = updated;
  if (completed) meta.completed = completed;
  if (words && /^[\d,.\s]+$/.test(words)) meta.words = Number(words.replace(/[^\d]/g, ''));
  if (chapters) meta.chapterCount = chapters;
}

/** Names in a byline: its links, else the text after "by", split at commas and "and". */
export function bylineNames(el: HtmlElement): string[] {
  const links = findAll(el, (a) => a.name === 'a').map(textOf).filter(Boolean);
  if (links.length > 0) return links;
  return textOf(el).replace(/^by\s+/i, '').split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean);
}

export function readAo3(input: ReaderInput, reader: 'ao3-html' | 'ao3-epub'): SourceStory {
  const { root } = input;
  const parents = parentMap(root);
  const removed: RemovedItem[] = [];
  const meta: StoryMeta = {};
  const notes: SourceNote[] = [];
  const chapters: SourceChapter[] = [];
  let title: string | undefined;
  let authors: string[] = [];
  let summary: SourceStory['summary'];
  const all = descendants(root);
  // Calibre splits the one HTML file at its chapters and repeats the ancestors in each part: a preface or an
  // afterword can come in several pieces, each with the same id.
  const outermost = (id: string): HtmlElement[] => all.filter((el) => el.attrs.id === id && !hasAncestor(el, parents, (a) => a.attrs.id === id));
  const message = all.find((el) => el.name === 'p' && hasClass(el, 'message') && POSTED.test(textOf(el)));
  const prefaces = outermost('preface');
  if (prefaces.length === 0 && message) prefaces.push(parents.get(message) ?? root);
  const afterwords = outermost('afterword');
  const drop = (el: HtmlElement, kind: RemovedItem['kind'] = 'boilerplate'): void => {
    const text = textOf(el);
    if (text) removed.push({ kind, action: kind === 'metadata' ? 'moved' : 'removed', line: el.line, text, rule: 'ao3-reader', evidence: `the page's ${el.attrs.class ?? el.name} around the work` });
  };
  const blocksOf = (quote: HtmlElement): SourceStory['summary'] => htmlToBlocks(quote.children, input.blockOptions);

  // Preface (not looking inside the work's own texts: summary and notes).
  for (const preface of prefaces) walk(preface, (el) => {
    if (el.name === 'blockquote') {
      const label = labelBefore(el, parents);
      if (label === 'summary') {
        summary = blocksOf(el);
        removed.push({ kind: 'metadata', action: 'moved', line: el.line, text: `Summary: ${textOf(el)}`, rule: 'ao3-reader', evidence: "the work's summary" });
      } else notes.push({ kind: 'workNotes', blocks: blocksOf(el)!, line: el.line });
    } else if (el.name === 'h2' && hasClass(el, 'toc-heading')) drop(el);
    else if (el.name === 'p' && hasClass(el, 'message')) {
      drop(el);
      title ??= textOf(find(el, (b) => b.name === 'b') ?? el) || undefined;
      const url = findAll(el, (a) => a.name === 'a').map((a) => a.attrs.href ?? '').find((h) => /\/works\/\d+/.test(h));
      if (url) meta.url = url;
    } else if (el.name === 'dl' && hasClass(el, 'tags')) readTags(el, meta, removed);
    else if (el.name === 'h1') title = textOf(el) || title;
    else if (el.name === 'div' && hasClass(el, 'byline')) {
      authors = bylineNames(el);
      drop(el, 'metadata');
    } else if (el.name === 'div' && hasClass(el, 'endnote-link')) drop(el);
    else if (el.name === 'p' && /^(?:summary|notes)$/i.test(textOf(el))) drop(el);
    // Related works ("A translation of …", "Inspired by …").
    else if (el.name === 'ul' || el.name === 'ol') drop(el, 'metadata');
    else return false;
    return true;
  });

  // Chapters: walk the rest in document order; a chapter's meta group, its text, its end notes.
  const current = (line: number): SourceChapter => {
    if (chapters.length === 0) chapters.push({ line, blocks: [] });
    return chapters[chapters.length - 1]!;
  };
  const visit = (el: HtmlElement): void => {
    if (prefaces.includes(el) || afterwords.includes(el)) return;
    // A chapter's meta group (`div.meta.group`, renamed by Calibre): the div whose child is the `h2.heading`.
    const heading = el.name === 'div' ? childElements(el).find((h) => /^h[1-6]$/.test(h.name) && hasClass(h, 'heading')) : undefined;
    if (heading) {
      chapters.push({ title: textOf(heading), line: heading.line, blocks: [] });
      const chapter = chapters.length - 1;
      removed.push({ kind: 'heading', action: 'converted', line: heading.line, text: textOf(heading), rule: 'ao3-reader', evidence: "a chapter's heading" });
      for (const q of findAll(el, (x) => x.name === 'blockquote')) {
        const label = labelBefore(q, parents);
        notes.push({ kind: label.includes('summary') ? 'chapterSummary' : 'chapterNotes', chapter, blocks: blocksOf(q)!, line: q.line });
      }
      for (const x of findAll(el, (x) => (x.name === 'p' && (hasClass(x, 'byline') || /^chapter (?:summary|notes)$/i.test(textOf(x)))) || (x.name === 'div' && hasClass(x, 'endnote-link')))) drop(x, hasClass(x, 'byline') ? 'metadata' : 'boilerplate');
      return;
    }
    if (el.name === 'div' && (/^endnotes\d+$/.test(el.attrs.id ?? '') || /^chapter end notes$/i.test(textOf(childElements(el)[0] ?? el)))) {
      const chapter = chapters.length > 0 ? chapters.length - 1 : undefined;
      for (const q of findAll(el, (x) => x.name === 'blockquote')) notes.push({ kind: 'chapterEndNotes', ...(chapter !== undefined && { chapter }), blocks: blocksOf(q)!, line: q.line });
      for (const x of findAll(el, (x) => x.name === 'p' && /^chapter end notes$/i.test(textOf(x)))) drop(x);
      return;
    }
    if (el.name === 'h2' && hasClass(el, 'toc-heading')) {
      // A one-shot's title above its text (newer downloads); the story's title is in the preface already.
      drop(el);
      current(el.line);
      return;
    }
    if (el.name === 'div' && hasClass(el, 'userstuff') && el.attrs.id !== 'chapters' && !find(el, (x) => x.name === 'div' && (hasClass(x, 'userstuff') || hasClass(x, 'meta')))) {
      current(el.line).blocks.push(...htmlToBlocks(el.children, input.blockOptions));
      return;
    }
    for (const child of childElements(el)) visit(child);
  };
  for (const child of childElements(root)) visit(child);

  // Afterword: the work's end notes; works inspired by it and the comment footer are not story.
  for (const afterword of afterwords) {
    walk(afterword, (el) => {
      if (el.name === 'blockquote') notes.push({ kind: 'workEndNotes', blocks: blocksOf(el)!, line: el.line });
      else if (el.name === 'dl') drop(el, 'metadata');
      else if (el.name === 'h2' || (el.name === 'p' && (hasClass(el, 'message') || /^end notes$/i.test(textOf(el))))) drop(el);
      else return false;
      return true;
    });
  }
  const ordered = sortNotes(notes);
  return { reader, ...(title && { title }), authors, ...(summary && { summary }), meta, chapters, notes: ordered, removed };
}

/** Reading order: work notes, then each chapter's summary, notes and end notes, then the work's end notes. */
function sortNotes(notes: SourceNote[]): SourceNote[] {
  const rank = (n: SourceNote): number =>
    n.kind === 'workNotes' ? -1 : n.kind === 'workEndNotes' ? 1e9 : (n.chapter ?? 0) * 10 + (n.kind === 'chapterSummary' ? 0 : n.kind === 'chapterNotes' ? 1 : 2);
  return notes.map((n, i) => ({ n, i })).sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i).map((x) => x.n);
}
