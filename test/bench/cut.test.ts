// Tests the many-stories cutter: pieces rejoin to the text, cuts fall on paragraph breaks, shares are fair.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { apportion, countWords, cutIntoStories, cutText } from '../../bench/cut.js';

const paragraph = fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 30 }).map((w) => w.join(' '));

test('cutText: pieces concatenate to the original text and each piece but the last ends at a blank line', () => {
  fc.assert(
    fc.property(fc.array(paragraph, { minLength: 1, maxLength: 40 }), fc.constantFrom('\n\n', '\r\n\r\n', '\n  \n'), fc.integer({ min: 1, max: 12 }), (paras, sep, parts) => {
      const text = paras.join(sep);
      const pieces = cutText(text, parts);
      assert.equal(pieces.join(''), text);
      assert.ok(pieces.length <= parts);
      assert.ok(pieces.length <= paras.length);
      for (const p of pieces.slice(0, -1)) assert.match(p, /\n[ \t]*\r?\n$/);
      for (const p of pieces) assert.ok(countWords(p) > 0, 'no empty piece');
    }),
  );
});

test('cutText: evenly sized paragraphs give evenly sized pieces', () => {
  const text = Array.from({ length: 100 }, (_, i) => `word${i} two three four`).join('\n\n');
  const pieces = cutText(text, 4);
  assert.deepEqual(pieces.map(countWords), [100, 100, 100, 100]);
});

test('cutText: a text without paragraph breaks stays whole', () => {
  assert.deepEqual(cutText('one two three\nfour five', 3), ['one two three\nfour five']);
});

test('apportion: shares sum to the count, follow the weights and give every source one', () => {
  assert.deepEqual(apportion([566, 464, 107, 29], 500), apportion([566, 464, 107, 29], 500));
  const shares = apportion([566, 464, 107, 29], 500);
  assert.equal(shares.reduce((a, b) => a + b, 0), 500);
  assert.ok(shares[0]! > shares[1]! && shares[1]! > shares[2]! && shares[2]! > shares[3]!);
  assert.deepEqual(apportion([1, 1000], 2), [1, 1]);
  assert.deepEqual(apportion([3, 1], 4), [3, 1]);
  assert.throws(() => apportion([1, 1, 1], 2), /cannot share/);
});

test('cutIntoStories: names each piece by source and part, in order', () => {
  const a = Array.from({ length: 30 }, (_, i) => `a${i} x y`).join('\n\n');
  const b = Array.from({ length: 10 }, (_, i) => `b${i} x y`).join('\n\n');
  const stories = cutIntoStories([{ name: 'a', text: a }, { name: 'b', text: b }], 4);
  assert.deepEqual(stories.map((s) => `${s.source}-${s.part}`), ['a-1', 'a-2', 'a-3', 'b-1']);
  assert.equal(stories.filter((s) => s.source === 'a').map((s) => s.text).join(''), a);
});
