// A text story's source on the review page: every line with its number, each decision marked where it happened, long unchanged runs collapsed.
import type { Decision, DecisionKind } from './decisions.js';
import { esc, num } from './html.js';

/** Unchanged lines around a decision that stay open. */
const CONTEXT = 2;
/** A run of unchanged lines at least this long is collapsed (`<details>`). */
const COLLAPSE = 12;
/** Lines shown at each end of a decision longer than COLLAPSE + 2 × EDGE lines. */
const EDGE = 4;

/** The sign after a line's number, so the mark reads without colour (printed in grey, for colour-blind readers). */
const SIGN: Record<DecisionKind, string> = {
  note: '−',
  disclaimer: '−',
  metadata: '−',
  title: '−',
  boilerplate: '−',
  spacer: '−',
  dropped: '−',
  break: '⁂',
  heading: '#',
  repair: '~',
  kept: '+',
};

/** The icon before a decision's label (decorative: the label says it in words). */
export const ICON: Record<DecisionKind, string> = {
  note: '✎',
  disclaimer: '§',
  metadata: '⌧',
  title: 'T',
  boilerplate: '⌧',
  spacer: '⌧',
  dropped: '⌧',
  break: '⁂',
  heading: '#',
  repair: '~',
  kept: '+',
};

/** What the config line beside a decision does, by kind. */
const FIX: Record<DecisionKind, string> = {
  note: 'Story text after all?',
  disclaimer: 'Story text after all?',
  metadata: 'Story text after all?',
  title: 'Story text after all?',
  boilerplate: 'Story text after all?',
  spacer: '',
  dropped: 'Keep this break?',
  break: 'Not a scene break?',
  heading: 'Not a heading?',
  repair: '',
  kept: '',
};

/** One decision's note under its last line: what, rule and evidence, and the config line that reverses it. */
export function annotation(d: Decision, id: string, configFile: string | undefined): string {
  const parts = [`<div class="d k-${d.kind}" id="${id}"><b class="tag"><span aria-hidden="true">${ICON[d.kind]}</span> ${esc(d.label)}</b>`];
  if (d.first !== d.last) parts.push(` <span class="where">lines ${num(d.first)}–${num(d.last)}</span>`);
  if (d.evidence) parts.push(` <span class="why"><code>${esc(d.rule)}</code> ${esc(d.evidence)}</span>`);
  if (d.text) parts.push(` <span class="txt">${esc(d.text)}</span>`);
  if (d.reverse && 'line' in d.reverse) parts.push(` <span class="fix">${FIX[d.kind]} Add to this story in the config: <code class="cfg">${esc(d.reverse.line)}</code></span>`);
  else if (d.reverse) {
    const where = configFile ? `${configFile}${d.reverse.configLine !== undefined ? `:${d.reverse.configLine}` : ''}` : 'the config';
    parts.push(` <span class="fix"><span aria-hidden="true">⚙</span> Decided by the config (<code>${esc(d.reverse.entry)}</code>, ${esc(where)}): delete that entry to let quire decide</span>`);
  }
  parts.push('</div>');
  return parts.join('');
}

/**
 * The story's lines: a paragraph unwrapped from several lines is one `.p` (a bar at its left); a decision's lines
 * carry its kind and its note follows its last line. Runs of unchanged lines are collapsed, each segment numbering
 * its lines from its first (a CSS counter: numbers cost no bytes per line).
 */
export function sourceHtml(lines: readonly string[], joined: readonly number[], decisions: Decision[], idPrefix: string, configFile: string | undefined): string {
  const n = lines.length;
  // Per line (1-based): the decision that marks it (the first, in source order), whether it stays open, its paragraph's end.
  const mark = new Array<Decision | undefined>(n + 2);
  const open = new Uint8Array(n + 2);
  const after = new Map<number, Decision[]>();
  for (const d of decisions) {
    const first = Math.max(1, Math.min(d.first, n));
    const last = Math.max(first, Math.min(d.last, n));
    for (let l = first; l <= last; l++) mark[l] ??= d;
    // A long decision (a header, a table of contents) shows its first and last lines; its middle is folded.
    const long = last - first + 1 > COLLAPSE + 2 * EDGE;
    for (let l = Math.max(1, first - CONTEXT); l <= Math.min(n, last + CONTEXT); l++) if (!long || l < first + EDGE || l > last - EDGE) open[l] = 1;
    const list = after.get(last);
    if (list) list.push(d);
    else after.set(last, [d]);
  }
  const paragraphEnd = new Map<number, number>();
  for (let k = 0; k < joined.length; k += 2) paragraphEnd.set(joined[k]!, Math.min(joined[k + 1]!, n));
  const out: string[] = [];
  let ids = 0;
  /** Lines [from, to] as markup. */
  const linesHtml = (from: number, to: number): void => {
    for (let l = from; l <= to; l++) {
      const end = paragraphEnd.get(l);
      if (end !== undefined && end > l) {
        out.push('<div class="p">');
        for (let k = l; k <= Math.min(end, to); k++) line(k);
        out.push('</div>');
        for (let k = l; k <= Math.min(end, to); k++) notes(k);
        l = Math.min(end, to);
        continue;
      }
      line(l);
      notes(l);
    }
  };
  const line = (l: number): void => {
    const d = mark[l];
    if (!d) out.push('<span>', esc(lines[l - 1]!), '</span>');
    else out.push(`<span class="m k-${d.kind}${d.removes ? ' out' : ''}" data-s="${SIGN[d.kind]}"${d.first === l ? ` id="${idPrefix}-L${l}"` : ''}>`, esc(lines[l - 1]!), '</span>');
  };
  const notes = (l: number): void => {
    for (const d of after.get(l) ?? []) out.push(annotation(d, `${idPrefix}-d${++ids}`, configFile));
  };
  // Units: an unwrapped paragraph or one line; open when any of its lines is. Runs of units alike make segments.
  const unitFrom: number[] = [];
  const unitTo: number[] = [];
  const unitOpen: boolean[] = [];
  for (let l = 1; l <= n; l++) {
    const end = Math.max(l, paragraphEnd.get(l) ?? l);
    let isOpen = false;
    for (let k = l; k <= end && !isOpen; k++) isOpen = open[k] === 1;
    unitFrom.push(l);
    unitTo.push(end);
    unitOpen.push(isOpen);
    l = end;
  }
  for (let u = 0; u < unitFrom.length; ) {
    let v = u;
    while (v + 1 < unitFrom.length && unitOpen[v + 1] === unitOpen[u]) v++;
    const from = unitFrom[u]!;
    const to = unitTo[v]!;
    const segment = `<div class="seg" style="counter-reset:l ${from - 1}">`;
    if (!unitOpen[u] && to - from + 1 >= COLLAPSE) {
      const inside = mark[from];
      const what = inside ? `the rest of this ${inside.label.split(':')[0]!.toLowerCase()}` : 'no decision';
      out.push(`<details class="run"><summary>Lines ${num(from)}–${num(to)}: ${num(to - from + 1)} lines, ${what} (show)</summary>${segment}`);
      linesHtml(from, to);
      out.push('</div></details>');
    } else {
      out.push(segment);
      linesHtml(from, to);
      out.push('</div>');
    }
    u = v + 1;
  }
  return out.join('');
}
