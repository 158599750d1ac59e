// Tests the watch cache of story jobs: same bytes and options reuse one result, wherever the job would have run; any change of bytes or options makes the story again; a failed job is not kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NormaliseCache } from '../../src/pipeline/normalise-cache.js';
import type { NormaliseOptions } from '../../src/normalise/types.js';
import type { Scheduler } from '../../src/parallel/pool.js';
import type { PreparedStory, StoryInput } from '../../src/pipeline/story-task.js';

/** Story jobs that make a stand-in result, noting where each ran. */
function fakeJobs() {
  const calls: string[] = [];
  const make = (where: string) => async (input: StoryInput): Promise<PreparedStory> => {
    const text = Buffer.from(input.bytes).toString('utf8');
    if (text === 'fail') throw new Error('cannot');
    calls.push(`${where} ${input.options.file}:${text}`);
    return { normalised: { markdown: `${input.options.idPrefix} ${text}`, frontMatter: { title: input.options.title ?? '', author: [], source: input.options.file, encoding: 'utf-8', language: input.options.language }, encoding: 'utf-8', removed: [], repairs: [], sceneBreaks: 0, wordCount: 1, wordText: text, messages: [] } } as PreparedStory;
  };
  const jobs: Scheduler<StoryInput, PreparedStory> = { worth: () => true, beside: make('beside'), here: make('here') };
  return { jobs, calls };
}

const opts = (over: Partial<NormaliseOptions> = {}): NormaliseOptions => ({ file: 'a.txt', language: 'en', notes: 'endnotes', title: 'A', idPrefix: 's01', ...over });
const input = (s: string, over: Partial<NormaliseOptions> = {}, rest: Partial<StoryInput> = {}): StoryInput => ({ bytes: new TextEncoder().encode(s), options: opts(over), chapter: false, number: '01', ...rest });

test('same bytes and options: the first result is returned again without making the story again, here or beside', async () => {
  const { jobs, calls } = fakeJobs();
  const cache = new NormaliseCache();
  const cached = cache.around(jobs);
  const first = await cached.beside(input('one two'));
  assert.equal(await cached.here(input('one two')), first);
  assert.equal(await cached.beside(input('one two')), first);
  assert.deepEqual(calls, ['beside a.txt:one two']);
  assert.deepEqual(cache.takeCounts(), { hits: 2, misses: 1 });
  assert.deepEqual(cache.takeCounts(), { hits: 0, misses: 0 });
});

test('changed bytes or any changed input make the story again', async () => {
  const { jobs, calls } = fakeJobs();
  const cached = new NormaliseCache().around(jobs);
  for (const i of [
    input('one two'),
    input('one two!'),
    input('one two', { language: 'fr' }),
    input('one two', { notes: 'keep' }),
    input('one two', { idPrefix: 's02' }),
    input('one two', { title: 'B' }),
    input('one two', { authors: ['X'] }),
    input('one two', { fallbackAuthors: ['Y'] }),
    input('one two', { summary: 'S' }),
    input('one two', { file: 'b.txt' }),
    input('one two', {}, { chapter: true }),
    input('one two', {}, { number: '02' }),
  ])
    await cached.here(i);
  assert.equal(calls.length, 12);
});

test('a failed job is not kept: the next build tries again', async () => {
  const { jobs } = fakeJobs();
  const cache = new NormaliseCache();
  const cached = cache.around(jobs);
  await assert.rejects(cached.here(input('fail')));
  assert.equal(cache.size, 0);
});

test('sweep forgets results not used since the previous sweep', async () => {
  const { jobs, calls } = fakeJobs();
  const cache = new NormaliseCache();
  const cached = cache.around(jobs);
  await cached.here(input('a'));
  await cached.here(input('b', { file: 'b.txt' }));
  cache.sweep();
  assert.equal(cache.size, 2);
  await cached.here(input('a'));
  cache.sweep();
  assert.equal(cache.size, 1);
  await cached.here(input('b', { file: 'b.txt' }));
  assert.equal(calls.length, 3);
});
