// The lossless audit's word lists: typography-blind tokenising and the first-mismatch report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { auditTexts, auditWords, countWords, wordsOf, wordTally, type WordsOptions } from '../../src/audit/index.ts';

test('wordsOf ignores quotes, dashes, ellipses, spacing and case', () => {
  const plain = `"Don't," he said -- "it's 1914-1918... U.S.S. whipcord-taut."`;
  const typeset = '“Don’t,” he said—“it’s 1914–1918… U.S.S.\u00A0whipcord-taut.”';
  assert.deepEqual(wordsOf(plain), wordsOf(typeset));
  assert.deepEqual(wordsOf(plain), ['don\'t', 'he', 'said', 'it\'s', '19141918', 'u', 's', 's', 'whipcordtaut']);
});

test('wordsOf drops pure punctuation, soft hyphens and zero-width characters', () => {
  assert.deepEqual(wordsOf('* * * — … -- ! ?'), []);
  assert.deepEqual(wordsOf('extra\u00ADordinary zero\u200Bwidth'), ['extraordinary', 'zerowidth']);
});

test('wordsOf joins end-of-line hyphenation only when asked', () => {
  const pdf = 'an extraor-\ndinary whipcord-\ntaut day';
  assert.deepEqual(wordsOf(pdf), ['an', 'extraor', 'dinary', 'whipcord', 'taut', 'day']);
  assert.deepEqual(wordsOf(pdf, { joinLineEndHyphens: true }), ['an', 'extraordinary', 'whipcordtaut', 'day']);
  assert.deepEqual(wordsOf(pdf, { joinLineEndHyphens: true }), wordsOf('an extraordinary whipcord-taut day'));
});

test('wordsOf composes Unicode (NFC) so decomposed and composed text compare equal', () => {
  assert.deepEqual(wordsOf('Cafe\u0301'), wordsOf('Café'));
  assert.deepEqual(wordsOf('Café naïve'), ['café', 'naïve']);
});

test('auditWords reports the first mismatch with context', () => {
  assert.deepEqual(auditWords(['a', 'b', 'c'], ['a', 'b', 'c']), { ok: true });
  const r = auditWords(['one', 'two', 'three', 'four', 'five'], ['one', 'two', 'three', 'five']);
  assert.equal(r.ok, false);
  assert.equal(r.index, 3);
  assert.deepEqual(r.expected, ['two', 'three', 'four', 'five']);
  assert.deepEqual(r.actual, ['two', 'three', 'five']);
  const short = auditWords(['a', 'b'], ['a']);
  assert.equal(short.ok, false);
  assert.equal(short.index, 1);
});

/** What auditTexts must give: the audit of the two texts' word lists. */
const reference = (expectedText: string, text: string, options: WordsOptions = {}) => auditWords(wordsOf(expectedText), wordsOf(text, options));

test('auditTexts: matching text, and mismatches at the start, middle and end', () => {
  const text = '“Don’t,” he said—“it’s 1914–1918… U.S.S.\u00A0whipcord-taut.”';
  const words = wordsOf(text);
  assert.deepEqual(auditTexts(text, text), { ok: true });
  assert.deepEqual(auditTexts(words.join(' '), text), { ok: true });
  assert.deepEqual(auditTexts('', ''), { ok: true });
  assert.deepEqual(auditTexts('', ' * * * — … '), { ok: true });
  const start = ['do', ...words.slice(1)].join(' ');
  assert.deepEqual(auditTexts(start, text), { ok: false, index: 0, expected: ['do', 'he', 'said', "it's", '19141918', 'u'], actual: ["don't", 'he', 'said', "it's", '19141918', 'u'] });
  const middle = words.map((w) => (w === '19141918' ? '1914' : w)).join(' ');
  assert.deepEqual(auditTexts(middle, text), { ok: false, index: 4, expected: ['said', "it's", '1914', 'u', 's', 's', 'whipcordtaut'], actual: ['said', "it's", '19141918', 'u', 's', 's', 'whipcordtaut'] });
  const end = [...words.slice(0, -1), 'whipcord'].join(' ');
  assert.deepEqual(auditTexts(end, text), { ok: false, index: 8, expected: ['s', 's', 'whipcord'], actual: ['s', 's', 'whipcordtaut'] });
  for (const expected of [start, middle, end]) assert.deepEqual(auditTexts(expected, text), reference(expected, text));
});

test('auditTexts: extra words in the text, and words missing from it', () => {
  assert.deepEqual(auditTexts('a b', 'A b c d'), { ok: false, index: 2, expected: ['a', 'b'], actual: ['a', 'b', 'c', 'd'] });
  assert.deepEqual(auditTexts('a b c d', 'A b'), { ok: false, index: 2, expected: ['a', 'b', 'c', 'd'], actual: ['a', 'b'] });
  assert.deepEqual(auditTexts('a', ''), { ok: false, index: 0, expected: ['a'], actual: [] });
  assert.deepEqual(auditTexts('', 'word'), { ok: false, index: 0, expected: [], actual: ['word'] });
  // Running out inside a chunk that makes several words, or with a word left in it.
  assert.deepEqual(auditTexts('x it', "x it's--don't"), reference('x it', "x it's--don't"));
  assert.deepEqual(auditTexts("x it's", "x it's--don't"), { ok: false, index: 2, expected: ['x', "it's"], actual: ['x', "it's", "don't"] });
  assert.deepEqual(auditTexts("x it's don't y", "x it's--don't"), { ok: false, index: 3, expected: ["it's", "don't", 'y'], actual: ["it's", "don't"] });
  // A word that is a prefix of the text's word.
  assert.deepEqual(auditTexts('ab c', 'abc'), reference('ab c', 'abc'));
  // Line-end hyphens join only when asked.
  const pdf = 'an extraor-\ndinary whipcord-\ntaut day';
  assert.deepEqual(auditTexts('an extraordinary whipcord-taut day', pdf, { joinLineEndHyphens: true }), { ok: true });
  assert.deepEqual(auditTexts('an extraordinary whipcord-taut day', pdf), reference('an extraordinary whipcord-taut day', pdf));
});

test('countWords counts the words wordsOf makes', () => {
  for (const t of ['', ' * * * — … ', '“Don’t,” he said—“it’s 1914–1918… U.S.S.\u00A0whipcord-taut.”', "x it's--don't", 'Cafe\u0301 \u{1D400}x İ']) assert.equal(countWords(t), wordsOf(t).length, t);
});

/** Words, spacing, line-end hyphens, quotes, apostrophes, dashes, combining marks, astral characters, soft hyphens, upper case. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z]{1,6}$/) },
  { weight: 3, arbitrary: fc.constantFrom(' ', ' ', '\n', '\n\n', '\t', '\u00A0') },
  {
    weight: 4,
    arbitrary: fc.constantFrom('-\n', '-\n  ', '\u2010\n', '-', '--', '\u2013', '—', '"', '“', '”', "'", '’', '‘', "''", '.', '...', '…', ',', '\u0301', 'e\u0301', 'Cafe\u0301', '\u{1D400}', '\u{1F600}', '\u00AD', '\u200B', 'ÉCOLE', 'Naïve', 'DON’T', "'em", '1914–1918', 'U.S.S.', 'whipcord-taut', 'İ', 'ß', '\uD800'),
  },
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const options = fc.record({ joinLineEndHyphens: fc.boolean() });
/** A second text made from the first one's pieces: the same, in capitals, with spacing changed, or with a piece removed, inserted or replaced. */
const pieces = fc.array(piece, { maxLength: 40 });
const textEdit = fc.record({ kind: fc.constantFrom('same', 'same', 'upper', 'spacing', 'remove', 'insert', 'replace'), at: fc.nat(), piece });

function editedText(parts: string[], { kind, at, piece: p }: { kind: string; at: number; piece: string }): string {
  const i = at % (parts.length + 1);
  const w = [...parts];
  if (kind === 'upper') return w.join('').toUpperCase();
  if (kind === 'spacing') return w.join('').replace(/ /g, '\n').replace(/\n\n/g, ' \n ');
  if (kind === 'remove') w.splice(i, 1);
  if (kind === 'insert') w.splice(i, 0, p);
  if (kind === 'replace') w.splice(i, 1, p);
  return w.join('');
}

test('auditTexts gives what auditWords gives on both texts\' word lists, for random texts and edits', () => {
  fc.assert(
    fc.property(pieces, textEdit, options, (parts, e, opts) => {
      const expectedText = parts.join('');
      const t = editedText(parts, e);
      const reference = auditWords(wordsOf(expectedText), wordsOf(t, opts));
      assert.deepEqual(auditTexts(expectedText, t, opts), reference);
      assert.equal(countWords(t), wordsOf(t).length);
      // Given the expected words' tally, the same result; two texts have one digest exactly when their words are the same.
      const expected = { text: expectedText, ...wordTally(expectedText) };
      assert.deepEqual(auditTexts(expected, t, opts), reference);
      assert.equal(wordTally(t, opts).wordDigest === expected.wordDigest, reference.ok);
    }),
    { numRuns: 3000, seed: 20261204 },
  );
  assert.deepEqual(auditTexts('One “two” three—four', 'one "two" three - four'), { ok: true });
  assert.equal(auditTexts('one two three', 'one two').ok, false);
  assert.equal(auditTexts('one two', 'one two three').index, 2);
});

const SHERLOCK = path.resolve(import.meta.dirname, '../..', '../shared/corpus/sherlock-holmes.txt');

test('auditTexts and countWords: a real book matches its own words', { skip: !existsSync(SHERLOCK) && `${SHERLOCK} is absent` }, () => {
  const book = readFileSync(SHERLOCK, 'utf8').slice(100_000, 300_000);
  const words = wordsOf(book);
  assert.ok(words.length > 30_000, `${words.length} words`);
  assert.equal(countWords(book), words.length);
  assert.deepEqual(auditTexts(book, book), { ok: true });
  const missing = [...words.slice(0, 20_000), ...words.slice(20_001)].join(' ');
  assert.deepEqual(auditTexts(missing, book), reference(missing, book));
  for (const opts of [{}, { joinLineEndHyphens: true }]) {
    // The same text against itself, read side by side (curly quotes against straight ones).
    assert.deepEqual(auditTexts(book, book.replace(/[‘’]/g, "'"), opts), { ok: true });
  }
  // By the tally: the book's words in other typography and case have its digest; a word fewer, another one.
  const tally = wordTally(book);
  assert.deepEqual(wordTally(book.replace(/[‘’]/g, "'").toUpperCase()), tally);
  assert.deepEqual(tally.wordCount, words.length);
  assert.notEqual(wordTally(missing).wordDigest, tally.wordDigest);
  assert.deepEqual(auditTexts({ text: missing, ...wordTally(missing) }, book), reference(missing, book));
});

test('emoji and symbols are words (an emoji-only story is a story); punctuation alone is not', () => {
  assert.deepEqual(wordsOf('🚀✨ then 🌊, and ♥ © ☀.'), ['🚀✨', 'then', '🌊', 'and', '♥', '©', '☀']);
  assert.equal(countWords('🚀 🌊'), 2);
  assert.equal(countWords('… !? — *'), 0);
});
