// Lossless audit: tokenise text into comparable words (ignoring typography) and find the first mismatch between two word lists.

export interface WordsOptions {
  /** Join a word split by a hyphen at the end of a line (`extraor-\ndinary`), as in PDF text. Off by default. */
  joinLineEndHyphens?: boolean;
}

export interface AuditResult {
  ok: boolean;
  /** Index in `expected` of the first differing word. */
  index?: number;
  /** A few words of context from each side, starting a little before the mismatch. */
  expected?: string[];
  actual?: string[];
}

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u02BC\u0060\u00B4\u2032]/g;
const LINE_END_HYPHEN = /([\p{L}\p{N}])[-\u2010\u2011]\s*\n\s*(?=[\p{L}\p{N}])/gu;
/** Anything that is not part of a word: letters, digits, marks, and the joiners ' - ‐ ‑ – . */
const SEPARATOR = /[^\p{L}\p{N}\p{M}'\-\u2010\u2011\u2013.]+/u;
/** Inside a candidate: ellipses, double hyphens and doubled quotes split words too. */
const INNER_SEPARATOR = /\.{2,}|[-\u2010\u2011\u2013]{2,}|'{2,}/;
const EDGE = /^['.\-\u2010\u2011\u2013]+|['.\-\u2010\u2011\u2013]+$/g;
const JOINER = /[-\u2010\u2011\u2013]/g;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The words of a text, compared case-insensitively and ignoring typography: curly and straight quotes,
 * em dashes, ellipses and spacing all separate words; hyphens and en dashes inside a word are dropped
 * (`whipcord-taut` → `whipcordtaut`, `1914–1918` → `19141918`), so `- ` → `—` and `...` → `…` never change
 * the list. Pure punctuation is not a word.
 */
export function wordsOf(text: string, options: WordsOptions = {}): string[] {
  let t = text.normalize('NFC').replace(INVISIBLE, '');
  if (options.joinLineEndHyphens) t = t.replace(LINE_END_HYPHEN, '$1');
  t = t.replace(SINGLE_QUOTES, "'");
  const words: string[] = [];
  for (const chunk of t.split(SEPARATOR)) {
    if (!chunk) continue;
    for (const piece of chunk.split(INNER_SEPARATOR)) {
      const word = piece.replace(EDGE, '');
      if (!word || !HAS_WORD_CHAR.test(word)) continue;
      words.push(word.replace(JOINER, '').toLowerCase());
    }
  }
  return words;
}

const CONTEXT = 6;

/** Compare two word lists; on a difference, give its index and a little context from both. */
export function auditWords(expected: string[], actual: string[]): AuditResult {
  const n = Math.min(expected.length, actual.length);
  let i = 0;
  while (i < n && expected[i] === actual[i]) i++;
  if (i === expected.length && i === actual.length) return { ok: true };
  const from = Math.max(0, i - 2);
  return { ok: false, index: i, expected: expected.slice(from, i + CONTEXT), actual: actual.slice(from, i + CONTEXT) };
}
