// Instantiates the markdown templates in templates/matter/ into model sections (front/back matter, story openers).
import path from 'node:path';
import Mustache from 'mustache';
import { QuireError } from '../common/diagnostics.js';
import { escapeInline } from '../model/escape.js';
import { markdownToBlocks } from '../model/parse.js';
import type { Block, BookMeta, MatterSection, Story } from '../model/types.js';
import type { Theme } from './theme.js';
import { readTemplateFile } from './files.js';
import { groupThousands } from '../common/number-format.js';

const FRONT: Array<{ file: string; kind: MatterSection['kind']; id: string; title: string }> = [
  { file: 'halftitle.md', kind: 'halftitle', id: 'halftitle', title: '' },
  { file: 'titlepage.md', kind: 'titlepage', id: 'titlepage', title: 'Title Page' },
  { file: 'copyright.md', kind: 'copyright', id: 'copyright', title: 'Notices' },
  { file: 'contents.md', kind: 'toc', id: 'contents', title: 'Contents' },
];
const BACK: Array<{ file: string; kind: MatterSection['kind']; id: string; title: string }> = [
  { file: 'notes.md', kind: 'notes', id: 'notes', title: 'Notes' },
  { file: 'colophon.md', kind: 'colophon', id: 'colophon', title: 'Colophon' },
];

/** Values every template can use. */
export function templateView(meta: BookMeta, stories: Story[], theme: Theme, owners: string[]): Record<string, unknown> {
  const words = stories.reduce((n, s) => n + s.wordCount, 0);
  const disclaimers = [...new Set(stories.flatMap((s) => s.disclaimers))].map((text) => ({ text }));
  return {
    ...meta,
    authorList: listJoin(meta.authors),
    dateText: meta.modified.toISOString().slice(0, 10),
    fontFamily: theme.fonts.family,
    storyCount: stories.length,
    storyNoun: stories.length === 1 ? 'story' : 'stories',
    wordCountText: groupThousands(words),
    stories: stories.map((s) => ({ title: s.title, authorList: listJoin(s.authors), ...storyMetaView(s) })),
    owners,
    ownerList: listJoin(owners),
    hasOwners: owners.length > 0,
    disclaimers,
    hasDisclaimers: disclaimers.length > 0,
  };
}

/** "A", "A and B", "A, B and C". */
export function listJoin(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Fill one template with values (markdown-escaped) and parse it into blocks. */
export function renderTemplate(templatesDir: string, file: string, view: Record<string, unknown>, idPrefix: string): Block[] {
  const full = path.join(templatesDir, 'matter', file);
  const source = readTemplateFile(templatesDir, path.join('matter', file));
  let text: string;
  try {
    text = Mustache.render(source, view, undefined, { escape: (value: unknown) => escapeInline(String(value)) });
  } catch (error) {
    throw new QuireError(`template error: ${(error as Error).message}`, { file: full });
  }
  return markdownToBlocks(text, { idPrefix, roles: true }).blocks;
}

export function frontMatterSections(templatesDir: string, view: Record<string, unknown>): MatterSection[] {
  return FRONT.map((t) => ({ kind: t.kind, id: t.id, title: t.title, blocks: renderTemplate(templatesDir, t.file, view, t.id) }));
}

export function backMatterSections(templatesDir: string, view: Record<string, unknown>, hasNotes: boolean): MatterSection[] {
  return BACK.filter((t) => t.kind !== 'notes' || hasNotes).map((t) => ({ kind: t.kind, id: t.id, title: t.title, blocks: renderTemplate(templatesDir, t.file, view, t.id) }));
}

export function storyOpener(templatesDir: string, story: Pick<Story, 'title' | 'authors' | 'summary' | 'id' | 'meta'>): Block[] {
  return renderTemplate(templatesDir, 'opener.md', { title: story.title, authorList: listJoin(story.authors), summary: story.summary, ...storyMetaView(story) }, story.id);
}

/**
 * What a download states about a story, for templates: `rating`, `warningList`, `fandomList`, `relationshipList`,
 * `characterList`, `tagList`, `categoryList`, `seriesList`, `url`, `published`, `updated`, `statedWords` (absent
 * when the story does not say). Warnings that only say none apply are left out of `warningList`.
 */
export function storyMetaView(story: Pick<Story, 'meta'>): Record<string, string> {
  const m = story.meta;
  if (!m) return {};
  const list = (items: string[] | undefined): string | undefined => (items?.length ? items.join(', ') : undefined);
  const warnings = m.warnings?.filter((w) => !/^(?:no archive warnings apply|none|no warnings)$/i.test(w));
  const view: Record<string, string | undefined> = {
    rating: m.rating,
    warningList: list(warnings),
    fandomList: list(m.fandoms),
    relationshipList: list(m.relationships),
    characterList: list(m.characters),
    tagList: list(m.tags),
    categoryList: list(m.categories),
    seriesList: list(m.series),
    url: m.url,
    published: m.published,
    updated: m.updated ?? m.completed,
    statedWords: m.words !== undefined ? groupThousands(m.words) : undefined,
  };
  return Object.fromEntries(Object.entries(view).filter((e): e is [string, string] => e[1] !== undefined));
}
