// Rule `title-line`: the story's title and byline written at its top (or repeated before a chapter), taken as its title and author.
import { headingForm } from './heading.js';
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
