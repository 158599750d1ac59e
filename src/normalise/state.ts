// The state one story's normalisation steps read and update (like markdown-it's StateCore), and the step type.
import { Messages } from '../common/diagnostics.js';
import type { NormaliseOptions, OverrideKey, OverrideMatch, RemovedItem, Repair } from './types.js';

export interface SourceLine {
  text: string;
  /** 1-based line in the decoded source. */
  line: number;
}

/** What the config says a block is (`keep:` story text, `paratext:`, `headings:`, `breaks:`), and where it says so. */
export interface Forced {
  key: OverrideKey;
  /** For evidence and messages: `keep: "Thanks for reading" (anthology.yaml:14)`. */
  by: string;
}

/**
 * A block of the running text while it is being normalised. Paragraph text may hold note-reference markers.
 * `force`: the config decided what it is; every later step takes that as its decision.
 */
export type DraftBlock =
  /** `literal`: never a scene break or heading (e.g. a `---` line that underlines the line above it). */
  | { kind: 'paragraph'; text: string; line: number; literal?: boolean; force?: Forced }
  | { kind: 'sceneBreak'; text: string; line: number; force?: Forced }
  /**
   * `rank`: the division the heading opens (smaller is larger: a part, a chapter, a section; a markdown heading's `#`
   * count); `level`, set from the ranks once paratext is gone: 2 = a chapter (or a part, when parts hold
   * chapters), 3 = a chapter inside a part. `evidence`: why it is a heading.
   */
  | { kind: 'heading'; text: string; line: number; rank: number; level: 2 | 3; evidence: string; force?: Forced };

export interface DraftNote {
  id: string;
  position: 'start' | 'end' | 'inline';
  line: number;
  paragraphs: string[];
}

export interface DraftDisclaimer {
  line: number;
  text: string;
  owner?: string;
}

export interface NormaliseState {
  options: NormaliseOptions;
  bytes: Uint8Array;
  text: string;
  encoding: string;
  lines: SourceLine[];
  /** Paragraphs unwrapped from more than one source line: first line → last line. */
  spans: Map<number, number>;
  blocks: DraftBlock[];
  notes: DraftNote[];
  disclaimers: DraftDisclaimer[];
  removed: RemovedItem[];
  repairs: Repair[];
  messages: Messages;
  /** Metadata found in the text (a Gutenberg header, title and byline lines, site metadata); the options win over it. */
  found: { title?: string; author?: string; summary?: string };
  /** What each config override matched (the overrides step). */
  overrideMatches: OverrideMatch[];
  /** Entries of a table of contents removed from the text (normalised), evidence that matching lines are headings. */
  contentsEntries: string[];
  /** Escaped markdown of each block and note paragraph, filled by the escaping step. */
  escaped: { blocks: string[]; notes: string[][] };
  markdown: string;
  /** How many words the audit reads from `wordText`, and their digest (set with it by the write step). */
  wordCount: number;
  wordDigest: string;
  /** The story's text after removals, as the audit reads its words. */
  wordText: string;
}

/** One named, single-purpose step of the pipeline. */
export interface NormaliseStep {
  name: string;
  run(state: NormaliseState): void;
}

/** Marks where an inline author's note stood in a paragraph: U+E000 <note index> U+E001 (both stripped from input). */
export const NOTE_REF = /\uE000(\d+)\uE001/g;
export function noteRefMarker(index: number): string {
  return `\uE000${index}\uE001`;
}

export function initialState(bytes: Uint8Array, options: NormaliseOptions): NormaliseState {
  return {
    options,
    bytes,
    text: '',
    encoding: '',
    lines: [],
    spans: new Map(),
    blocks: [],
    notes: [],
    disclaimers: [],
    removed: [],
    repairs: [],
    messages: new Messages(),
    found: {},
    overrideMatches: [],
    contentsEntries: [],
    escaped: { blocks: [], notes: [] },
    markdown: '',
    wordCount: 0,
    wordDigest: '',
    wordText: '',
  };
}

/** Lists something taken out of (or moved within) the text, with its rule and evidence, and says so in an info message. */
export function record(state: NormaliseState, item: RemovedItem, message: string): void {
  const last = item.lastLine === undefined ? state.spans.get(item.line) : undefined;
  state.removed.push(last === undefined ? item : { ...item, lastLine: last });
  state.messages.info(item.rule, `${message} (${item.evidence})`, state.options.file, item.line);
}
