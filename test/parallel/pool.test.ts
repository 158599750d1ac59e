// The worker pool: jobs come back each to its own caller, in the order asked for; with no worker they run here, with the same results; errors keep their class; a worker that dies mid-job is a clear error of that job.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { QuireError } from '../../src/common/diagnostics.ts';
import { receiveError, sendError } from '../../src/parallel/errors.ts';
import { Pool, WorkerCrash } from '../../src/parallel/pool.ts';
import { TEST_TASKS } from './tasks.ts';

const ENTRY = path.join(import.meta.dirname, 'worker.ts');

/** Run `fn` with a pool of `threads` test workers, closed after it whatever happens. */
async function withPool(threads: number, fn: (pool: Pool<typeof TEST_TASKS>) => Promise<void>): Promise<void> {
  const pool = new Pool(TEST_TASKS, { entry: ENTRY, threads });
  try {
    await fn(pool);
  } finally {
    await pool.close();
  }
}

test('jobs run in workers, several at once, and each result reaches its own caller in order', { timeout: 60_000 }, async () => {
  await withPool(2, async (pool) => {
    // Later jobs finish first (shorter waits): each promise still gets its own job's value.
    const jobs = Array.from({ length: 8 }, (_, i) => pool.run('echo', { value: i, ms: (8 - i) * 15 }));
    const results = await Promise.all(jobs);
    assert.deepEqual(results.map((r) => r.value), [0, 1, 2, 3, 4, 5, 6, 7]);
    const threads = new Set(results.map((r) => r.thread));
    assert.ok(!threads.has(threadId), 'none ran on this thread');
    assert.equal(threads.size, 2, 'two workers shared them');
    // A packed output: moved over as flat data, unpacked here.
    assert.deepEqual([...(await pool.run('squares', 5))], [0, 1, 4, 9, 16]);
  });
});

test('with no worker threads every job runs here, with the same results', async () => {
  const pool = new Pool(TEST_TASKS, { entry: ENTRY, threads: 0 });
  assert.equal(pool.available, false);
  assert.equal(pool.scheduler('echo').worth(1e9, 1), false, 'nothing is worth a worker');
  const r = await pool.run('echo', { value: 42, ms: 0 });
  assert.deepEqual([r.value, r.thread], [42, threadId]);
  assert.deepEqual([...(await pool.run('squares', 4))], [0, 1, 4, 9]);
});

test('a worker entry that cannot load: the jobs run here, and the pool stops trying', { timeout: 60_000 }, async () => {
  const pool = new Pool(TEST_TASKS, { entry: path.join(import.meta.dirname, 'no-such-entry.ts'), threads: 2 });
  assert.equal(pool.available, true);
  const results = await Promise.all([1, 2, 3].map((value) => pool.run('echo', { value, ms: 0 })));
  assert.deepEqual(results.map((r) => [r.value, r.thread]), [1, 2, 3].map((value) => [value, threadId]));
  assert.equal(pool.available, false);
});

test('an error a task throws comes back as the same error (a QuireError with its file and line)', { timeout: 60_000 }, async () => {
  await withPool(1, async (pool) => {
    const errors = await Promise.all([pool.run('fail', { file: 'story.txt' }), pool.runHere('fail', { file: 'story.txt' })].map((p) => p.catch((e: unknown) => e)));
    for (const error of errors) {
      assert.ok(error instanceof QuireError, String(error));
      assert.equal(error.format(), 'story.txt:7: the input is bad');
    }
    // The worker goes on with the next job.
    assert.equal((await pool.run('echo', { value: 5, ms: 0 })).value, 5);
  });
});

test('a worker that dies in the middle of a job fails that job with a clear error; the pool goes on with a new worker', { timeout: 60_000 }, async () => {
  await withPool(1, async (pool) => {
    const before = await pool.run('echo', { value: 1, ms: 0 });
    await assert.rejects(pool.run('crash', undefined), (error: unknown) => {
      assert.ok(error instanceof WorkerCrash);
      assert.match(error.message, /a worker thread stopped while running "crash": exit code 3/);
      return true;
    });
    const after = await pool.run('echo', { value: 2, ms: 0 });
    assert.equal(after.value, 2);
    assert.notEqual(after.thread, before.thread, 'a new worker');
    assert.equal(pool.available, true);
  });
});

test('errors cross the thread boundary with their class and fields', () => {
  const through = (e: unknown): unknown => receiveError(structuredClone(sendError(e)));
  const quire = through(new QuireError('cover: not a PNG or JPEG image', { file: 'a.yaml', line: 3, kind: 'usage', cause: new RangeError('inner') }));
  assert.ok(quire instanceof QuireError);
  assert.equal(quire.message, 'cover: not a PNG or JPEG image');
  assert.equal(quire.file, 'a.yaml');
  assert.equal(quire.line, 3);
  assert.equal(quire.exitCode, 2);
  assert.ok(quire.cause instanceof RangeError && quire.cause.message === 'inner');
  const type = through(new TypeError('x is not a function'));
  assert.ok(type instanceof TypeError && type.message === 'x is not a function' && type.stack?.includes('x is not a function'));
  const custom = Object.assign(new Error('boom'), { name: 'TemplateError' });
  const back = through(custom) as Error;
  assert.equal(back.name, 'TemplateError');
  assert.equal(back.message, 'boom');
  assert.equal(through('a string'), 'a string');
});

test('a job given to a worker still starting runs there as soon as it has loaded, though this thread is busy', { timeout: 60_000 }, async () => {
  await withPool(1, async (pool) => {
    const now = (): number => performance.timeOrigin + performance.now();
    const started = now();
    const job = pool.run('echo', { value: 1, ms: 0 });
    // This thread stays busy until well after the worker has loaded: the job must not wait for it to listen.
    const busyUntil = started + 4_000;
    while (now() < busyUntil) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    const reply = await job;
    assert.notEqual(reply.thread, threadId, 'ran in the worker');
    assert.ok(reply.at - started < 4_000, `the worker ran it ${Math.round(reply.at - started)} ms after it was asked for, while this thread was busy`);
  });
});

test('a worker that dies in the middle of its first job, posted before it had loaded, fails that job (it does not run again here)', { timeout: 60_000 }, async () => {
  await withPool(1, async (pool) => {
    await assert.rejects(pool.run('crash', undefined), WorkerCrash);
    assert.equal((await pool.run('echo', { value: 2, ms: 0 })).value, 2);
  });
});

test('a big job ends its worker: the jobs after it run in a new one, none lost', { timeout: 60_000 }, async () => {
  await withPool(1, async (pool) => {
    const first = await pool.run('echo', { value: 1, ms: 0 });
    // Queued behind the big job in the one worker: they wait for it, then go to a worker started after it ended.
    const [big, ...after] = await Promise.all([pool.run('big', undefined), pool.run('echo', { value: 2, ms: 0 }), pool.run('echo', { value: 3, ms: 0 })]);
    assert.equal(big, first.thread, 'the big job ran in the worker the pool had');
    assert.deepEqual(after.map((r) => r.value), [2, 3]);
    assert.equal(new Set(after.map((r) => r.thread)).size, 1, 'the later jobs shared one new worker');
    assert.notEqual(after[0]!.thread, big, 'not the big job\'s worker, which ended');
  });
});
