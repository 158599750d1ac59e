// Step `overrides`: the config's `keep:`, `paratext:`, `headings:` and `breaks:` entries, matched to the story's paragraphs; later steps take what they force as their decision.
import { QuireError } from '../common/diagnostics.js';
import type { DraftBlock, Forced, NormaliseState, NormaliseStep, SourceLine } from './state.js';
import type { OverrideEntry, OverrideKey, OverrideMatch, StoryOverrides } from './types.js';

/** What each key makes of a paragraph, in the words of messages and evidence. */
export const OVERRIDE_MEANING: Record<OverrideKey, string> = {
  keep: 'story text',
  paratext: "an author's note",
  headings: 'a heading',
  breaks: 'a scene break',
};

/**
 * A text as entries are matched: its words (letters and digits) in lower case, one space apart, so case,
 * punctuation, quotes, dashes, emphasis marks and spacing do not matter; a text without any (`* * *`) is its
 * symbols without spaces.
 */
export function matchKey(text: string): string {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  return words ? words.join(' ') : text.replace(/\s+/g, '');
}

/** Scripts written without spaces: an entry may stop inside their "word". */
const NO_SPACES = /[\u3040-\u9fff\uac00-\ud7af\uff66-\uff9f]$/u;

/** One entry, ready to test paragraphs with. */
export interface Matcher {
  key: OverrideKey;
  entry: OverrideEntry;
  /** The entry's match key (text entries). */
  text?: string;
  /** Where the entry is, for messages: `anthology.yaml:14`. */
  where: string;
  /** `keep: "Thanks for reading" (anthology.yaml:14)`. */
  by: string;
  lines: number[];
}

/** The entries of a story's overrides, in the config's order. */
export function matchersOf(overrides: StoryOverrides | undefined): Matcher[] {
  if (!overrides) return [];
  const out: Matcher[] = [];
  for (const [key, entries] of Object.entries(overrides.entries) as Array<[OverrideKey, OverrideEntry[]]>) {
    for (const entry of entries) {
      const where = entry.line !== undefined ? `${overrides.config}:${entry.line}` : overrides.config;
      const shown = typeof entry.match === 'number' ? `line ${entry.match}` : `"${entry.match}"`;
      out.push({ key, entry, ...(typeof entry.match === 'string' && { text: matchKey(entry.match) }), where, by: `${key}: ${shown} (${where})`, lines: [] });
    }
  }
  return out;
}

/** Does a paragraph whose match key is `have` start with the entry whose match key is `want` (whole words)? */
export function startsWithEntry(have: string, want: string): boolean {
  if (!have.startsWith(want)) return false;
  return have.length === want.length || have.charAt(want.length) === ' ' || (/[\p{L}\p{N}]/u.test(want) && NO_SPACES.test(want));
}

/** Does an entry match the paragraph made of source lines first…last, whose match key is `key()`? */
export function entryMatches(m: Matcher, first: number, last: number, key: () => string): boolean {
  if (typeof m.entry.match === 'number') return m.entry.match >= first && m.entry.match <= last;
  return startsWithEntry(key(), m.text!);
}

/** The error for an entry that matched nothing: `anthology.yaml:14: stories[1].keep[0]: "…" matches no paragraph of the-leap.txt`. */
export function unmatched(overrides: StoryOverrides, m: Matcher, file: string): QuireError {
  const list = overrides.entries[m.key]!;
  const index = list.indexOf(m.entry);
  const what = typeof m.entry.match === 'number' ? `line ${m.entry.match}` : `"${m.entry.match}"`;
  const how = typeof m.entry.match === 'number' ? 'no paragraph of the text holds that line' : 'an entry is the start of a paragraph, whatever its case, punctuation and spacing, or a source line number';
  return new QuireError(`${overrides.at}.${m.key}[${index}]: ${what} matches no paragraph of ${file} (${how})`, { file: overrides.config, ...(m.entry.line !== undefined && { line: m.entry.line }) });
}

/** The error for a paragraph two entries say different things about. */
export function conflicting(overrides: StoryOverrides, a: Matcher, b: Matcher, line: number, file: string): QuireError {
  return new QuireError(`${overrides.at}: ${a.by} and ${b.by} both match the paragraph at ${file}:${line}; give it one`, { file: overrides.config, ...(b.entry.line !== undefined && { line: b.entry.line }) });
}

/** What the matchers matched, for the report and the review page. */
export function matchesOf(matchers: Matcher[]): OverrideMatch[] {
  return matchers.map((m) => ({ key: m.key, match: m.entry.match, ...(m.entry.line !== undefined && { configLine: m.entry.line }), lines: m.lines }));
}

/** A source line the config keeps as story text (the contents step leaves a table of contents holding one in place). */
export function isKeptLine(state: NormaliseState, l: SourceLine): boolean {
  const keep = state.options.overrides?.entries.keep;
  if (!keep?.length) return false;
  return keep.some((e) => (typeof e.match === 'number' ? e.match === l.line : startsWithEntry(matchKey(l.text), matchKey(e.match))));
}

export const overrides: NormaliseStep = {
  name: 'overrides',
  run(state) {
    const config = state.options.overrides;
    const matchers = matchersOf(config);
    if (!config || matchers.length === 0) return;
    const { file } = state.options;
    for (const b of state.blocks) {
      if (b.kind !== 'paragraph') continue;
      const last = state.spans.get(b.line) ?? b.line;
      let key: string | undefined;
      const keyOf = (): string => (key ??= matchKey(b.text));
      let decided: Matcher | undefined;
      for (const m of matchers) {
        if (!entryMatches(m, b.line, last, keyOf)) continue;
        if (decided && decided.key !== m.key) throw conflicting(config, decided, m, b.line, file);
        decided ??= m;
        m.lines.push(b.line);
      }
      if (decided) force(state, b, { key: decided.key, by: decided.by });
    }
    for (const m of matchers) if (m.lines.length === 0) throw unmatched(config, m, file);
    state.overrideMatches = matchesOf(matchers);
  },
};

function force(state: NormaliseState, b: Extract<DraftBlock, { kind: 'paragraph' }>, forced: Forced): void {
  b.force = forced;
  state.messages.info('config', `${OVERRIDE_MEANING[forced.key]}, decided by the config: ${forced.by}`, state.options.file, b.line);
}
