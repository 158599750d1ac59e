// quire's Liang hyphenation gives the `hyphen` package's break points for every word of the corpus and for random letter strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { hyphenatorFor, patternsFor, syllables } from '../../src/render/pdf/layout/text/hyphenate.ts';

const require = createRequire(import.meta.url);
type HyphenateSync = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;

/** What the `hyphen` package itself makes of a run of letters (the reference). */
function reference(language: string): (letters: string) => string[] {
  const name = language === 'en' ? 'en-us' : language;
  const { hyphenateSync } = require(`hyphen/${name}`) as { hyphenateSync: HyphenateSync };
  return (letters) => hyphenateSync(letters, { hyphenChar: '\u00ad', minWordLength: 5 }).split('\u00ad');
}

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');
const SEEDS = path.resolve(import.meta.dirname, '../../seeds');

function wordsOf(dir: string): string[] {
  const words = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
    for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/[\p{L}\p{M}'’]+/gu)) words.add(m[0]);
  }
  return [...words];
}

test('English: the same syllables as `hyphen` for every distinct word of the seeds and the corpus', () => {
  const patterns = patternsFor('en')!;
  const expected = reference('en');
  const words = [...wordsOf(SEEDS), ...(existsSync(CORPUS) ? wordsOf(CORPUS) : []), 'associate', 'Associates', 'PRESENT', 'wouldn’t', 'o’clockwork', 'rock’n’roll'];
  assert.ok(words.length > 1000, `${words.length} words`);
  let differ = 0;
  for (const w of words) {
    const ours = syllables(w, patterns);
    const theirs = expected(w);
    if (ours.join('|') !== theirs.join('|') && differ++ < 5) assert.deepEqual(ours, theirs, w);
  }
  assert.equal(differ, 0);
});

test('random letter strings (any case, apostrophes, accents) in English, German and French', () => {
  for (const language of ['en', 'de', 'fr']) {
    const patterns = patternsFor(language)!;
    const expected = reference(language);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzAEIOUZäöüßéèàçœ’\''.split('')), { minLength: 1, maxLength: 24 }), (chars) => {
        const w = chars.join('');
        assert.deepEqual(syllables(w, patterns), expected(w));
      }),
      { numRuns: 3000 },
    );
  }
});

test('the hyphenator keeps two letters before and three after a break and leaves punctuation attached', () => {
  const h = hyphenatorFor('en-GB')!;
  assert.deepEqual(h('“extraordinarily,”'), ['“ex', 'traordin', 'ar', 'ily,”']);
  assert.deepEqual(hyphenatorFor('en')!('hyphenation'), ['hy', 'phen', 'ation']);
  assert.deepEqual(h('hyphenation'), ['hy', 'phen', 'a', 'tion'], 'British patterns for en-GB');
  assert.deepEqual(h('cat'), []);
  assert.deepEqual(h('x'.repeat(80)), []);
  assert.equal(hyphenatorFor('tlh'), undefined);
});

test('words joined by a no-break space keep together but the last one may still be hyphenated', () => {
  const h = hyphenatorFor('en')!;
  const parts = h('Mr.\u00a0Merryweather,');
  assert.ok(parts.length > 1, `“Mr. Merryweather,” has break points: ${JSON.stringify(parts)}`);
  assert.equal(parts.join(''), 'Mr.\u00a0Merryweather,');
  assert.ok(parts[0]!.startsWith('Mr.\u00a0Mer'), 'no break before or inside the first word');
  assert.deepEqual(h('St.\u202fIves'), [], 'a short last word has no break point');
});
