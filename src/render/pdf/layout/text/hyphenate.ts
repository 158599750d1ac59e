// Language hyphenation for line breaking: Liang's algorithm over the `hyphen` package's patterns (its break points, without its per-character text reader), cached per word.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Splits a word into syllable pieces where a line may break (empty result = no break points). */
export type Hyphenator = (word: string) => string[];

/** The `hyphen` package's pattern data: digit levels, a letter trie pointing into them, exception words. */
type Trie = { [letter: string]: Trie | number | [Trie, number] };
type Patterns = [levels: number[][], trie: Trie, exceptions?: Record<string, number[]>];

const LETTERS = /^[\p{L}\p{M}'’]+$/u;
/** `hyphen` hyphenates words of at least this many characters (its default, which quire used). */
const MIN_WORD_LENGTH = 5;
const NO_LETTERS: Trie = {};

/**
 * Break positions of one word (indexes into it), as `hyphen`'s hyphenateWord computes them: every pattern found
 * at every start in `.word.` raises the levels under it; odd levels are breaks, never in the first two or last two
 * positions of the (possibly grown) level list. Exceptions from the pattern file win.
 */
export function liangBreaks(word: string, patterns: Patterns): number[] {
  const lowered = word.toLocaleLowerCase();
  const exceptions = patterns[2];
  if (exceptions && Object.prototype.hasOwnProperty.call(exceptions, lowered)) return exceptions[lowered]!;
  const levelsTable = patterns[0];
  const dotted = `.${lowered}.`;
  // A plain array on purpose: patterns near the end may write past it (it grows, with NaN where it was empty).
  const levels: number[] = new Array(word.length + 1).fill(0);
  for (let start = 0; dotted.length - start >= 3; start++) {
    const at = start === 0 ? 0 : start - 1;
    let node: Trie = patterns[1];
    for (let j = start; j < dotted.length; j++) {
      const next = node[dotted[j]!];
      if (next === undefined) break;
      let index = -1;
      if (Array.isArray(next)) {
        node = next[0];
        index = next[1];
      } else if (typeof next === 'number') {
        node = NO_LETTERS;
        index = next;
      } else node = next;
      if (index < 0) continue;
      const pattern = levelsTable[index]!;
      for (let k = 0; k < pattern.length; k++) levels[at + k] = Math.max(pattern[k]!, levels[at + k]!);
    }
  }
  levels[0] = levels[1] = levels[levels.length - 1] = levels[levels.length - 2] = 0;
  const breaks: number[] = [];
  for (let i = 0; i < levels.length; i++) if ((levels[i]! & 1) === 1) breaks.push(i);
  return breaks;
}

/**
 * The letters of a word cut at its break points, the way `hyphen` treats text: runs of letters between
 * non-letters (here ’) are hyphenated separately, and only runs of at least five characters.
 */
export function syllables(letters: string, patterns: Patterns): string[] {
  const pieces: string[] = [''];
  for (const run of letters.split(/(’)/)) {
    if (run.length < MIN_WORD_LENGTH || run === '’') {
      pieces[pieces.length - 1] += run;
      continue;
    }
    let from = 0;
    for (const b of liangBreaks(run, patterns)) {
      pieces[pieces.length - 1] += run.slice(from, b);
      pieces.push('');
      from = b;
    }
    pieces[pieces.length - 1] += run.slice(from);
  }
  return pieces;
}

/** The `hyphen` patterns for a BCP 47 language tag, or undefined when it has none. */
export function patternsFor(language: string): Patterns | undefined {
  const tag = language.toLowerCase();
  const primary = tag.split('-')[0]!;
  for (const name of [tag, primary === 'en' ? 'en-us' : primary, primary]) {
    try {
      return (require(`hyphen/${name}`) as { patterns: Patterns }).patterns;
    } catch {
      /* try the next candidate */
    }
  }
  return undefined;
}

const hyphenators = new Map<string, Hyphenator | undefined>();

/** The hyphenator for a BCP 47 language tag (one per language and process), or undefined when `hyphen` has no patterns for it. */
export function hyphenatorFor(language: string): Hyphenator | undefined {
  const tag = language.toLowerCase();
  if (!hyphenators.has(tag)) hyphenators.set(tag, makeHyphenator(tag));
  return hyphenators.get(tag);
}

function makeHyphenator(language: string): Hyphenator | undefined {
  const patterns = patternsFor(language);
  if (!patterns) return undefined;
  const cache = new Map<string, string[]>();
  /** Syllables by letters: "said," and "Said." share the work (words differ mostly by punctuation and case). */
  const byLetters = new Map<string, string[]>();
  const hyphenate = (word: string): string[] => {
    let parts = cache.get(word);
    if (parts) return parts;
    // Words joined by a no-break space (“Mr. Merryweather”) stay on one line up to the last one's hyphenation points.
    const joined = NO_BREAK_SPACE.exec(word);
    if (joined) {
      const tail = hyphenate(word.slice(joined.index + 1));
      parts = tail.length ? [word.slice(0, joined.index + 1) + tail[0]!, ...tail.slice(1)] : [];
      cache.set(word, parts);
      return parts;
    }
    // Only the letters of a word are hyphenated; leading/trailing punctuation stays attached.
    const m = /^([^\p{L}]*)([\p{L}\p{M}'’]+)([^\p{L}]*)$/u.exec(word);
    // Patterns are for real words: very long strings are not hyphenated.
    if (!m || m[2]!.length < 5 || m[2]!.length > 60 || !LETTERS.test(m[2]!)) parts = [];
    else {
      let found = byLetters.get(m[2]!);
      if (!found) byLetters.set(m[2]!, (found = syllables(m[2]!, patterns)));
      const pieces = found.slice();
      // Keep at least two letters before and three after a break.
      while (pieces.length > 1 && pieces[0]!.length < 2) pieces.splice(0, 2, pieces[0]! + pieces[1]!);
      while (pieces.length > 1 && pieces[pieces.length - 1]!.length < 3) pieces.splice(-2, 2, pieces[pieces.length - 2]! + pieces[pieces.length - 1]!);
      if (pieces.length < 2) parts = [];
      else {
        pieces[0] = m[1]! + pieces[0]!;
        pieces[pieces.length - 1] = pieces[pieces.length - 1]! + m[3]!;
        parts = pieces;
      }
    }
    cache.set(word, parts);
    return parts;
  };
  return hyphenate;
}

/** The last no-break space (or narrow one) of a word. */
const NO_BREAK_SPACE = /[\u00a0\u202f](?!.*[\u00a0\u202f])/su;
