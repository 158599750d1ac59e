// Tasks for the pool's tests (pool.test.ts): run by the test worker (worker.ts) or here.
import { threadId } from 'node:worker_threads';
import { QuireError } from '../../src/common/diagnostics.ts';
import type { Task } from '../../src/parallel/pool.ts';

const pause = new Int32Array(new SharedArrayBuffer(4));

export const TEST_TASKS = {
  /** The input back, after `ms` milliseconds of busy thread, with the thread that ran it and when it finished (performance.timeOrigin-based ms on this process's clock). */
  echo: async () => ({ run: ({ value, ms }: { value: number; ms: number }) => (Atomics.wait(pause, 0, 0, ms), { value, thread: threadId, at: performance.timeOrigin + performance.now() }) }) satisfies Task<{ value: number; ms: number }, { value: number; thread: number; at: number }>,
  /** A big job (Task.big): the thread that ran it; its worker ends after it. */
  big: async () => ({ big: true, run: () => threadId }) satisfies Task<void, number>,
  /** Throws a QuireError naming a file and line. */
  fail: async () => ({ run: ({ file }: { file: string }) => { throw new QuireError('the input is bad', { file, line: 7 }); } }) satisfies Task<{ file: string }, never>,
  /** The worker dies in the middle of the job. */
  crash: async () => ({ run: () => process.exit(3) }) satisfies Task<void, never>,
  /** Squares as a typed array, packed for the trip (its buffer moved) and unpacked on arrival. */
  squares: async () =>
    ({
      run: (n: number) => Float64Array.from({ length: n }, (_, i) => i * i),
      pack: (out: Float64Array) => ({ message: { packed: out }, transfer: [out.buffer as ArrayBuffer] }),
      unpack: (message: unknown) => (message as { packed: Float64Array }).packed,
    }) satisfies Task<number, Float64Array>,
};
