// Normalises and parses the last stories of a big book in a worker thread while the main thread does the first ones; small books stay on the main thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerModule } from '../parallel/worker-module.js';
import type { ParsedChapter } from '../model/parse.js';
import type { NormalisedStory, NormaliseOptions } from '../normalise/types.js';

/**
 * The worker takes the book's last whole stories, about this share of its bytes. Less than half: measured on the
 * large case, the worker spends ≈ 0.14 s CPU loading its modules and its normaliser runs ≈ 1.6× slower per byte
 * than the main thread's (which its other stories have warmed up), while the main thread adds ≈ 0.07 s taking the
 * results (cloned words and blocks).
 */
export const NORMALISE_WORKER_SHARE = 0.4;

/**
 * Use the worker only when its share is at least this many bytes (≈ 0.35 s of normalising + parsing; starting
 * it costs ≈ 0.1 s of the other core). `QUIRE_NORMALISE_WORKER_BYTES` overrides it: 0 sends every story but
 * the first to the worker (tests), a huge number none.
 */
export const NORMALISE_WORKER_MIN_BYTES = 1_000_000;

export function normaliseWorkerThreshold(): number {
  const env = process.env.QUIRE_NORMALISE_WORKER_BYTES;
  const n = env === undefined || env === '' ? Number.NaN : Number(env);
  return Number.isFinite(n) && n >= 0 ? n : NORMALISE_WORKER_MIN_BYTES;
}

/** One story sent to the worker: its place in the config (0-based), its bytes and normaliser options (the worker sets idPrefix). */
export interface NormaliseItem {
  n: number;
  bytes: Uint8Array;
  options: Omit<NormaliseOptions, 'idPrefix'>;
}

export interface ToNormaliseWorker {
  /** Digits of the story numbers (as in loadStories). */
  width: number;
  /** How many stories before the first one sent are skipped as empty, as far as the main thread knows when it starts the worker. */
  skipped: number;
  /** In book order. */
  stories: NormaliseItem[];
}

export type FromNormaliseWorker =
  | {
      n: number;
      ok: true;
      /** The 1-based number the story was given (the main thread checks it): n + 1 minus the empty stories before it that the worker knew of. */
      index: number;
      normalised: NormalisedStory;
      /** Only for a story with words: its parse, made with this chapter file name (the main thread checks it). */
      parsed?: ParsedChapter;
      markdownFile?: string;
    }
  /** The story failed in the worker (the main thread redoes it, throwing the same error); nothing follows. */
  | { n: number; ok: false };

/** A story back from the worker. */
export interface WorkerStory {
  index: number;
  normalised: NormalisedStory;
  parsed?: ParsedChapter;
  markdownFile?: string;
}

/**
 * Which stories go to the worker (config indexes): the last ones, whose bytes come closest to the share, or none
 * when that share is under the threshold or no second core is there. `eligible` says which stories the worker can
 * take (raw text, not chapter markdown).
 */
export function chooseWorkerStories(sizes: number[], eligible: (n: number) => boolean): number[] {
  const threshold = normaliseWorkerThreshold();
  if (sizes.length < 2) return [];
  if (threshold === 0) return sizes.map((_, n) => n).filter((n) => n > 0 && eligible(n));
  if (availableParallelism() < 2) return [];
  const total = sizes.reduce((a, b) => a + b, 0);
  const target = total * NORMALISE_WORKER_SHARE;
  let share = 0;
  let first = sizes.length;
  // Take stories from the end while that brings the share closer to the target.
  while (first > 1 && Math.abs(target - share - sizes[first - 1]!) < Math.abs(target - share)) share += sizes[--first]!;
  const chosen: number[] = [];
  for (let n = first; n < sizes.length; n++) if (eligible(n)) chosen.push(n);
  const bytes = chosen.reduce((a, n) => a + sizes[n]!, 0);
  return bytes >= threshold && bytes > 0 ? chosen : [];
}

/**
 * The running worker: `take(n, index)` resolves with story n's result, or undefined when the main thread must do it
 * itself (the worker failed or stopped, or numbered the story otherwise than `index`).
 */
export interface NormaliseWorker {
  take(n: number, index: number): Promise<WorkerStory | undefined>;
  /** Stop the worker (once every result is taken, or when the build fails first). */
  close(): void;
}

/**
 * The worker's bootstrap: imports the entry module (through tsx's loader when quire runs from its TypeScript
 * sources, as in the tests) and says when it cannot load, so the main thread does the stories itself.
 */
function bootstrap(): string {
  return `${workerModule('pipeline/normalise-worker').load}.catch(() => { require('node:worker_threads').parentPort.postMessage({ n: -1, ok: false }); });`;
}

let answered = 0;

/** How many of the worker's stories were taken in this process so far (tests check that the worker path ran). */
export function workerAnswers(): number {
  return answered;
}

/** Start the worker on these stories; undefined when it cannot start (the main thread then does them all). */
export function startNormaliseWorker(job: ToNormaliseWorker): NormaliseWorker | undefined {
  let worker: Worker;
  try {
    worker = new Worker(bootstrap(), { eval: true });
  } catch {
    return undefined;
  }
  const results = new Map<number, WorkerStory | undefined>();
  const waiting = new Map<number, (r: WorkerStory | undefined) => void>();
  let over = false;
  /** No more results will come: every story not answered yet falls back to the main thread. */
  const end = (): void => {
    if (over) return;
    over = true;
    for (const [n, resolve] of waiting) resolve(results.get(n));
    waiting.clear();
  };
  const settle = (n: number, r: WorkerStory | undefined): void => {
    results.set(n, r);
    const resolve = waiting.get(n);
    if (resolve) {
      waiting.delete(n);
      resolve(r);
    }
  };
  worker.on('message', (m: FromNormaliseWorker) => {
    if (!m.ok) return end();
    settle(m.n, { index: m.index, normalised: m.normalised, ...(m.parsed && { parsed: m.parsed, markdownFile: m.markdownFile! }) });
  });
  worker.on('error', end);
  worker.on('exit', end);
  // Only a result being waited for keeps the process alive.
  worker.unref();
  worker.postMessage(job);
  return {
    async take(n, index) {
      let r: WorkerStory | undefined;
      if (results.has(n) || over) r = results.get(n);
      else {
        worker.ref();
        r = await new Promise<WorkerStory | undefined>((resolve) => {
          waiting.set(n, (got) => {
            if (waiting.size === 0) worker.unref();
            resolve(got);
          });
        });
      }
      results.delete(n);
      if (r?.index !== index) return undefined;
      answered++;
      return r;
    },
    close() {
      end();
      void worker.terminate();
    },
  };
}
