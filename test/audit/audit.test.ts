// The lossless audit's word lists: typography-blind tokenising and the first-mismatch report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { auditText, auditTexts, auditWords, wordsOf, type WordsOptions } from '../../src/audit/index.ts';

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

/** What auditText must give: the audit of the word lists. */
const reference = (expected: string[], text: string, options: WordsOptions = {}) => auditWords(expected, wordsOf(text, options));

test('auditText: matching text, and mismatches at the start, middle and end', () => {
  const text = '“Don’t,” he said—“it’s 1914–1918… U.S.S.\u00A0whipcord-taut.”';
  const words = wordsOf(text);
  assert.deepEqual(auditText(words, text), { ok: true });
  assert.deepEqual(auditText([], ''), { ok: true });
  assert.deepEqual(auditText([], ' * * * — … '), { ok: true });
  const start = ['do', ...words.slice(1)];
  assert.deepEqual(auditText(start, text), { ok: false, index: 0, expected: ['do', 'he', 'said', "it's", '19141918', 'u'], actual: ["don't", 'he', 'said', "it's", '19141918', 'u'] });
  const middle = words.map((w) => (w === '19141918' ? '1914' : w));
  assert.deepEqual(auditText(middle, text), { ok: false, index: 4, expected: ['said', "it's", '1914', 'u', 's', 's', 'whipcordtaut'], actual: ['said', "it's", '19141918', 'u', 's', 's', 'whipcordtaut'] });
  const end = [...words.slice(0, -1), 'whipcord'];
  assert.deepEqual(auditText(end, text), { ok: false, index: 8, expected: ['s', 's', 'whipcord'], actual: ['s', 's', 'whipcordtaut'] });
  for (const expected of [start, middle, end]) assert.deepEqual(auditText(expected, text), reference(expected, text));
});

test('auditText: extra words in the text, and words missing from it', () => {
  assert.deepEqual(auditText(['a', 'b'], 'A b c d'), { ok: false, index: 2, expected: ['a', 'b'], actual: ['a', 'b', 'c', 'd'] });
  assert.deepEqual(auditText(['a', 'b', 'c', 'd'], 'A b'), { ok: false, index: 2, expected: ['a', 'b', 'c', 'd'], actual: ['a', 'b'] });
  assert.deepEqual(auditText(['a'], ''), { ok: false, index: 0, expected: ['a'], actual: [] });
  assert.deepEqual(auditText([], 'word'), { ok: false, index: 0, expected: [], actual: ['word'] });
  // Running out inside a chunk that makes several words, or with a word left in it.
  assert.deepEqual(auditText(['x', 'it'], "x it's--don't"), reference(['x', 'it'], "x it's--don't"));
  assert.deepEqual(auditText(['x', "it's"], "x it's--don't"), { ok: false, index: 2, expected: ['x', "it's"], actual: ['x', "it's", "don't"] });
  assert.deepEqual(auditText(['x', "it's", "don't", 'y'], "x it's--don't"), { ok: false, index: 3, expected: ["it's", "don't", 'y'], actual: ["it's", "don't"] });
  // A word that is a prefix of the text's word, and one that runs past it.
  assert.deepEqual(auditText(['ab', 'c'], 'abc'), reference(['ab', 'c'], 'abc'));
  assert.deepEqual(auditText(['abc d'], 'abc d'), reference(['abc d'], 'abc d'));
  // Line-end hyphens join only when asked.
  const pdf = 'an extraor-\ndinary whipcord-\ntaut day';
  assert.deepEqual(auditText(['an', 'extraordinary', 'whipcordtaut', 'day'], pdf, { joinLineEndHyphens: true }), { ok: true });
  assert.deepEqual(auditText(['an', 'extraordinary', 'whipcordtaut', 'day'], pdf), reference(['an', 'extraordinary', 'whipcordtaut', 'day'], pdf));
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
/** How `expected` differs from the text's own words: not at all, one word changed, removed or inserted, cut short or extended. */
const edit = fc.record({
  kind: fc.constantFrom('same', 'same', 'change', 'remove', 'insert', 'truncate', 'extend'),
  at: fc.nat(),
  word: fc.constantFrom('a', 'word', "don't", 'café', 'x\u{1D400}', 'Upper', ''),
});

function edited(words: string[], { kind, at, word }: { kind: string; at: number; word: string }): string[] {
  const i = at % (words.length + 1);
  const w = [...words];
  if (kind === 'change' && i < w.length) w[i] = w[i] === word ? `${word}x` : word;
  if (kind === 'change' && i === w.length) w.push(word);
  if (kind === 'remove') w.splice(Math.min(i, w.length - 1), 1);
  if (kind === 'insert') w.splice(i, 0, word);
  if (kind === 'truncate') w.length = i;
  if (kind === 'extend') w.push(...words.slice(0, i + 1), word);
  return w;
}

test('auditText gives what auditWords gives on the word list, for random texts and edits', () => {
  fc.assert(
    fc.property(text, options, edit, (t, opts, e) => {
      const expected = edited(wordsOf(t, opts), e);
      assert.deepEqual(auditText(expected, t, opts), reference(expected, t, opts));
    }),
    { numRuns: 3000, seed: 20260412 },
  );
});

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
      assert.deepEqual(auditTexts(expectedText, t, opts), auditWords(wordsOf(expectedText), wordsOf(t, opts)));
    }),
    { numRuns: 3000, seed: 20261204 },
  );
  assert.deepEqual(auditTexts('One “two” three—four', 'one "two" three - four'), { ok: true });
  assert.equal(auditTexts('one two three', 'one two').ok, false);
  assert.equal(auditTexts('one two', 'one two three').index, 2);
});

const SHERLOCK = path.resolve(import.meta.dirname, '../..', '../shared/corpus/sherlock-holmes.txt');

test('auditText: a real book matches its own words', { skip: !existsSync(SHERLOCK) && `${SHERLOCK} is absent` }, () => {
  const book = readFileSync(SHERLOCK, 'utf8').slice(100_000, 300_000);
  for (const opts of [{}, { joinLineEndHyphens: true }]) {
    const words = wordsOf(book, opts);
    assert.ok(words.length > 30_000, `${words.length} words`);
    assert.deepEqual(auditText(words, book, opts), { ok: true });
    const missing = [...words.slice(0, 20_000), ...words.slice(20_001)];
    assert.deepEqual(auditText(missing, book, opts), reference(missing, book, opts));
    // The same text against itself, read side by side (curly quotes against straight ones).
    assert.deepEqual(auditTexts(book, book.replace(/[‘’]/g, "'"), opts), { ok: true });
  }
});
