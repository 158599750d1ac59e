// What a structured reader (AO3, FanFicFare, EPUB, web page) takes from a file before it is written as a chapter.
import type { NoteKind, ReaderName, RemovedItem, StoryMeta } from '../types.js';

export type Mark = 'em' | 'strong' | 'smallCaps';

/** Inline content of a paragraph or heading as the reader found it: text, marks opened and closed, line breaks. */
export type Run = { kind: 'text'; text: string } | { kind: 'open'; mark: Mark } | { kind: 'close'; mark: Mark } | { kind: 'break' };

export type SourceBlock =
  | { kind: 'paragraph'; runs: Run[]; line: number }
  /** level 2: a chapter heading; 3: a heading inside a chapter. */
  | { kind: 'heading'; level: 2 | 3; runs: Run[]; line: number }
  | { kind: 'sceneBreak'; line: number }
  | { kind: 'quote'; blocks: SourceBlock[]; line: number }
  | { kind: 'list'; ordered: boolean; items: SourceBlock[][]; line: number }
  /** An image; the book shows a placeholder with its alt text (images are not carried into the book). */
  | { kind: 'image'; alt: string; src: string; line: number };

export interface SourceNote {
  kind: NoteKind;
  /** Index in `chapters` for chapter notes. */
  chapter?: number;
  blocks: SourceBlock[];
  line: number;
  /** Made a note by the config (`paratext: "…" (anthology.yaml:14)`), not by the download. */
  by?: string;
}

export interface SourceChapter {
  /** Shown as the chapter heading when the story has more than one chapter (or a titled one). */
  title?: string;
  line: number;
  blocks: SourceBlock[];
}

/** A story as a structured reader took it from a file, before typography, escaping and markdown. */
export interface SourceStory {
  reader: ReaderName;
  title?: string;
  authors: string[];
  summary?: SourceBlock[];
  meta: StoryMeta;
  chapters: SourceChapter[];
  /** Notes in reading order. */
  notes: SourceNote[];
  /** Paratext taken out of the reading text (tags, stats, "Posted originally…", footers), as data for the report. */
  removed: RemovedItem[];
}
