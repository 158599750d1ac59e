// WordTable keeps every word's bytes intact in one arena as it grows; ContentBytes.putRange copies them out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContentBytes, latin1Bytes } from '../../src/render/pdf/paint/content-bytes.ts';
import { hashStep, POSITIONED, WordTable } from '../../src/render/pdf/paint/word-table.ts';

test('entries read back byte for byte after the arena and the index grow; positioned words have no bytes', () => {
  const table = new WordTable();
  const words = Array.from({ length: 9000 }, (_, i) => `w${i}`);
  const tj = (i: number): string => `(${String.fromCharCode(i & 0xff, (i >> 8) & 0xff)}\\() ${i % 7 ? '' : '-25 '}`.repeat(1 + (i % 40));
  const entries = words.map((w, i) => table.add(w, i % 1000 === 999 ? null : tj(i)));
  const out = new ContentBytes(8);
  words.forEach((w, i) => {
    const e = table.entries.get(w)!;
    assert.equal(e, entries[i]);
    if (i % 1000 === 999) return assert.equal(e, POSITIONED);
    out.putRange(table.bytes, table.offsets[e]!, table.lengths[e]!);
    assert.deepEqual(out.take(), latin1Bytes(tj(i)), w);
  });
});

test('the recent-words cache answers only for the very word at that place in the text, whatever the hash', () => {
  const table = new WordTable();
  const hash = (w: string): number => [...w].reduce((h, c) => hashStep(h, c.charCodeAt(0)), 0);
  const e = table.add('harbour', '(ab) ');
  table.remember('harbour', hash('harbour'), e);
  const text = 'the harbour lights harbours';
  assert.equal(table.recent(text, 4, 11, hash('harbour')), e);
  assert.equal(table.recent(text, 19, 27, hash('harbours')), undefined, 'a longer word is not the cached one');
  assert.equal(table.recent(text, 0, 3, hash('harbour')), undefined, 'a different word with a colliding hash is not the cached one');
  assert.equal(table.recent('harbouR', 0, 7, hash('harbour')), undefined);
});
