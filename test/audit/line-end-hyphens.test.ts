// joinLineEndHyphens (the PDF audit's rejoining of words hyphenated at a line end) against the regex it replaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinLineEndHyphens, LINE_END_HYPHEN, wordsOf } from '../../src/audit/index.ts';

const byRegex = (text: string): string => text.replace(LINE_END_HYPHEN, '$1');

/** Letters, digits, marks, astral letters and symbols, lone surrogates, the three hyphens, an en dash, spacing and breaks. */
const ALPHABET = ['a', 'Z', '7', 'é', '\u0301', 'ß', '\u{1D400}', '\u{1F600}', '\uD800', '\uDC00', '-', '-', '\u2010', '\u2011', '\u2013', ' ', ' ', '\n', '\n', '\t', '\u00A0', '\u2028', '\r', '.', '\u3000', 'ж'];

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('joinLineEndHyphens gives what the regex gives, on 20,000 random texts', () => {
  for (let seed = 1; seed <= 20_000; seed++) {
    const next = random(seed);
    const length = Math.floor(next() * 24);
    let text = '';
    for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)]!;
    assert.equal(joinLineEndHyphens(text), byRegex(text), `seed ${seed}: ${JSON.stringify(text)}`);
  }
});

test('joinLineEndHyphens: hand-picked cases', () => {
  const cases = [
    'an extraor-\ndinary whipcord-\n  taut day',
    'a-\nb-\nc-\nd',
    '-\nword at the start',
    'ends with a hyphen-\n',
    'no break- here',
    'two breaks-\n\n\nstill joined',
    'a digit 1-\n2 and a dash \u2013\nnot',
    'astral \u{1D400}-\n\u{1D401} letters, \u{1F600}-\nsmiley',
    'a lone \uDC00-\nsurrogate',
    'soft\u2010\nhyphen and non\u2011\nbreaking',
  ];
  for (const text of cases) assert.equal(joinLineEndHyphens(text), byRegex(text), JSON.stringify(text));
  assert.equal(joinLineEndHyphens('an extraor-\ndinary day'), 'an extraordinary day');
  assert.deepEqual(wordsOf('a whipcord-\ntaut day', { joinLineEndHyphens: true }), ['a', 'whipcordtaut', 'day']);
});
