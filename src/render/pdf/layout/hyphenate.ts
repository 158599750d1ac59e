// Language hyphenation for line breaking: Liang patterns from the `hyphen` package, cached per word.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type HyphenateSync = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;

/** Splits a word into syllable pieces where a line may break (empty result = no break points). */
export type Hyphenator = (word: string) => string[];

const LETTERS = /^[\p{L}\p{M}'’]+$/u;

/** The hyphenator for a BCP 47 language tag, or undefined when `hyphen` has no patterns for it. */
export function hyphenatorFor(language: string): Hyphenator | undefined {
  const tag = language.toLowerCase();
  const primary = tag.split('-')[0]!;
  const candidates = [tag, primary === 'en' ? 'en-us' : primary, primary];
  let fn: HyphenateSync | undefined;
  for (const name of candidates) {
    try {
      fn = (require(`hyphen/${name}`) as { hyphenateSync: HyphenateSync }).hyphenateSync;
      break;
    } catch {
      /* try the next candidate */
    }
  }
  if (!fn) return undefined;
  const hyphenateSync = fn;
  const cache = new Map<string, string[]>();
  return (word: string): string[] => {
    let parts = cache.get(word);
    if (parts) return parts;
    // Only the letters of a word are hyphenated; leading/trailing punctuation stays attached.
    const m = /^([^\p{L}]*)([\p{L}\p{M}'’]+)([^\p{L}]*)$/u.exec(word);
    // Patterns are for real words: very long strings (which the pattern code handles in quadratic time) are not hyphenated.
    if (!m || m[2]!.length < 5 || m[2]!.length > 60 || !LETTERS.test(m[2]!)) parts = [];
    else {
      const pieces = hyphenateSync(m[2]!, { hyphenChar: '\u00ad', minWordLength: 5 }).split('\u00ad');
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
}
