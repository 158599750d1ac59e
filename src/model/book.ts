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
  notes: NotesPolicy;
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
