// Lays the book out as EPUB pages (one XHTML per story and per front/back matter section) plus nav entries and landmarks.
import type { Book, MatterSection, Story } from '../../model/types.js';
import { inlineText } from '../../model/types.js';
import { renderBlocks, uniqueId, type BlockWriter } from './blocks.js';
import { StoryNotes } from './notes.js';
import { escapeXml, languageDirection, xmlId } from './xml.js';

export const NAV_FILE = 'toc.xhtml';
export const COVER_PAGE_FILE = 'cover.xhtml';

export interface EpubPage {
  /** Manifest id (XML-safe, unique). */
  id: string;
  /** File name inside OEBPS/. */
  file: string;
  /** The document `<title>`. */
  title: string;
  /** epub:type of `<body>`: frontmatter, bodymatter or backmatter. */
  matter: 'frontmatter' | 'bodymatter' | 'backmatter';
  /** Escaped markup inside `<body>`. */
  html: string;
  /** The nav document stands in the spine at this place (its markup comes from the nav template). */
  isNav?: boolean;
  /** Story id (model, unescaped) when this page holds a story. */
  storyId?: string;
}

export interface TocEntry {
  title: string;
  href: string;
  children: TocEntry[];
}

export interface Landmark {
  type: string;
  title: string;
  href: string;
}

export interface EpubLayout {
  /** In spine order, cover page first; the nav page is included as `isNav`. */
  pages: EpubPage[];
  toc: TocEntry[];
  landmarks: Landmark[];
  /** The contents page's heading (from the toc template section) and any other blocks it has. */
  navTitle: string;
  navHeadingHtml: string;
  navIntroHtml: string;
}

const SECTION_SEMANTICS: Record<MatterSection['kind'], { type?: string; role?: string }> = {
  halftitle: { type: 'halftitlepage' },
  titlepage: { type: 'titlepage' },
  copyright: { type: 'copyright-page' },
  toc: { type: 'toc', role: 'doc-toc' },
  notes: { type: 'endnotes', role: 'doc-endnotes' },
  colophon: { type: 'colophon', role: 'doc-colophon' },
  dedication: { type: 'dedication', role: 'doc-dedication' },
  other: {},
};

/** The cover page markup: the cover image alone. */
export function coverPageHtml(imageHref: string, alt: string): string {
  return `<section class="cover" epub:type="cover">\n<img class="cover-image" role="doc-cover" src="${escapeXml(imageHref)}" alt="${escapeXml(alt)}"/>\n</section>`;
}

export function coverAltText(book: Book): string {
  const m = book.meta;
  return ['Cover', m.title, m.subtitle, m.editor ? `Edited by ${m.editor}` : undefined].filter(Boolean).join('. ').replace(/^Cover\. /, 'Cover: ') + '.';
}

/** Build every page of the book. */
export function layoutBook(book: Book, coverImageHref: string): EpubLayout {
  const usedFiles = new Set<string>([NAV_FILE, COVER_PAGE_FILE]);
  const fileFor = (base: string): string => {
    const stem = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'page';
    let file = `${stem}.xhtml`;
    for (let n = 2; usedFiles.has(file); n++) file = `${stem}-${n}.xhtml`;
    usedFiles.add(file);
    return file;
  };
  const manifestIds = new Set<string>(['nav', 'ncx', 'css', 'cover-image', 'cover-page']);

  const pages: EpubPage[] = [
    { id: 'cover-page', file: COVER_PAGE_FILE, title: book.meta.title, matter: 'frontmatter', html: coverPageHtml(coverImageHref, coverAltText(book)) },
  ];
  const toc: TocEntry[] = [];
  const landmarks: Landmark[] = [{ type: 'cover', title: 'Cover', href: COVER_PAGE_FILE }];

  const notesSection = book.back.find((s) => s.kind === 'notes');
  const notesPolicy = book.notesPolicy === 'endnotes' && !notesSection ? 'keep' : book.notesPolicy;
  const notesFile = notesSection ? fileFor(notesSection.id) : '';
  const storyFiles = book.stories.map((s) => fileFor(s.slug ? `${xmlId(s.id)}-${s.slug}` : xmlId(s.id)));

  let navTitle = 'Contents';
  let navHeadingHtml = '';
  let navIntroHtml = '';

  const matterPage = (section: MatterSection, matter: EpubPage['matter'], html?: string): EpubPage => {
    const file = section.kind === 'notes' ? notesFile : fileFor(section.id);
    const id = uniqueId(`page-${section.id}`, manifestIds);
    const { type, role } = SECTION_SEMANTICS[section.kind];
    const ids = new Set<string>();
    const sectionId = uniqueId(section.id, ids);
    const body = html ?? renderBlocks(section.blocks, { noteRef: () => '', ids, language: book.meta.language });
    const attrs = [`id="${sectionId}"`, `class="${section.kind}"`, type && `epub:type="${type}"`, role && `role="${role}"`].filter(Boolean).join(' ');
    return {
      id,
      file,
      title: section.title || book.meta.title,
      matter,
      html: `<section ${attrs}>\n${body}\n</section>`,
    };
  };

  for (const section of book.front) {
    if (section.kind === 'toc') {
      const heading = section.blocks.find((b) => b.type === 'heading');
      navTitle = heading && heading.type === 'heading' ? inlineText(heading.content) : section.title || navTitle;
      const ids = new Set<string>(['toc', 'landmarks']);
      const writer: BlockWriter = { noteRef: () => '', ids };
      navHeadingHtml = heading ? renderBlocks([heading], writer) : `<h1 class="toc-title">${escapeXml(navTitle)}</h1>`;
      navIntroHtml = renderBlocks(section.blocks.filter((b) => b !== heading), writer);
      pages.push({ id: 'nav', file: NAV_FILE, title: navTitle, matter: 'frontmatter', html: '', isNav: true });
      landmarks.push({ type: 'toc', title: navTitle, href: `${NAV_FILE}#toc` });
      continue;
    }
    const page = matterPage(section, 'frontmatter');
    pages.push(page);
    if (section.title && section.kind !== 'halftitle') toc.push({ title: section.title, href: page.file, children: [] });
    if (section.kind === 'titlepage') landmarks.push({ type: 'titlepage', title: section.title || 'Title Page', href: page.file });
    if (section.kind === 'copyright') landmarks.push({ type: 'copyright-page', title: section.title || 'Notices', href: page.file });
  }

  const storyNotes: StoryNotes[] = [];
  book.stories.forEach((story, i) => {
    const file = storyFiles[i]!;
    const { page, notes, chapterIds } = storyPage(story, book.meta.language, file, notesPolicy, notesFile, manifestIds);
    pages.push(page);
    storyNotes.push(notes);
    toc.push({
      title: story.title,
      href: file,
      children: nestChapters(story.chapters, (c) => `${file}#${chapterIds.get(c.id) ?? xmlId(c.id)}`),
    });
    if (i === 0) landmarks.push({ type: 'bodymatter', title: story.title, href: file });
  });

  for (const section of book.back) {
    let html: string | undefined;
    if (section.kind === 'notes') {
      const ids = new Set<string>();
      uniqueId(section.id, ids);
      const parts = [renderBlocks(section.blocks, { noteRef: () => '', ids })];
      book.stories.forEach((story, i) => {
        const notes = storyNotes[i]!;
        if (!notes.hasNotes) return;
        const headingId = uniqueId(`notes-${xmlId(story.id)}`, ids);
        parts.push(
          `<section class="story-notes" aria-labelledby="${headingId}">\n<h2 id="${headingId}">${escapeXml(story.title)}</h2>\n<ol class="endnotes">\n${notes.endnoteItems(ids)}\n</ol>\n</section>`,
        );
      });
      html = parts.join('\n');
    }
    const page = matterPage(section, 'backmatter', html);
    pages.push(page);
    if (section.title) toc.push({ title: section.title, href: page.file, children: [] });
    if (section.kind === 'notes') landmarks.push({ type: 'endnotes', title: section.title || 'Notes', href: page.file });
  }

  return { pages, toc, landmarks, navTitle, navHeadingHtml, navIntroHtml };
}

function storyPage(
  story: Story,
  bookLanguage: string,
  file: string,
  policy: Book['notesPolicy'],
  notesFile: string,
  manifestIds: Set<string>,
): { page: EpubPage; notes: StoryNotes; chapterIds: Map<string, string> } {
  const ids = new Set<string>();
  const sectionId = uniqueId(story.id, ids);
  const notes = new StoryNotes(story, policy, file, notesFile, ids);
  const chapterIds = new Map<string, string>();
  const language = story.language ?? bookLanguage;
  const opener = renderBlocks(story.opener, { noteRef: () => '', ids, language });
  const start = notes.startMarkup();
  const text = renderBlocks(story.blocks, { noteRef: notes.noteRef, afterBlock: notes.afterBlock, ids, headingIds: chapterIds, language });
  const end = notes.endMarkup();
  // A story in another language than the book's says so (and its direction when that differs too).
  const dir = languageDirection(language);
  const own = language !== bookLanguage ? ` lang="${escapeXml(language)}" xml:lang="${escapeXml(language)}"${dir !== languageDirection(bookLanguage) ? ` dir="${dir}"` : ''}` : '';
  const html = [
    `<section class="story" id="${sectionId}"${own} epub:type="chapter" role="doc-chapter" data-story="${escapeXml(story.id)}">`,
    `<header class="opener">\n${opener}\n</header>`,
    start,
    `<div class="story-text">\n${text}\n</div>`,
    end,
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    page: { id: uniqueId(`story-${story.id}`, manifestIds), file, title: story.title, matter: 'bodymatter', html, storyId: story.id },
    notes,
    chapterIds,
  };
}

/** A story's chapters for the contents: a chapter inside a part (level 3) stands under the part before it. */
function nestChapters(chapters: Story['chapters'], href: (c: Story['chapters'][number]) => string): TocEntry[] {
  const out: TocEntry[] = [];
  for (const c of chapters) {
    const entry: TocEntry = { title: c.title, href: href(c), children: [] };
    const parent = out[out.length - 1];
    if (c.level === 3 && parent) parent.children.push(entry);
    else out.push(entry);
  }
  return out;
}
