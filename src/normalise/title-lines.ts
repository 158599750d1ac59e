// Rule `title-line`: the story's title and byline written at its top (or repeated before a chapter), taken as its title and author.
import { headingForm } from './heading.js';
import { isNoteStart, isStrongDisclaimer } from './paratext-rules.js';
import { ellipsis, type Verdict } from './paratext-verdict.js';
import { fieldLabel, isFlair, isScaffold } from './site-metadata.js';
import type { DraftBlock } from './state.js';
import { hasDialogue, isListItem, plainText, skeleton, unwrapLine, wordCount } from './text-features.js';

/** `By X`, `by X`, `von X`, `par X`, `por X`, `Written by X`, `作者：X`: the name, or undefined. */
export function bylineName(text: string): string | undefined {
  const t = plainText(unwrapLine(text).text);
  const m = /^(?:(?:written|story|a\s+story|a\s+fanfic(?:tion)?)\s+by|by|von|par|por|de|geschrieben\s+von|écrit(?:e)?\s+par|escrit[oa]\s+por|作者|著者|作)\s*[:：]?\s+(.{1,60})$/iu.exec(t) ?? /^(?:作者|著者)\s*[:：]\s*(.{1,60})$/u.exec(t);
  if (!m) return undefined;
  const name = m[1]!.trim().replace(/[.,;]$/, '');
  // `Leo Tolstoy/Tolstoi`, `Alexandre Dumas [père]`, `Ann Smith and Jo Brown`: every part a name.
  const parts = name.replace(/\s*[[(][^\])]{1,20}[\])]/g, '').split(/\s*(?:\/|,|&|\band\b|\bund\b|\bet\b|\by\b)\s*/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => isNameLike(p) || /^\p{Lu}[\p{L}'’-]+$/u.test(p)) ? name : undefined;
}

/**
 * A personal name or a user name: up to five words, each capitalised or an initial (`M J Bradley`, `Jane
 * Doe`), or one handle with a digit, an underscore or inner capitals (`quiet_wraith`, `ACI100`, `xDarkAngelx`).
 */
export function isNameLike(text: string): boolean {
  const t = text.trim();
  if (t.length > 60 || /[!?"“”«»]/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length === 1) return /^[\p{L}\p{N}_.-]{2,40}$/u.test(t) && (/[\d_]/.test(t) || /\p{Ll}\p{Lu}/u.test(t) || /^\p{Lu}[\p{L}'’-]+$/u.test(t));
  if (words.length > 5) return false;
  return words.every((w) => /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.(?:\p{Lu}\.)*|(?:de|van|von|der|la|le|du|da|di|y|and|&)|[\p{L}\p{N}_.-]*[\d_][\p{L}\p{N}_.-]*)$/u.test(w));
}

/**
 * A line that can be a title: up to 15 words, no dialogue, not a chapter heading, no sentence end (a heading or a
 * line set whole in emphasis may end with a period). The cleaned title, or undefined.
 */
export function titleText(text: string, heading = false): string | undefined {
  if (text.length > 160 || isListItem(text)) return undefined;
  const { text: inner, markdownLevel } = unwrapLine(text);
  const t = plainText(inner);
  if (!/\p{L}/u.test(t) || wordCount(t) > 15 || hasDialogue(t) || /[,;:：]$/.test(t)) return undefined;
  if (headingForm(text)?.kind !== undefined && headingForm(text)!.kind !== 'markdown') return undefined;
  const framed = heading || markdownLevel !== undefined || inner !== text.trim();
  if (/[.!?…]$/.test(t) && !(framed && /\.$/.test(t))) return undefined;
  return cleanTitle(t);
}

/** `[Short story] Afterlife` → `Afterlife`; `Dungeon Engineer Ch. 1 - 2 Arcanasynthesis` → `Dungeon Engineer`; a final period goes. */
export function cleanTitle(text: string): string {
  const t = text
    .replace(/^(?:\\?\[[^\]]{1,30}\\?\]\s*|\([^)]{1,30}\)\s*)+/, '')
    .replace(/\s*[-–—:|,]?\s*(?:\(|\[)?\s*(?:ch\.|chap\.|chapter|chapters|part|pt\.|kapitel|chapitre|capítulo)\s*\d.*$/i, '')
    .replace(/\.$/, '')
    .trim();
  return t || text.trim();
}

/** The same title, whatever its case, markup or typography. */
export function sameTitle(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = skeleton(a);
  return x.length >= 3 && x === skeleton(b);
}

/** `by` alone on its line, in the story's languages. */
const BY = /^(?:by|von|par|por|di|door|av)$/i;

/** Where a title line is looked for, and what is known so far. */
export interface TitleContext {
  /** At the file's top (a new title may be found), or before/after a chapter heading (only repeats). */
  atTop: boolean;
  /** What was taken just before this line, in reading order. */
  previous?: Verdict;
  /** Titles the line may repeat: the text's own so far, the config's, the file name's. */
  known: Array<string | undefined>;
  /** The text has stated its title already (no second one is taken). */
  titled: boolean;
  language: string;
}

/** Site lines, labels, markers and bylines: what follows a title line at a file's top. */
function isStructure(text: string, language: string): boolean {
  return isScaffold(text) || fieldLabel(text) !== undefined || isNoteStart(text, language) || isStrongDisclaimer(text) || bylineName(text) !== undefined || isFlair(text);
}

/**
 * The first block, a heading that is no chapter heading (`## [OC] The Quiet Floor`), followed by more structure or
 * the only heading of its size in the text: the story's title.
 */
export function titleHeadingAt(blocks: DraftBlock[], i: number, language: string): Verdict | undefined {
  const b = blocks[i]!;
  const next = blocks[i + 1];
  const title = titleText(b.text, true);
  if (!title || !next || b.kind !== 'heading') return undefined;
  if (next.kind !== 'paragraph' || isStructure(next.text, language)) return { kind: 'titleLine', rule: 'title-line', evidence: 'a heading at the top of the file, above more headings or site lines', title };
  if (!blocks.some((x, k) => k !== i && x.kind === 'heading' && x.rank <= b.rank)) return { kind: 'titleLine', rule: 'title-line', evidence: 'a heading at the top of the file, the only one of its size', title };
  return undefined;
}

/**
 * A title or byline line: `By X` (or `VON` above `FRANZ KAFKA`); a name right after a title line; a title page's
 * imprint under them; a line repeating the story's title; at the file's top, a title-like line followed by a
 * byline, or the very first line followed by more structure.
 */
export function titleLineAt(blocks: DraftBlock[], i: number, c: TitleContext): Verdict | undefined {
  const text = blocks[i]!.text;
  if (text.length > 160) return undefined;
  const author = bylineName(text);
  if (author) return { kind: 'titleLine', rule: 'byline', evidence: `"${ellipsis(plainText(text))}" names the author`, author };
  const plain = plainText(unwrapLine(text).text);
  const next = blocks[i + 1];
  if (BY.test(plain) && next?.kind === 'paragraph' && isNameLike(plainText(next.text))) return { kind: 'titleLine', rule: 'byline', evidence: 'the word "by" above a name' };
  const previous = c.previous;
  if ((previous?.title || (previous?.rule === 'byline' && !previous.author)) && isNameLike(plain) && wordCount(plain) <= 5) return { kind: 'titleLine', rule: 'byline', evidence: 'a name right under the title', author: plain };
  // Under a title and byline at the top, the rest of a title page: a publisher, a place, a year, in capitals.
  if (c.atTop && previous?.kind === 'titleLine' && wordCount(plain) <= 8 && (plain === plain.toUpperCase() || /^(?:copyright|©|\(c\)|published|printed|gedruckt|verlag|éditions?|editorial|illustrated)/i.test(plain)) && /\p{L}|^\d{4}$/u.test(plain)) {
    return { kind: 'titleLine', rule: 'title-page', evidence: 'a title-page line under the title and byline' };
  }
  const title = titleText(text);
  if (!title) return undefined;
  const known = c.known.find((t) => sameTitle(t, title) || sameTitle(t, plain));
  if (known) return { kind: 'titleLine', rule: 'title-line', evidence: `repeats the story's title "${ellipsis(known)}"`, title };
  if (!c.atTop || c.titled) return undefined;
  if (next?.kind === 'paragraph' && (bylineName(next.text) || (isNameLike(plainText(next.text)) && wordCount(next.text) <= 5))) return { kind: 'titleLine', rule: 'title-line', evidence: 'a title line above a byline', title };
  const first = blocks.findIndex((b) => b.kind !== 'sceneBreak');
  if (i === first && next && (next.kind !== 'paragraph' || isStructure(next.text, c.language))) return { kind: 'titleLine', rule: 'title-line', evidence: 'the first line, above a heading or site lines', title };
  return undefined;
}
