// What paratext lines around a label look like: a label's value on the next lines, a menu's title, a note's emphasised sub-heading, a signature.
import type { Verdict } from './paratext-verdict.js';
import { fieldLabel, isScaffold, isShortValue, type Label } from './site-metadata.js';
import type { DraftBlock } from './state.js';
import { isListItem, plainText, wordCount, wrappingEmphasis } from './text-features.js';

/** What a label's line is: a field, a summary (kept as metadata), a note, the title or the author. */
export function labelVerdict(label: Label, value: string, evidence: string): Verdict {
  switch (label.role) {
    case 'summary':
      return { kind: 'metadata', rule: 'summary', evidence, ...(value && { summary: true }) };
    case 'note':
      return { kind: 'authorNote', rule: 'note-label', evidence };
    case 'title':
      return { kind: 'titleLine', rule: 'title-line', evidence, ...(value && { title: value }) };
    case 'author':
      return { kind: 'titleLine', rule: 'byline', evidence, ...(value && { author: value }) };
    default:
      return { kind: 'metadata', rule: 'site-metadata', evidence };
  }
}

/**
 * The value of a label standing alone on a line before paragraph `i`: one short line (or a list) for a field; up to
 * three paragraphs for a summary or notes label, when a label, heading or break closes them.
 */
export function labelValue(blocks: DraftBlock[], i: number): Verdict | undefined {
  const text = blocks[i]!.text;
  for (let j = i - 1, distance = 1; j >= 0 && distance <= 30; j--, distance++) {
    const b = blocks[j]!;
    if (b.kind !== 'paragraph') return undefined;
    const label = fieldLabel(b.text);
    if (label) {
      if (label.value !== '') return undefined;
      const evidence = `the value of "${label.label}"`;
      if (label.role === 'summary' || label.role === 'note') return distance === 1 || (distance <= 3 && closedAfter(blocks, i)) ? labelVerdict(label, text, evidence) : undefined;
      if (distance === 1 ? isShortValue(text) : isListItem(text) && blocks.slice(j + 1, i).every((x) => isListItem(x.text))) {
        const verdict = labelVerdict(label, text, evidence);
        if (label.role === 'title') verdict.title = plainText(text);
        if (label.role === 'author') verdict.author = plainText(text).replace(/^[-*•]\s+/, '');
        return verdict;
      }
      return undefined;
    }
    if (!isListItem(b.text) && distance >= 3) return undefined;
  }
  return undefined;
}

/** A field label just before or after paragraph `i` (two fields make a metadata block). */
export function besideField(blocks: DraftBlock[], i: number): boolean {
  return [blocks[i - 1], blocks[i + 1], blocks[i + 2]].some((b) => b?.kind === 'paragraph' && fieldLabel(b.text)?.role === 'field');
}

/** After paragraph `i` comes a label, a heading, a break or the end: a summary ends there. */
function closedAfter(blocks: DraftBlock[], i: number): boolean {
  const next = blocks[i + 1];
  return !next || next.kind !== 'paragraph' || fieldLabel(next.text) !== undefined || isSubheading(next.text) || isScaffold(next.text);
}

/** A short label line set whole in emphasis (`**Optional links:**`, `**So what is X?**`): a note's own heading. */
export function isSubheading(text: string): boolean {
  return wrappingEmphasis(text) !== undefined && wordCount(text) <= 8 && /[:?：]\W*$/.test(plainText(text));
}

/** A short line right above a list of short items: a menu's title (among site fields). */
export function isMenuLabel(blocks: DraftBlock[], i: number): boolean {
  const text = blocks[i]!.text;
  const next = blocks[i + 1];
  return wordCount(text) <= 3 && !isListItem(text) && !/[.!?]$/.test(text) && next?.kind === 'paragraph' && isListItem(next.text) && wordCount(next.text) <= 6;
}

/** A name alone (`Lisa`, `- Moon`, `eure Lisa`, `Yours, Ann`): how a note to readers is signed. */
export function isSignature(text: string): boolean {
  const t = plainText(text);
  return t.length <= 40 && /^(?:[-–—~]+\s*)?(?:(?:your|yours|love|eure?r?|deine?|dein|votre|vos|ta|ton|tu|vuestra|vuestro|su)\s+)?(?:\p{Lu}\.\s*)*\p{Lu}[\p{L}\p{N}_'’-]*(?:\s+(?:\p{Lu}\.\s*)*\p{Lu}[\p{L}'’-]*)?\s*[~!♥❤]*$/u.test(t);
}
