// Typography properties: running it twice changes nothing, and it never changes a letter or digit of the text (so the lossless audit holds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { typeset } from '../../src/normalise/typography.ts';

/** The letters and digits of a text, in order, after compatibility decomposition (`½` → `1⁄2`, so `1/2` → `½` keeps `12`). */
function skeleton(text: string): string {
  return text.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');
}

const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('the', 'Spock', 'captain', 'venu', 'enfin', 'été', 'don’t', 'l’univers', 'Mr.', 'Mrs.', 'Dr.', 'St.', 'Baker', 'Mount', 'No.', 'M.', 'Mme', 'D', 'x', 'km', '%', '°C', 'p.m.', 'AM', 'h', 'e', 'tis', 'Twixt', 'em', 'n', 'cause') },
  { weight: 2, arbitrary: fc.constantFrom('5', '10', '1964', '2009', '07', '80s', '8.5', '1/2', '3/4', '1/2/2020', '24/7', '½', '2,5', '-5', '+-2') },
  {
    weight: 5,
    arbitrary: fc.constantFrom('"', "'", '`', '``', "''", '-', '--', '---', '----', '—', '——', '―', '–', '...', '. . .', '…', '!', '?', '!?', '?!', ';', ':', ',', '.', '(', ')', '[', ']', '«', '»', '‹', '›', '“', '”', '‘', '’', '′', '″', '*', '_', '<!--', '-->', ':\'(', '/', '='),
  },
);
const space = fc.constantFrom('', '', ' ', ' ', ' ', '  ', '\u00A0', '\u202F', '\t');
const paragraph = fc.array(fc.tuple(token, space), { minLength: 1, maxLength: 30 }).map((parts) => parts.map(([t, s]) => t + s).join(''));
const language = fc.constantFrom('en', 'fr');

test('typography is idempotent: typesetting typeset text changes nothing', () => {
  fc.assert(
    fc.property(paragraph, language, (text, lang) => {
      const once = typeset(text, lang);
      assert.equal(typeset(once, lang), once);
    }),
    { numRuns: 3000, seed: 23 },
  );
});

test('typography never changes a letter or digit (the words the lossless audit compares)', () => {
  fc.assert(
    fc.property(paragraph, language, (text, lang) => {
      assert.equal(skeleton(typeset(text, lang)), skeleton(text));
    }),
    { numRuns: 3000, seed: 2323 },
  );
});
