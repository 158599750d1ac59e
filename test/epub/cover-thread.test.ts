// The cover drawn in a worker is byte-identical to the one drawn on the main thread, and is used only for the very same cover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, getPriority } from 'node:os';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';
import { coverJob, coverPng, prefetchCover, renderCoverPng, type CoverMeta } from '../../src/render/epub/cover.ts';
import { coverFromThread, startCoverThread } from '../../src/render/epub/cover-thread.ts';

const theme = loadTheme();
const seeds: CoverMeta = { title: 'Four Words', subtitle: 'Three Star Trek Stories', editor: 'The quire editors', authors: ['Anonymous'] };
const other: CoverMeta = { title: 'Harbour Lights — a very long title that has to wrap over several lines', authors: ['Ann Example'] };

test('a worker draws exactly the PNG the main thread draws', { skip: availableParallelism() < 2 && 'one core: no cover worker' }, async () => {
  for (const meta of [seeds, other]) {
    const job = coverJob(DEFAULT_TEMPLATES_DIR, meta, theme);
    assert.equal(await coverFromThread(job), undefined, 'nothing started yet');
    startCoverThread(job);
    const fromWorker = await coverFromThread(job);
    assert.ok(fromWorker, 'the worker drew it');
    assert.deepEqual(Buffer.from(fromWorker), Buffer.from(renderCoverPng(DEFAULT_TEMPLATES_DIR, meta, theme)));
  }
});

test('coverPng uses a prefetched cover only when the cover is the same', async () => {
  // Prefetched from a config whose cover differs from the book's (the book's subtitle is not in it).
  prefetchCover(DEFAULT_TEMPLATES_DIR, { title: 'Prefetched', stories: [{ source: 'a.txt', path: '/a.txt', authors: ['X'] }] }, theme);
  const book: CoverMeta = { title: 'Prefetched', subtitle: 'But the book has a subtitle', authors: ['X'] };
  assert.deepEqual(Buffer.from(await coverPng(DEFAULT_TEMPLATES_DIR, book, theme)), Buffer.from(renderCoverPng(DEFAULT_TEMPLATES_DIR, book, theme)));
  // The same cover: the prefetched one is taken (and equal).
  const same: CoverMeta = { title: 'Prefetched', authors: ['X'] };
  if (availableParallelism() >= 2) assert.ok(await coverFromThread(coverJob(DEFAULT_TEMPLATES_DIR, same, theme)), 'prefetched');
  assert.deepEqual(Buffer.from(await coverPng(DEFAULT_TEMPLATES_DIR, same, theme)), Buffer.from(renderCoverPng(DEFAULT_TEMPLATES_DIR, same, theme)));
});

test('on Linux the cover worker draws at a lowered priority; the build thread keeps its own', { skip: (process.platform !== 'linux' || availableParallelism() < 2) && 'Linux, two cores' }, async () => {
  const job = coverJob(DEFAULT_TEMPLATES_DIR, { title: 'Drawn Politely', authors: ['N'] }, theme);
  const niceValues = (): number[] =>
    readdirSync('/proc/self/task').flatMap((tid) => {
      try {
        return [Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16])];
      } catch {
        return []; // the thread ended meanwhile
      }
    });
  startCoverThread(job);
  // Looked at without yielding, while the worker starts and draws (its PNG is taken only afterwards).
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let seen = false;
  for (let i = 0; i < 3000 && !seen; i++) {
    seen = niceValues().includes(10);
    if (!seen) Atomics.wait(pause, 0, 0, 1);
  }
  assert.ok(seen, 'a thread at nice 10');
  assert.equal(getPriority(), 0, 'this thread is untouched');
  assert.ok(await coverFromThread(job));
});
