// Tests the watch cache: same bytes and options reuse one result; any change of bytes or options normalises again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NormaliseCache } from '../../src/pipeline/normalise-cache.js';
import type { NormaliseOptions, NormalisedStory } from '../../src/normalise/types.js';

function fakeNormaliser() {
  const calls: string[] = [];
  const fn = (bytes: Uint8Array, options: NormaliseOptions): NormalisedStory => {
    const text = Buffer.from(bytes).toString('utf8');
    calls.push(`${options.file}:${text}`);
    return { markdown: `${options.idPrefix} ${text}`, frontMatter: { title: options.title ?? '', author: [], source: options.file, encoding: 'utf-8', language: options.language }, encoding: 'utf-8', removed: [], repairs: [], sceneBreaks: 0, words: text.split(/\s+/), wordText: text, messages: [] };
  };
  return { fn, calls };
}

const opts = (over: Partial<NormaliseOptions> = {}): NormaliseOptions => ({ file: 'a.txt', language: 'en', notes: 'endnotes', title: 'A', idPrefix: 's01', ...over });
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

test('same bytes and options: the first result is returned again without normalising', () => {
  const { fn, calls } = fakeNormaliser();
  const cache = new NormaliseCache(fn);
  const first = cache.normalise(bytes('one two'), opts());
  const again = cache.normalise(bytes('one two'), opts());
  assert.equal(again, first);
  assert.equal(calls.length, 1);
  assert.deepEqual(cache.takeCounts(), { hits: 1, misses: 1 });
  assert.deepEqual(cache.takeCounts(), { hits: 0, misses: 0 });
});

test('changed bytes or any changed option normalise again', () => {
  const { fn, calls } = fakeNormaliser();
  const cache = new NormaliseCache(fn);
  cache.normalise(bytes('one two'), opts());
  cache.normalise(bytes('one two!'), opts());
  cache.normalise(bytes('one two'), opts({ language: 'fr' }));
  cache.normalise(bytes('one two'), opts({ notes: 'keep' }));
  cache.normalise(bytes('one two'), opts({ idPrefix: 's02' }));
  cache.normalise(bytes('one two'), opts({ title: 'B' }));
  cache.normalise(bytes('one two'), opts({ authors: ['X'] }));
  cache.normalise(bytes('one two'), opts({ summary: 'S' }));
  cache.normalise(bytes('one two'), opts({ file: 'b.txt' }));
  assert.equal(calls.length, 9);
  assert.deepEqual(cache.takeCounts(), { hits: 0, misses: 9 });
});

test('sweep forgets results not used since the previous sweep', () => {
  const { fn, calls } = fakeNormaliser();
  const cache = new NormaliseCache(fn);
  cache.normalise(bytes('a'), opts());
  cache.normalise(bytes('b'), opts({ file: 'b.txt' }));
  cache.sweep();
  assert.equal(cache.size, 2);
  cache.normalise(bytes('a'), opts());
  cache.sweep();
  assert.equal(cache.size, 1);
  cache.normalise(bytes('b'), opts({ file: 'b.txt' }));
  assert.equal(calls.length, 3);
});
