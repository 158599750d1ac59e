// Normalising and parsing in a worker thread: the same stories, skips, messages and errors as the main thread alone, in book order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../../src/pipeline/config.ts';
import { chooseWorkerStories, NORMALISE_WORKER_MIN_BYTES, startNormaliseWorker, workerAnswers } from '../../src/pipeline/normalise-thread.ts';
import { loadStories } from '../../src/pipeline/stories.ts';
import { Messages, QuireError } from '../../src/common/diagnostics.ts';
import { parseChapter } from '../../src/model/parse.ts';
import { normaliseStory } from '../../src/normalise/index.ts';
import { ROOT, tempDir } from '../e2e/helpers.ts';

const SEEDS = ['four-words.txt', 'the-leap.txt', 'outlaws-together.txt'].map((f) => path.join(ROOT, 'seeds', f));

/** Run with the worker threshold set by QUIRE_NORMALISE_WORKER_BYTES: 0 sends every story but the first, a huge number none. */
async function withWorker<T>(worker: boolean, fn: () => Promise<T>): Promise<T> {
  const before = process.env.QUIRE_NORMALISE_WORKER_BYTES;
  process.env.QUIRE_NORMALISE_WORKER_BYTES = worker ? '0' : String(Number.MAX_SAFE_INTEGER);
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.QUIRE_NORMALISE_WORKER_BYTES;
    else process.env.QUIRE_NORMALISE_WORKER_BYTES = before;
  }
}

/** Load the stories of these files; what comes out (stories, skips, messages) or the error thrown. */
async function load(files: string[], worker: boolean, strict = false): Promise<unknown> {
  return withWorker(worker, async () => {
    const config = await resolveConfig({ files, lang: 'en' });
    const messages = new Messages();
    try {
      const { loaded, skipped } = await loadStories(config, { notes: config.notes, strict, messages });
      return { loaded, skipped, messages: messages.list };
    } catch (error) {
      assert.ok(error instanceof QuireError, String(error));
      return { error: { name: error.name, message: error.message, file: error.file, line: error.line, kind: error.kind }, messages: messages.list };
    }
  });
}

/** Story files in a fresh folder: name → text (or bytes). */
function stories(files: Record<string, string | Uint8Array>): string[] {
  const dir = tempDir('quire-normalise-worker-');
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  });
}

const seed = (i: number): string => readFileSync(SEEDS[i]!, 'utf8');

test('the worker normalises and parses stories exactly as the main thread does', async () => {
  const items = SEEDS.map((file, n) => ({ n, bytes: readFileSync(file), options: { file: `seed${n}.txt`, language: 'en', notes: 'endnotes' as const } }));
  const worker = startNormaliseWorker({ width: 2, skipped: 0, stories: items });
  assert.ok(worker, 'the worker starts');
  try {
    for (const item of items) {
      const got = await worker.take(item.n, item.n + 1);
      assert.ok(got, `the worker answered story ${item.n}`);
      assert.equal(got.index, item.n + 1);
      const idPrefix = `s0${item.n + 1}`;
      const normalised = normaliseStory(item.bytes, { ...item.options, idPrefix });
      assert.deepEqual(got.normalised, normalised);
      assert.deepEqual(got.parsed, parseChapter(normalised.markdown, got.markdownFile!, idPrefix));
    }
  } finally {
    worker.close();
  }
});

test('a book through the worker loads the same stories as on the main thread', async () => {
  const files = [...SEEDS, ...SEEDS];
  const main = await load(files, false);
  const before = workerAnswers();
  assert.deepEqual(await load(files, true), main);
  assert.equal(workerAnswers() - before, files.length - 1, 'every story but the first came from the worker');
  // Duplicate titles across the two threads got numbered slugs, in book order.
  const slugs = (main as { loaded: Array<{ story: { slug: string } }> }).loaded.map((l) => l.story.slug);
  assert.equal(new Set(slugs).size, files.length, slugs.join(' '));
});

test('an empty story before the worker\'s stories is skipped, and the later stories renumbered, as on the main thread', async () => {
  const files = stories({ 'a.txt': seed(0), 'empty.txt': '  \n\n\t\n', 'b.txt': seed(1), 'c.txt': seed(2), 'd.txt': '\n' });
  const main = await load(files, false);
  const out = main as { loaded: Array<{ story: { id: string } }>; skipped: unknown[]; messages: Array<{ rule: string }> };
  assert.deepEqual(out.loaded.map((l) => l.story.id), ['s01', 's02', 's03']);
  assert.equal(out.skipped.length, 2);
  assert.equal(out.messages.filter((m) => m.rule === 'empty-story').length, 2);
  const before = workerAnswers();
  assert.deepEqual(await load(files, true), main);
  assert.equal(workerAnswers() - before, files.length - 1, 'every story but the first came from the worker');
});

test('an empty first story (on the main thread) renumbers the worker\'s stories, as on the main thread', async () => {
  const files = stories({ 'empty.txt': '\n \n', 'a.txt': seed(0), 'b.txt': seed(1), 'empty2.txt': '\n', 'c.txt': seed(2) });
  const main = await load(files, false);
  const out = main as { loaded: Array<{ story: { id: string }; markdownFile: string }> };
  assert.deepEqual(out.loaded.map((l) => l.story.id), ['s01', 's02', 's03']);
  assert.match(out.loaded[0]!.markdownFile, /^markdown\/01-/);
  const before = workerAnswers();
  assert.deepEqual(await load(files, true), main);
  // Shared out again after the skip: the worker takes all but the first of the stories left (a is done here).
  assert.equal(workerAnswers() - before, files.length - 2, 'the stories after a came from the worker, renumbered');
});

test('--strict fails on the first empty story, in book order, as on the main thread', async () => {
  const files = stories({ 'a.txt': seed(0), 'b.txt': seed(1), 'empty.txt': '\n\n', 'bad.bin': new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]) });
  const main = await load(files, false, true);
  assert.match(JSON.stringify(main), /empty\.txt.*--strict|--strict.*empty\.txt/);
  assert.deepEqual(await load(files, true, true), main);
});

test('an undecodable story fails with the same error (file) as on the main thread, before a later one', async () => {
  const files = stories({ 'a.txt': seed(0), 'bad.txt': new Uint8Array([0x41, 0, 0, 0x42, 1, 2, 0, 0]), 'empty.txt': '\n', 'b.txt': seed(1) });
  const main = await load(files, false, true);
  assert.equal((main as { error?: { file?: string } }).error?.file?.endsWith('bad.txt'), true, JSON.stringify(main));
  assert.deepEqual(await load(files, true, true), main);
});

test('without the override, only a big enough share of the book goes to the worker, taken from its end', (t) => {
  const before = process.env.QUIRE_NORMALISE_WORKER_BYTES;
  delete process.env.QUIRE_NORMALISE_WORKER_BYTES;
  t.after(() => {
    if (before !== undefined) process.env.QUIRE_NORMALISE_WORKER_BYTES = before;
  });
  const none = (): boolean => true;
  assert.deepEqual(chooseWorkerStories([10, 20, 30], none), []);
  const big = NORMALISE_WORKER_MIN_BYTES * 2;
  const chosen = chooseWorkerStories([big, big], none);
  // One core: the book stays on the main thread.
  if (chosen.length > 0) assert.deepEqual(chosen, [1]);
  const split = chooseWorkerStories([big, big / 2, big / 2, big / 2], none);
  if (split.length > 0) assert.deepEqual(split, [2, 3]);
  // Chapter markdown stays on the main thread.
  const noMd = chooseWorkerStories([big, big / 2, big / 2, big / 2], (n) => n !== 3);
  if (noMd.length > 0) assert.deepEqual(noMd, [2]);
});
