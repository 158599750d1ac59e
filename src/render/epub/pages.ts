// Lays the book out as EPUB pages (a story in one XHTML per chapter, each front/back matter section in its own) plus nav entries and landmarks.
import type { Book, MatterSection, Story } from '../../model/types.js';
import { blocksText, inlineText } from '../../model/types.js';
import { Anchors, renderBlocks, type BlockWriter, type SceneBreak } from './blocks.js';
import { StoryNotes } from './notes.js';
import { NotesPages } from './notes-pages.js';
import type { PageList } from '../page-breaks.js';
import type { PageTarget } from './page-marks.js';
import type { FileLimits } from './split.js';
import { storyFiles, type EpubPage } from './story-files.js';
import { titleCase } from '../title-case.js';
import { escapeXml, uniqueId, xmlId } from './xml.js';

export const NAV_FILE = 'toc.xhtml';
export const COVER_PAGE_FILE = 'cover.xhtml';

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
  /** The print edition's pages in the text (none when it was not laid out), and its name. */
  pageList?: { source: string; targets: PageTarget[] };
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

export interface LayoutOptions {
  sceneBreak: SceneBreak;
  limits: FileLimits;
  /** What each fragment of markup becomes in the file (the Kobo variant's sentence spans). */
  finish: (html: string) => string;
  /** The print edition's pages, to mark in the text and list in the nav document. */
  pageList?: PageList;
}

/** Build every page of the book. */
export function layoutBook(book: Book, coverImageHref: string, options: LayoutOptions): EpubLayout {
  const { sceneBreak, limits, finish, pageList } = options;
  const pageTargets: PageTarget[] = [];
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
  const notesPages = notesSection
    ? new NotesPages(notesSection, notesPolicy === 'endnotes' ? book.stories : [], { firstFile: fileFor(notesSection.id), fileFor, sceneBreak, limits, finish })
    : undefined;
  const storyFirstFiles = book.stories.map((s) => fileFor(s.slug ? `${xmlId(s.id)}-${s.slug}` : xmlId(s.id)));

  let navTitle = 'Contents';
  let navHeadingHtml = '';
  let navIntroHtml = '';

  const matterPage = (section: MatterSection, matter: EpubPage['matter']): EpubPage => {
    const file = fileFor(section.id);
    const { type, role } = SECTION_SEMANTICS[section.kind];
    const ids = new Set<string>();
    const sectionId = uniqueId(section.id, ids);
    const body = finish(renderBlocks(section.blocks, { noteRef: () => '', ids, sceneBreak, language: book.meta.language }));
    const attrs = [`id="${sectionId}"`, `class="${section.kind}"`, type && `epub:type="${type}"`, role && `role="${role}"`].filter(Boolean).join(' ');
    return { id: uniqueId(`page-${section.id}`, manifestIds), file, title: section.title || book.meta.title, matter, html: `<section ${attrs}>\n${body}\n</section>` };
  };

  const titlePage = book.front.find((s) => s.kind === 'titlepage');
  for (const section of book.front) {
    if (section.kind === 'toc') {
      const heading = section.blocks.find((b) => b.type === 'heading');
      navTitle = heading && heading.type === 'heading' ? inlineText(heading.content) : section.title || navTitle;
      const ids = new Set<string>(['toc', 'landmarks', 'page-list']);
      const writer: BlockWriter = { noteRef: () => '', ids, sceneBreak };
      navHeadingHtml = heading ? renderBlocks([heading], writer) : `<h1 class="toc-title">${escapeXml(navTitle)}</h1>`;
      navIntroHtml = renderBlocks(section.blocks.filter((b) => b !== heading), writer);
      pages.push({ id: 'nav', file: NAV_FILE, title: navTitle, matter: 'frontmatter', html: '', isNav: true });
      landmarks.push({ type: 'toc', title: navTitle, href: `${NAV_FILE}#toc` });
      continue;
    }
    // A half-title that says only what the title page says would be the same page twice.
    if (section.kind === 'halftitle' && titlePage && blocksText(section.blocks) === blocksText(titlePage.blocks)) continue;
    const page = matterPage(section, 'frontmatter');
    pages.push(page);
    if (section.title && section.kind !== 'halftitle') toc.push({ title: section.title, href: page.file, children: [] });
    if (section.kind === 'titlepage') landmarks.push({ type: 'titlepage', title: section.title || 'Title Page', href: page.file });
    if (section.kind === 'copyright') landmarks.push({ type: 'copyright-page', title: section.title || 'Notices', href: page.file });
  }

  const notesOf = new Map<Story, StoryNotes>();
  book.stories.forEach((story, i) => {
    const firstFile = storyFirstFiles[i]!;
    const ids = new Set<string>();
    const anchors = new Anchors();
    const notes = new StoryNotes(story, { policy: notesPolicy, storyFile: firstFile, noteFile: (note) => notesPages!.fileOf(note), ids, anchors, sceneBreak });
    notesOf.set(story, notes);
    const pageBreaks = pageList?.breaks.get(story.id);
    const storyLayout = storyFiles(story, { bookLanguage: book.meta.language, firstFile, fileFor, manifestIds, ids, anchors, notes, sceneBreak, limits, finish, ...(pageBreaks && { pageBreaks }) });
    const { pages: files, headingHrefs } = storyLayout;
    pages.push(...files);
    pageTargets.push(...storyLayout.pageTargets);
    const language = story.language ?? book.meta.language;
    toc.push({ title: titleCase(story.title, language), href: firstFile, children: nestChapters(story.chapters, headingHrefs, language) });
    if (i === 0) landmarks.push({ type: 'bodymatter', title: story.title, href: firstFile });
  });

  for (const section of book.back) {
    if (section.kind === 'notes' && notesPages) {
      const manifestId = uniqueId(`page-${section.id}`, manifestIds);
      notesPages.bodies(notesOf).forEach((html, i) => {
        const file = notesPages.files[i]!;
        pages.push({ id: i === 0 ? manifestId : uniqueId(`page-${section.id}`, manifestIds), file, title: section.title || book.meta.title, matter: 'backmatter', html });
      });
      if (section.title) toc.push({ title: section.title, href: notesPages.files[0]!, children: [] });
      landmarks.push({ type: 'endnotes', title: section.title || 'Notes', href: notesPages.files[0]! });
      continue;
    }
    const page = matterPage(section, 'backmatter');
    pages.push(page);
    if (section.title) toc.push({ title: section.title, href: page.file, children: [] });
  }

  return { pages, toc, landmarks, navTitle, navHeadingHtml, navIntroHtml, ...(pageList && pageTargets.length > 0 && { pageList: { source: pageList.source, targets: pageTargets } }) };
}

/**
 * A story's chapters for the contents, each linking to the file its heading landed in (titles in capitals in title
 * case): a chapter inside a part (level 3) stands under the part before it.
 */
function nestChapters(chapters: Story['chapters'], headingHrefs: Map<string, string>, language: string): TocEntry[] {
  const out: TocEntry[] = [];
  for (const c of chapters) {
    const href = headingHrefs.get(c.id);
    if (!href) continue;
    const entry: TocEntry = { title: titleCase(c.title, language), href, children: [] };
    const parent = out[out.length - 1];
    if (c.level === 3 && parent) parent.children.push(entry);
    else out.push(entry);
  }
  return out;
}
