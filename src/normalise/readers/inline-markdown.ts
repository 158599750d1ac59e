// A paragraph's runs → one markdown paragraph: the text normaliser's typography over the whole paragraph (marks
// do not split it), its escaping, and emphasis / small caps / hard line breaks as markdown that markdown-it is
// checked to read back exactly (else the marks are written another way, or left out and the text kept).
import { escapeInline, escapeLine } from '../../model/escape.js';
import { quireMarkdown } from '../../model/markdown.js';
import { typeset } from '../typography.js';
import type { Mark, Run } from './types.js';

interface Event {
  at: number;
  kind: 'open' | 'close' | 'break';
  mark?: Mark;
}

/** Plain text (line breaks as `\n`) and the marks and breaks as events at offsets into it. */
function flatten(runs: Run[]): { text: string; events: Event[] } {
  let text = '';
  const events: Event[] = [];
  for (const r of runs) {
    if (r.kind === 'text') text += r.text;
    else if (r.kind === 'break') {
      events.push({ at: text.length, kind: 'break' });
      text += '\n';
    } else events.push({ at: text.length, kind: r.kind, mark: r.mark });
  }
  return { text, events };
}

/**
 * Marks hug their text: white space just inside a mark moves outside it; a mark closed and opened again at the
 * same place is one; an empty pair goes.
 */
function tidyMarks(text: string, events: Event[]): Event[] {
  for (const e of events) {
    if (e.kind === 'open') while (e.at < text.length && /\s/.test(text[e.at]!)) e.at++;
    if (e.kind === 'close') while (e.at > 0 && /\s/.test(text[e.at - 1]!)) e.at--;
  }
  events.sort((a, b) => a.at - b.at || order(a) - order(b));
  const out: Event[] = [];
  for (const e of events) {
    if (e.kind === 'open') {
      // `</em><em>` at the same place: drop both.
      const prev = out.findLastIndex((x) => x.kind === 'close' && x.mark === e.mark && x.at === e.at);
      if (prev >= 0) {
        out.splice(prev, 1);
        continue;
      }
    }
    out.push(e);
  }
  // Empty pairs (open and close at one place) go.
  const kept: Event[] = [];
  for (const e of out) {
    if (e.kind === 'close') {
      const open = kept.findLastIndex((x) => x.kind === 'open' && x.mark === e.mark);
      if (open >= 0 && kept[open]!.at === e.at) {
        kept.splice(open, 1);
        continue;
      }
    }
    kept.push(e);
  }
  return kept;
}

/** At one offset: closes first, then breaks, then opens. */
function order(e: Event): number {
  return e.kind === 'close' ? 0 : e.kind === 'break' ? 1 : 2;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/gu;

/** Where each letter or digit starts and ends, and the letters and digits themselves. */
function anchors(text: string): { start: number[]; end: number[]; chars: string } {
  const start: number[] = [];
  const end: number[] = [];
  let chars = '';
  for (const m of text.matchAll(WORD_CHAR)) {
    start.push(m.index);
    end.push(m.index + m[0].length);
    chars += m[0];
  }
  return { start, end, chars };
}

/**
 * Where offsets into `before` fall in `after`, the same text after typography (which changes only punctuation and
 * spacing): letters and digits are fixed points; between two of them an offset keeps its place among the visible
 * characters. Undefined when the letters differ.
 */
export function mapOffsets(before: string, after: string, offsets: number[]): number[] | undefined {
  const a = anchors(before);
  const b = anchors(after);
  if (a.chars !== b.chars) return undefined;
  return offsets.map((o) => {
    // k: how many letters and digits stand before the offset.
    let lo = 0;
    let hi = a.start.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a.start[mid]! < o) lo = mid + 1;
      else hi = mid;
    }
    const k = lo;
    const from = k === 0 ? 0 : a.end[k - 1]!;
    const to = k < a.start.length ? a.start[k]! : before.length;
    const bFrom = k === 0 ? 0 : b.end[k - 1]!;
    const bTo = k < b.start.length ? b.start[k]! : after.length;
    if (o <= from) return bFrom;
    if (o >= to) return bTo;
    const visible = before.slice(from, o).replace(/\s/g, '').length;
    let pos = bFrom;
    for (let seen = 0; pos < bTo && seen < visible; pos++) if (!/\s/.test(after[pos]!)) seen++;
    return pos;
  });
}

interface Delimiters {
  em: [string, string];
  strong: [string, string];
  smallCaps: [string, string];
}
const STAR: Delimiters = { em: ['*', '*'], strong: ['**', '**'], smallCaps: ['[', ']{.smallcaps}'] };
const UNDERSCORE: Delimiters = { em: ['_', '_'], strong: ['**', '**'], smallCaps: ['[', ']{.smallcaps}'] };

/** Markdown of typeset text with events; `marks: false` writes the text alone. */
function emit(text: string, events: Event[], delimiters: Delimiters | undefined): string {
  let out = '';
  let lineStart = true;
  let last = 0;
  const piece = (to: number): void => {
    const t = text.slice(last, to).replace(/\n/g, '');
    last = to;
    if (!t) return;
    if (lineStart) {
      const trimmed = t.replace(/^\s+/, '');
      if (!trimmed) return;
      out += escapeLine(trimmed);
      lineStart = false;
    } else out += escapeInline(t);
  };
  for (const e of events) {
    piece(e.at);
    if (e.kind === 'break') {
      out = out.replace(/[ \t]+$/, '');
      if (!lineStart) out += '\\\n';
      lineStart = true;
    } else if (delimiters) out += delimiters[e.mark!][e.kind === 'open' ? 0 : 1];
  }
  piece(text.length);
  return out.replace(/[ \t]+$/, '');
}

/** Per character of the visible text, the marks on it (`\n` for a break): what markdown-it must read back. */
function expectedSignature(text: string, events: Event[]): string {
  let out = '';
  const open: Mark[] = [];
  let last = 0;
  let lineStart = true;
  const piece = (to: number): void => {
    let t = text.slice(last, to).replace(/\n/g, '');
    last = to;
    if (lineStart) t = t.replace(/^\s+/, '');
    if (!t) return;
    lineStart = false;
    const tag = [...open].sort().join(',');
    for (const ch of t) out += `${ch}${tag}|`;
  };
  for (const e of events) {
    piece(e.at);
    if (e.kind === 'break') {
      out = out.replace(/(?: [^|]*\|)+$/, '');
      if (!lineStart) out += '\n|';
      lineStart = true;
    } else if (e.kind === 'open') open.push(e.mark!);
    else open.splice(open.lastIndexOf(e.mark!), 1);
  }
  piece(text.length);
  return out.replace(/(?: [^|]*\|)+$/, '');
}

/** The same signature from what markdown-it reads in `markdown`. */
function readSignature(markdown: string): string {
  const tokens = quireMarkdown().parseInline(markdown, {})[0]?.children ?? [];
  let out = '';
  const open: string[] = [];
  for (const t of tokens) {
    if (t.type === 'text') {
      const tag = [...open].sort().join(',');
      for (const ch of t.content) out += `${ch}${tag}|`;
    } else if (t.type === 'hardbreak') out += '\n|';
    else if (t.type === 'softbreak') out += ` ${[...open].sort().join(',')}|`;
    else if (t.type.endsWith('_open')) open.push(t.type === 'em_open' ? 'em' : t.type === 'strong_open' ? 'strong' : t.type === 'smallcaps_open' ? 'smallCaps' : t.type);
    else if (t.type.endsWith('_close')) open.pop();
  }
  return out;
}

export interface InlineResult {
  markdown: string;
  /** The text as the audit reads it (line breaks as newlines). */
  plain: string;
  /** The marks could not be written so that markdown-it reads them back: the text was kept without them. */
  marksLost: boolean;
}

/** One paragraph (or heading) of runs → typeset, escaped markdown; `breaks: false` turns line breaks into spaces. */
export function runsToMarkdown(runs: Run[], language: string, options: { breaks?: boolean } = {}): InlineResult {
  const source = options.breaks === false ? runs.map((r): Run => (r.kind === 'break' ? { kind: 'text', text: ' ' } : r)) : runs;
  const flat = flatten(source);
  let events = tidyMarks(flat.text, flat.events);
  let text = typeset(flat.text, language);
  const mapped = mapOffsets(flat.text, text, events.map((e) => e.at));
  if (mapped) events = events.map((e, i) => ({ ...e, at: mapped[i]! }));
  else {
    // The letters changed (a rule rewrote a word): set each piece between events on its own.
    let rebuilt = '';
    let last = 0;
    events = events.map((e) => {
      rebuilt += typeset(flat.text.slice(last, e.at), language);
      last = e.at;
      return { ...e, at: rebuilt.length };
    });
    text = rebuilt + typeset(flat.text.slice(last), language);
  }
  const plain = plainText(text, events);
  if (events.some((e) => e.kind !== 'break')) {
    const expected = expectedSignature(text, events);
    for (const delimiters of [STAR, UNDERSCORE]) {
      const markdown = emit(text, events, delimiters);
      if (readSignature(markdown) === expected) return { markdown, plain, marksLost: false };
    }
  }
  const markdown = emit(text, events.filter((e) => e.kind === 'break'), undefined);
  return { markdown, plain, marksLost: events.some((e) => e.kind !== 'break') };
}

/** The visible text: pieces without their newlines, breaks as one newline, no white space at line ends. */
function plainText(text: string, events: Event[]): string {
  let out = '';
  let last = 0;
  for (const e of events) {
    out += text.slice(last, e.at).replace(/\n/g, '');
    last = e.at;
    if (e.kind === 'break') out = `${out.replace(/[ \t]+$/, '')}\n`;
  }
  out += text.slice(last).replace(/\n/g, '');
  return out.split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
}
