// Turns a parsed chapter file into a model Story (ids, authors, notes per policy, word count).
import { countWords } from '../audit/index.js';
import type { ParsedChapter } from './parse.js';
import { slugify } from './parse.js';
import { blocksText, type NotesPolicy, type Story } from './types.js';

export interface StoryPlace {
  /** XML-safe id and note/heading id prefix, e.g. `s01`. */
  id: string;
  /** 1-based position in the book. */
  index: number;
  /** Source path shown in diagnostics. */
  source: string;
  /** The chapter markdown file (relative to the output folder). */
  markdownPath: string;
  /** Default slug (unique in the book); default: from the title. */
  slug?: string;
  notes: NotesPolicy;
  /** The story's word count when the caller already has it (the normaliser's); default: counted from the blocks. */
  wordCount?: number;
}

export function storyFromChapter(parsed: ParsedChapter, place: StoryPlace): Story {
  const fm = parsed.frontMatter;
  return {
    id: place.id,
    slug: place.slug ?? (slugify(fm.title) || 'story'),
    index: place.index,
    title: fm.title,
    authors: fm.author.length ? fm.author : ['Anonymous'],
    ...(fm.summary && { summary: fm.summary }),
    ...(fm.meta && { meta: fm.meta }),
    language: fm.language,
    source: place.source,
    markdownPath: place.markdownPath,
    opener: [],
    blocks: parsed.blocks,
    chapters: parsed.chapters,
    notes: place.notes === 'drop' ? [] : parsed.notes,
    disclaimers: (fm.disclaimers ?? []).map((d) => d.text),
    wordCount: place.wordCount ?? countWords(blocksText(parsed.blocks)),
  };
}
