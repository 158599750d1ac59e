// Runs the EPUB side of a big build (epub-job.ts) in a worker thread while the main thread lays out the PDF; small books stay on the main thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Message } from '../common/diagnostics.js';
import type { Book } from '../model/types.js';
import type { RenderContext } from '../render/context.js';
import type { CoverJob } from '../render/epub/cover.js';
import { drawnCovers } from '../render/epub/cover-thread.js';
import type { EpubJob, EpubJobResult } from './epub-job.js';
import { receiveError, type SentError } from './thread-error.js';
import { workerModule } from '../parallel/worker-module.js';

/**
 * Books of at least this many words render their EPUB in a worker (given a second core). Measured on 2 cores
 * (main-thread CPU from /proc, alternating runs): the worker always shortens the main thread (the seeds by
 * 0.2 s, the large book by the whole EPUB + audit, ≈ 1.2 s), but starting it costs ≈ 0.2 s of CPU on the other
 * core, which a loaded machine pays in wall time: small books (the seeds, 4k words) stay here.
 * `QUIRE_EPUB_WORKER_WORDS` overrides it (0: always, a huge number: never).
 */
export const EPUB_WORKER_MIN_WORDS = 50_000;

export function epubWorkerThreshold(): number {
  const env = process.env.QUIRE_EPUB_WORKER_WORDS;
  const n = env === undefined || env === '' ? Number.NaN : Number(env);
  return Number.isFinite(n) && n >= 0 ? n : EPUB_WORKER_MIN_WORDS;
}

/** The worker pays off only beside a PDF (something to overlap), with a second core, for a big enough book. */
export function useEpubWorker(book: Book, withLayout: boolean): boolean {
  if (!withLayout || availableParallelism() < 2) return false;
  const words = book.stories.reduce((n, s) => n + s.wordCount, 0);
  return words >= epubWorkerThreshold();
}

/** What the EPUB renderers read of the render context (messages are collected in the worker and sent back). */
export type WorkerContext = Pick<RenderContext, 'theme' | 'templatesDir' | 'options'>;

export interface ToWorker {
  job: Omit<EpubJob, 'ctx'> & { ctx: WorkerContext };
  /** Render the EPUB now but read it back only after an AuditGo message: the main thread's PDF layout comes first. */
  deferAudit?: boolean;
  /** Cover PNGs this thread already drew (cover-thread.ts), so the worker does not draw the same one again. */
  covers: { job: CoverJob; png: Uint8Array }[];
}

/** With `deferAudit`: the EPUB's read-back may start now. */
export interface AuditGo {
  go: true;
}

export type FromWorker =
  | { ok: true; result: EpubJobResult; messages: Message[]; timings: Record<string, number> }
  | { ok: false; error: SentError; messages: Message[]; timings: Record<string, number> };

export interface EpubThreadResult extends EpubJobResult {
  /** Messages the worker's renderers added, in order. */
  messages: Message[];
  /** Wall seconds per stage, as measured in the worker. */
  timings: Record<string, number>;
}

/** The EPUB worker's module (see workerModule: lib/, the bundled lib/cli/, or src/ under tsx through tsx's loader). */
function startWorker(): Worker {
  const worker = workerModule('pipeline/epub-worker');
  if (!worker.typescript) return new Worker(worker.file, { execArgv: process.execArgv });
  return new Worker(`${worker.load};`, { eval: true, execArgv: process.execArgv });
}

/** The worker itself failed (could not start, ran out of memory, crashed): not an error of the job it was given. */
export class WorkerFailure extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause !== undefined ? { cause } : undefined);
    this.name = 'WorkerFailure';
  }
}

/** A running EPUB worker: its job's result, and the signal that lets a deferred read-back start. */
export interface EpubWorkerRun {
  result: Promise<EpubThreadResult>;
  /** Started with `deferAudit`, the worker reads its EPUB back only after this (once; later calls do nothing). */
  startAudit(): void;
}

/**
 * Start a worker for one EPUB job (the book is cloned into it now, on this thread). The promise settles with
 * the worker's outputs, audits, messages and timings, or rejects with the error the job threw, or with a
 * WorkerFailure when the worker itself could not do it (the caller then runs the job on its own thread).
 */
export function runEpubInWorker(job: EpubJob): Promise<EpubThreadResult> {
  return startEpubWorker(job).result;
}

/** runEpubInWorker; with `deferAudit` the worker waits for startAudit() before reading its EPUB back. */
export function startEpubWorker(job: EpubJob, options: { deferAudit?: boolean } = {}): EpubWorkerRun {
  const { theme, templatesDir, options: renderOptions } = job.ctx;
  const deferAudit = options.deferAudit === true && job.expected !== undefined;
  const message: ToWorker = { job: { ...job, ctx: { theme, templatesDir, options: renderOptions } }, covers: renderOptions.cover ? [] : drawnCovers(), ...(deferAudit && { deferAudit }) };
  let worker: Worker | undefined;
  let waiting = deferAudit;
  const result = new Promise<EpubThreadResult>((resolve, reject) => {
    let answered = false;
    try {
      worker = startWorker();
    } catch (error) {
      reject(new WorkerFailure('the EPUB worker thread could not start', error));
      return;
    }
    const w = worker;
    w.once('message', (reply: FromWorker) => {
      answered = true;
      waiting = false;
      if (reply.ok) resolve({ ...reply.result, messages: reply.messages, timings: reply.timings });
      else reject(receiveError(reply.error));
    });
    w.once('error', (error) => {
      answered = true;
      waiting = false;
      reject(new WorkerFailure('the EPUB worker thread failed', error));
    });
    // Node delivers every message a worker posted before its 'exit'; an exit without one is a crash.
    w.once('exit', (code) => {
      waiting = false;
      if (!answered) reject(new WorkerFailure(`the EPUB worker thread stopped without an answer (exit code ${code})`));
    });
    try {
      w.postMessage(message);
    } catch (error) {
      answered = true;
      waiting = false;
      void w.terminate();
      reject(new WorkerFailure('the EPUB job could not be sent to the worker thread', error));
    }
  });
  return {
    result,
    startAudit() {
      if (!waiting || !worker) return;
      waiting = false;
      try {
        worker.postMessage({ go: true } satisfies AuditGo);
      } catch {
        void worker.terminate();
      }
    },
  };
}
