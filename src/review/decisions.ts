// Every decision the normaliser (or the config) made about a story, as the review page marks it: where, what, why, and the config line that reverses it.
import type { OverrideMatch, RemovedItem } from '../normalise/types.js';
import { configLine, type ParagraphIndex } from './reverse.js';
import type { ReviewStory } from './types.js';

/** What kind of mark a decision gets (its label, icon and line style). */
export type DecisionKind = 'note' | 'disclaimer' | 'metadata' | 'title' | 'boilerplate' | 'break' | 'dropped' | 'heading' | 'repair' | 'spacer' | 'kept';

export interface Decision {
  kind: DecisionKind;
  /** Source lines it covers. */
  first: number;
  last: number;
  /** What happened, in words: `Author's note: moved to the notes`. */
  label: string;
  /** The rule that decided it and why. */
  rule: string;
  evidence: string;
  /** Text to show with it when the source lines do not hold it (control characters, a repair's before). */
  text?: string;
  /** The config line that reverses it, or where the config decided it. */
  reverse?: { line: string } | { configLine?: number; entry: string };
  removes: boolean;
}

/** The words a removed item's kind and action are shown with. */
export function labelOf(item: RemovedItem): { kind: DecisionKind; label: string } {
  const moved = item.action === 'moved';
  switch (item.kind) {
    case 'authorNote':
      return { kind: 'note', label: moved ? "Author's note: moved to the notes" : "Author's note: removed (notes: drop)" };
    case 'disclaimer':
      return { kind: 'disclaimer', label: 'Disclaimer: moved to the notices' };
    case 'metadata':
      return { kind: 'metadata', label: item.rule === 'summary' ? (moved ? "Summary: taken as the story's summary" : 'Summary: removed') : 'Site metadata: removed' };
    case 'titleLine':
      return { kind: 'title', label: moved ? 'Title line: taken as title/author' : 'Title line: removed' };
    case 'boilerplate':
      return { kind: 'boilerplate', label: item.rule === 'contents' ? 'Table of contents: removed' : 'Boilerplate: removed' };
    case 'sceneBreak':
      return item.action === 'converted' ? { kind: 'break', label: 'Scene break' } : { kind: 'dropped', label: 'Separator: dropped' };
    case 'controlChar':
      return { kind: 'repair', label: 'Control characters: removed' };
    case 'emptyLine':
      return { kind: 'spacer', label: 'Spacer line: removed' };
    case 'heading':
      return { kind: 'heading', label: 'Chapter heading' };
  }
}

/** Rules whose text is never story: no config line brings it back. */
const NEVER_STORY = new Set(['gutenberg', 'aozora', 'spacer', 'control-chars']);

/** Where the config decided it: the entry and its line (deleting the entry reverses it). */
export function configWhere(by: OverrideMatch | undefined): Decision['reverse'] {
  return by ? { ...(by.configLine !== undefined && { configLine: by.configLine }), entry: configLine(by.key, by.match) } : undefined;
}

/** The decisions about one text story, in source order. */
export function decisionsOf(story: ReviewStory, index: ParagraphIndex, configFile: string | undefined): Decision[] {
  const out: Decision[] = [];
  const decidedBy = (line: number, key: OverrideMatch['key']): OverrideMatch | undefined => (story.report.overrides ?? []).find((o) => o.key === key && o.lines.includes(line));
  const owners = new Map((story.disclaimers ?? []).map((d) => [d.line, d.owner]));
  for (const item of story.report.removed) {
    const { kind, label } = labelOf(item);
    const last = item.lastLine ?? item.line;
    let reverse: Decision['reverse'];
    if (item.rule === 'config') reverse = configWhere(decidedBy(item.line, item.kind === 'sceneBreak' ? 'breaks' : 'paratext'));
    else if (kind === 'dropped') reverse = /start|end of the story/.test(item.evidence) ? undefined : { line: configLine('breaks', item.line) };
    else if (kind === 'boilerplate') reverse = item.rule === 'contents' ? { line: configLine('keep', item.line) } : undefined;
    else if (!NEVER_STORY.has(item.rule)) reverse = { line: configLine('keep', index.entryFor(item.line)) };
    const owner = owners.get(item.line);
    const evidence = owner && (kind === 'disclaimer' || kind === 'note') ? `${item.evidence}; names the owner: ${owner}` : item.evidence;
    const showText = kind === 'repair' || kind === 'spacer' ? item.text : undefined;
    out.push({ kind, first: item.line, last, label, rule: item.rule, evidence, ...(showText !== undefined && { text: showText }), ...(reverse && { reverse }), removes: item.action !== 'converted' });
  }
  for (const h of story.headings) {
    const config = h.evidence?.startsWith('decided by the config');
    const reverse = config ? configWhere(decidedBy(h.line, 'headings')) : { line: configLine('keep', index.entryFor(h.line)) };
    out.push({ kind: 'heading', first: h.line, last: index.lastLine(h.line), label: `Heading, level ${h.level}${h.level === 2 ? '' : ' (inside a part)'}: “${h.text}”`, rule: config ? 'config' : 'heading', evidence: h.evidence ?? '', ...(reverse && { reverse }), removes: false });
  }
  for (const r of story.report.repairs) {
    if (r.line === undefined || r.kind === 'controlChar') continue;
    const label = r.kind === 'mojibake' ? 'Mojibake: repaired' : r.kind === 'encoding' ? `Decoded as ${r.after}` : 'Characters composed (NFC)';
    const evidence = r.kind === 'encoding' ? `this line is ${r.after} while the story is ${r.before}` : r.kind === 'nfc' ? 'decomposed accents written as one character each' : 'UTF-8 that had been read in another encoding';
    out.push({ kind: 'repair', first: r.line, last: r.line, label, rule: r.kind, evidence, ...(r.kind === 'mojibake' && { text: `was: ${r.before}` }), removes: false });
  }
  for (const o of story.report.overrides ?? []) {
    if (o.key !== 'keep') continue;
    for (const line of o.lines) {
      out.push({ kind: 'kept', first: line, last: index.lastLine(line), label: 'Kept as story text', rule: 'config', evidence: `decided by the config${configFile ? ` (${configFile}${o.configLine !== undefined ? `:${o.configLine}` : ''})` : ''}`, reverse: configWhere(o), removes: false });
    }
  }
  return out.sort((a, b) => a.first - b.first || a.last - b.last);
}
