// Contract of the normaliser: what one raw story turns into (markdown + everything taken out, as data).
import type { Message } from '../common/diagnostics.js';
import type { NotesPolicy, StoryMeta } from '../model/types.js';

export type { StoryMeta };

export interface NormaliseOptions {
  /** Path shown in diagnostics (as the user gave it). */
  file: string;
  /** BCP 47 tag; `fr` switches to French typography. */
  language: string;
  notes: NotesPolicy;
  /** Metadata from the config; wins over anything found in the text (e.g. a Gutenberg header). */
  title?: string;
  authors?: string[];
  summary?: string;
  /** Used when neither the config nor the text (a Gutenberg header) gives a title, e.g. from the file name. */
  fallbackTitle?: string;
  /** Used when neither the config nor the text names an author (e.g. `--author` with story files). */
  fallbackAuthors?: string[];
  /** Prefix for note ids so they are unique in the book, e.g. `s01`. */
  idPrefix: string;
  /** The config's corrections for this story (`keep:`, `paratext:`, `headings:`, `breaks:`). */
  overrides?: StoryOverrides;
}

/** What a config override says a paragraph is: story text, paratext, a heading, a scene break. */
export type OverrideKey = 'keep' | 'paratext' | 'headings' | 'breaks';

/** One override entry: the start of a paragraph's text, or a source line number; `line`: its line in the config. */
export interface OverrideEntry {
  match: string | number;
  line?: number;
}

/** A story's overrides, with where the config says them (for errors and for the review page's evidence). */
export interface StoryOverrides {
  /** The config file as shown in messages (`anthology.yaml`). */
  config: string;
  /** The story's key in the config, e.g. `stories[1]`. */
  at: string;
  entries: Partial<Record<OverrideKey, OverrideEntry[]>>;
}

/** What one override entry matched: the first source line of each paragraph it decided. */
export interface OverrideMatch {
  key: OverrideKey;
  match: string | number;
  /** Its line in the config. */
  configLine?: number;
  lines: number[];
}

/** Something the normaliser took out of (or moved within) the running text. */
export interface RemovedItem {
  /**
   * `metadata`: what a site or download put around the story (fields, tags, stats, a summary, scaffolding,
   * navigation, a comment section), moved into the story's metadata or removed; `titleLine`: the story's title or
   * byline written in its text (taken as its title/author when the config names none).
   */
  kind: 'disclaimer' | 'authorNote' | 'boilerplate' | 'controlChar' | 'sceneBreak' | 'heading' | 'emptyLine' | 'metadata' | 'titleLine';
  /** What happened to it: dropped from the book, moved to notes/notices/metadata, or turned into markup. */
  action: 'removed' | 'moved' | 'converted';
  /** 1-based line in the decoded source. */
  line: number;
  /** The last source line, when the item spans more than one (a hard-wrapped paragraph, a header). */
  lastLine?: number;
  text: string;
  /** The step or rule that decided it, e.g. `edge-note`, `site-metadata`, `gutenberg`. */
  rule: string;
  /** Why, for a person reading the report: e.g. `first person to readers + "review" + after the last break`. */
  evidence: string;
}

/** One repair made while decoding (mojibake, control characters; `encoding`: a line decoded as `after`, not as the story's `before`). */
export interface Repair {
  kind: 'mojibake' | 'controlChar' | 'bom' | 'lineEnding' | 'nfc' | 'encoding';
  line?: number;
  before: string;
  after: string;
}

/** Front matter of a chapter markdown file (`markdown/NN-slug.md`). */
export interface ChapterFrontMatter {
  title: string;
  author: string[];
  summary?: string;
  source: string;
  encoding: string;
  language: string;
  /** Disclaimers removed from the text, as data for the notices page. */
  disclaimers?: Array<{ line: number; text: string; /** The rights holder or fandom it names, e.g. `Star Trek`. */ owner?: string }>;
  /** Author's notes: their body is a footnote definition `[^id]: …` in the markdown body. */
  notes?: Array<{ id: string; position: 'start' | 'end' | 'inline'; line: number; /** The chapter a download's note belongs to. */ chapter?: string }>;
  chapters?: string[];
  /** Which reader made this chapter from its source (absent: the text normaliser). */
  reader?: ReaderName;
  /** What a download states about the story: rating, warnings, fandoms, relationships, characters, tags, dates… */
  meta?: StoryMeta;
}

export interface NormalisedStory {
  /** The full chapter file: `---\n<yaml front matter>---\n\n<body>`. */
  markdown: string;
  frontMatter: ChapterFrontMatter;
  encoding: string;
  removed: RemovedItem[];
  repairs: Repair[];
  sceneBreaks: number;
  /** The story's headings in order: level 2 = a chapter (or a part holding chapters), 3 = a chapter inside a part. */
  headings: Array<{ text: string; level: 2 | 3; line: number; /** Why it is a heading (`a chapter heading`, `decided by the config`). */ evidence?: string }>;
  /** How many words the story has (`wordsOf(wordText).length`, counted without making them). */
  wordCount: number;
  /** The digest of its words (wordTally): an output whose words have the same passes the audit without reading these again. */
  wordDigest: string;
  /**
   * The story's text after removals, block by block: the lossless audit reads its words (`wordsOf(wordText)`) and
   * compares them with each output's. One string, cheap to send to a worker (a list of a novel's words is not).
   */
  wordText: string;
  messages: Message[];
  /** A structured reader's account of what it took from the file's structure (for the report). */
  reader?: ReaderReport;
  /** What each of the config's overrides matched. */
  overrides?: OverrideMatch[];
  /** The source as the review page shows it (text stories). */
  source?: SourceTrace;
}

/** A text story's source as the review page shows it, line by line, and how its lines became paragraphs. */
export interface SourceTrace {
  /** The decoded, repaired text ('\n' between lines): line n of it is line n of the source. */
  text: string;
  /** Paragraphs unwrapped from more than one source line: their first and last lines, in pairs. */
  joined: number[];
}

/** The readers, as named in front matter (`reader:`) and in the build report. */
export type ReaderName = 'text' | 'markdown' | 'ao3-html' | 'ao3-epub' | 'fanficfare-epub' | 'fanficfare-html' | 'epub' | 'web-page';

export type NoteKind = 'workNotes' | 'workEndNotes' | 'chapterSummary' | 'chapterNotes' | 'chapterEndNotes';

/** What the report says a structured reader took from the file (so a review page can show it). */
export interface ReaderReport {
  name: ReaderName;
  title?: string;
  authors: string[];
  summary?: string;
  meta: StoryMeta;
  chapters: string[];
  notes: Array<{ id: string; kind: NoteKind; chapter?: string; words: number }>;
  images: Array<{ src: string; alt: string; carried: boolean }>;
}
