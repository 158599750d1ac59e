// Draws the cover PNG in a worker thread started early in the build, so the EPUB only picks the bytes up; keyed by the exact resvg input.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CoverJob } from './cover.js';

/** The worker: resvg on the given SVG and options, the PNG posted back (a plain script, so tsx or lib/ alike). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
parentPort.postMessage(new Uint8Array(new Resvg(workerData.job.svg, workerData.job.options).render().asPng()));
`;

interface Started {
  worker: Worker;
  png: Promise<Uint8Array | undefined>;
}

const started = new Map<string, Started>();
/** Covers kept (a watch session may change the title a few times). */
const KEEP = 4;

function keyOf(job: CoverJob): string {
  return JSON.stringify(job);
}

/** Start drawing a cover in a worker (given a second core); a no-op when one for the same input was started. */
export function startCoverThread(job: CoverJob): void {
  if (availableParallelism() < 2) return;
  const key = keyOf(job);
  if (started.has(key)) return;
  let worker: Worker;
  try {
    const resvg = createRequire(import.meta.url).resolve('@resvg/resvg-js');
    worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { job, resvg } });
  } catch {
    return;
  }
  // Not kept alive for its own sake: a build that never asks for the cover may end before it does.
  worker.unref();
  const png = new Promise<Uint8Array | undefined>((resolve) => {
    worker.once('message', (bytes: Uint8Array) => resolve(bytes));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  started.set(key, { worker, png });
  for (const k of started.keys()) if (started.size > KEEP) started.delete(k);
}

/** The PNG a worker drew for exactly this input, or undefined (none started, or it failed: draw it on this thread). */
export async function coverFromThread(job: CoverJob): Promise<Uint8Array | undefined> {
  const entry = started.get(keyOf(job));
  if (!entry) return undefined;
  entry.worker.ref();
  try {
    return await entry.png;
  } finally {
    entry.worker.unref();
  }
}
