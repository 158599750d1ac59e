// Step `contents`: a table of contents at the top of a text (a `Contents` title and its entries, or a run of heading lines) is boilerplate.
import { headingForm } from './heading.js';
import { isKeptLine } from './overrides.js';
import { record, type NormaliseState, type NormaliseStep, type SourceLine } from './state.js';
import { skeleton } from './text-features.js';

const CONTENTS_TITLE = /^\s*(?:table\s+of\s+contents|contents|inhalt(?:sverzeichnis)?|table\s+des\s+matières|sommaire|índice|indice|contenido|目次|もくじ)\s*[.:：]?\s*$/iu;
/** How far into a text a table of contents is looked for. */
const SEARCH_LINES = 800;

/**
 * Works on lines, before paragraphs are unwrapped (a hard-wrapped list would otherwise run together). The
 * entries are kept as evidence: a line of the text that repeats one is a heading (a story's title in a collection).
 */
export const contents: NormaliseStep = {
  name: 'contents',
  run(state) {
    const lines = state.lines;
    const limit = Math.min(lines.length, SEARCH_LINES);
    for (let k = 0; k < limit; k++) {
      if (!CONTENTS_TITLE.test(lines[k]!.text)) continue;
      const end = entriesAfter(lines, k + 1);
      if (end.entries.length < 2) continue;
      state.contentsEntries = end.entries.map(entryKey);
      drop(state, k, end.last + 1, `a "${lines[k]!.text.trim()}" title and ${end.entries.length} entries`);
      return;
    }
    headingRun(state);
  },
};

/** The entries after a contents title: short lines up to the first real heading, prose, or a long gap. */
function entriesAfter(lines: SourceLine[], from: number): { entries: string[]; last: number } {
  const entries: string[] = [];
  let last = from - 1;
  let blanks = 0;
  for (let j = from; j < lines.length && entries.length < 2000; j++) {
    const t = lines[j]!.text.trim();
    if (t === '') {
      if (++blanks >= 6 && entries.length > 0) break;
      continue;
    }
    if (entries.length > 0 && blanks >= 1 && isRealHeading(t, entries, blanks)) break;
    blanks = 0;
    if (t.length > 90 || (/[.!?…]["”’]?$/.test(t) && t.split(/\s+/).length >= 8)) break;
    entries.push(t);
    last = j;
  }
  return { entries, last };
}

/** The first entry again (or its start, when the heading's title is on the next line): the text has begun. */
function isRealHeading(line: string, entries: string[], blanks: number): boolean {
  const key = skeleton(line);
  if (!key) return false;
  const first = skeleton(entries[0]!);
  if (key === first) return true;
  return blanks >= 2 && headingForm(line) !== undefined && first.startsWith(key) && entries.some((e) => headingForm(e) !== undefined);
}

/** A run of three or more heading lines (blank lines between) before any prose: a contents list without a title. */
function headingRun(state: NormaliseState): void {
  const lines = state.lines;
  const heads: number[] = [];
  for (let j = 0; j < Math.min(lines.length, SEARCH_LINES); j++) {
    const t = lines[j]!.text.trim();
    if (t === '') continue;
    if (headingForm(t) === undefined) break;
    heads.push(j);
  }
  if (heads.length < 3) return;
  // The real headings follow the list: from the last repeat of the list's first entry (else the last heading).
  const first = skeleton(lines[heads[0]!]!.text);
  let real = heads.length - 1;
  for (let k = heads.length - 1; k > 0; k--) if (skeleton(lines[heads[k]!]!.text) === first) {
    real = k;
    break;
  }
  if (real < 3) return;
  state.contentsEntries = heads.slice(0, real).map((j) => entryKey(lines[j]!.text));
  drop(state, heads[0]!, heads[real]!, `${real} heading lines repeated before the text`);
}

function drop(state: NormaliseState, from: number, to: number, evidence: string): void {
  const removed = state.lines.slice(from, to);
  const kept = removed.find((l) => isKeptLine(state, l));
  if (kept) {
    state.messages.info('contents', `left a table of contents in the text: the config keeps line ${kept.line}`, state.options.file, removed[0]!.line);
    state.contentsEntries = [];
    return;
  }
  const text = removed.map((l) => l.text.trim()).filter(Boolean).join('\n');
  const last = removed[removed.length - 1]!.line;
  record(state, { kind: 'boilerplate', action: 'removed', line: removed[0]!.line, ...(last > removed[0]!.line && { lastLine: last }), text, rule: 'contents', evidence: `table of contents: ${evidence}` }, 'removed a table of contents');
  state.lines = [...state.lines.slice(0, from), ...state.lines.slice(to)];
}

/** An entry as compared with headings: without its number, page number and leaders. */
export function entryKey(text: string): string {
  return skeleton(text.replace(/^\s*(?:(?:chapter|chapitre|kapitel|capítulo|part|book)\s+)?(?:\d{1,3}|[IVXLC]{1,7})\s*[.:)\-–—]?\s+/i, '').replace(/[\s.·…]+\d{1,4}\s*$/, ''));
}
