// Assembles the Book (metadata, stories, template-made front/back matter) from parsed chapters.
import { createHash } from 'node:crypto';
import { backMatterSections, frontMatterSections, storyOpener, templateView } from '../templates/matter.js';
import type { Theme } from '../templates/theme.js';
import type { Book, BookMeta, NotesPolicy, Story } from './types.js';
import { bookSlug } from './parse.js';

export interface BookInfo {
  title: string;
  subtitle?: string;
  editor?: string;
  language: string;
  description?: string;
  rights?: string;
  publisher?: string;
  modified: Date;
  /** No date was given nor stated: `modified` is UNDATED and the book shows no date. */
  undated?: boolean;
  notes: NotesPolicy;
}

/** The machine date of a book nobody dated (the zip format's first day): the same on every build. */
export const UNDATED = new Date(Date.UTC(1980, 0, 1));

/**
 * The newest date the stories state (a download's updated, completed or published date, `YYYY-MM-DD…`): a book
 * given no date is as new as its newest story, and content-identical sources give the same date (a file's
 * modification time would not).
 */
export function statedDate(stories: Story[]): Date | undefined {
  let newest: number | undefined;
  for (const story of stories) {
    for (const text of [story.meta?.updated, story.meta?.completed, story.meta?.published]) {
      const m = text && /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
      if (!m) continue;
      // Parsed as ISO text (Date.UTC would read the years 0–99 as 1900–1999); the year 0 is before any book's date.
      const time = m[1] === '0000' ? NaN : Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
      if (Number.isFinite(time) && (newest === undefined || time > newest)) newest = time;
    }
  }
  return newest === undefined ? undefined : new Date(newest);
}

/** A `urn:uuid:` (version 5 layout) from a SHA-256 of everything that makes the book what it is. */
export function contentIdentifier(parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  const hex = hash.digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Build the book: stories (already parsed, with openers still empty) + templates → Book. */
export function assembleBook(info: BookInfo, stories: Story[], chapterMarkdown: string[], theme: Theme, templatesDir: string, owners: string[]): Book {
  const authors = [...new Set(stories.flatMap((s) => s.authors))];
  const description =
    info.description?.trim() ||
    `An anthology of ${stories.length} ${stories.length === 1 ? 'story' : 'stories'}: ${stories.map((s) => s.title).join(', ')}.`;
  const meta: BookMeta = {
    title: info.title,
    ...(info.subtitle && { subtitle: info.subtitle }),
    ...(info.editor && { editor: info.editor }),
    authors,
    language: info.language,
    description,
    identifier: contentIdentifier([info.title, info.subtitle ?? '', info.editor ?? '', info.language, ...chapterMarkdown]),
    modified: info.modified,
    ...(info.undated && { undated: true as const }),
    ...(info.rights && { rights: info.rights }),
    ...(info.publisher && { publisher: info.publisher }),
    slug: bookSlug(info.title),
  };
  for (const story of stories) story.opener = storyOpener(templatesDir, story);
  const view = templateView(meta, stories, theme, owners);
  const hasNotes = info.notes === 'endnotes' && stories.some((s) => s.notes.length > 0);
  return {
    meta,
    front: frontMatterSections(templatesDir, view),
    stories,
    back: backMatterSections(templatesDir, view, hasNotes),
    notesPolicy: info.notes,
  };
}
