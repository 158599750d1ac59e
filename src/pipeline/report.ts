// The build report (<book>.report.json): what was found, moved, removed, counted and warned, per story and output.
import type { Message } from '../common/diagnostics.js';
import { summariseStory } from '../normalise/summary.js';
import type { NormalisedStory, OverrideMatch, ReaderName, ReaderReport, RemovedItem, Repair } from '../normalise/types.js';
import { isChapterMarkdown } from './chapter-input.js';

export interface AuditResult {
  ok: boolean;
  words: number;
  /** First difference: index in the word list, the expected and actual words around it, source line. */
  mismatch?: { index: number; expected: string[]; actual: string[]; line?: number };
}

export interface StoryReport {
  id: string;
  index: number;
  source: string;
  markdown: string;
  title: string;
  authors: string[];
  encoding: string;
  /** Which reader read the source: `text`, `markdown` (a chapter file), or a download's structured reader. */
  reader: ReaderName;
  /** A structured reader's account of what it took from the file: title, authors, summary, tags, chapters, notes with their chapter, images. */
  structure?: ReaderReport;
  words: number;
  sceneBreaks: number;
  chapters: string[];
  /** One line of what was done: "The Leap: 1 author's note moved, 2 scene breaks, 0 chapters". */
  summary: string;
  notes: number;
  disclaimers: number;
  removed: RemovedItem[];
  repairs: Repair[];
  /** What each of the config's overrides for this story matched (its source lines). */
  overrides?: OverrideMatch[];
  warnings: Message[];
  audit: Partial<Record<'epub' | 'pdf', AuditResult>>;
}

export interface OutputReport {
  format: string;
  path: string;
  bytes: number;
  pages?: number;
  sheets?: number;
}

export interface BuildReport {
  quire: string;
  book: { title: string; subtitle?: string; editor?: string; slug: string; identifier: string; language: string; modified: string; words: number; stories: number };
  stories: StoryReport[];
  skipped: Array<{ source: string; reason: string }>;
  outputs: OutputReport[];
  /** The review page: every decision beside the source. */
  review?: string;
  warnings: Message[];
  /** Wall seconds per stage. */
  timings: Record<string, number>;
}

/** Where a story stands in the book and what the book made of it (a skipped story: no place, no words). */
export type StoryPlace = Pick<StoryReport, 'id' | 'index' | 'source' | 'markdown' | 'title' | 'authors' | 'words'> & { chapters: ReadonlyArray<{ title: string; level: 2 | 3 }> };

/** One story's part of the report: what its normaliser found, moved, removed and repaired (its audit is filled in when the audits are done). */
export function storyReport(normalised: NormalisedStory, p: StoryPlace): StoryReport {
  return {
    id: p.id,
    index: p.index,
    source: p.source,
    markdown: p.markdown,
    title: p.title,
    authors: p.authors,
    encoding: normalised.encoding,
    reader: normalised.reader?.name ?? (isChapterMarkdown(p.source) ? 'markdown' : 'text'),
    ...(normalised.reader && { structure: normalised.reader }),
    words: p.words,
    sceneBreaks: normalised.sceneBreaks,
    chapters: p.chapters.map((c) => c.title),
    summary: summariseStory({ title: p.title, removed: normalised.removed, notes: normalised.frontMatter.notes?.length ?? 0, sceneBreaks: normalised.sceneBreaks, headings: p.chapters }),
    notes: normalised.frontMatter.notes?.length ?? 0,
    disclaimers: normalised.frontMatter.disclaimers?.length ?? 0,
    removed: normalised.removed,
    repairs: normalised.repairs,
    ...(normalised.overrides && { overrides: normalised.overrides }),
    warnings: normalised.messages.filter((m) => m.severity === 'warning'),
    audit: {},
  };
}
