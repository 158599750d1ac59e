// The lossless audit's word lists: typography-blind tokenising and the first-mismatch report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditWords, wordsOf } from '../../src/audit/index.ts';

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
