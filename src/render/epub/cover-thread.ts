// Draws the cover PNG in a worker thread started early in the build, so the EPUB only picks the bytes up; keyed by the exact resvg input.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CoverJob } from './cover.js';
import { storeCover } from './cover-cache.js';

/**
 * The worker: resvg on the given SVG and options, the PNG posted back on its own port (a plain script, so tsx or
 * lib/ alike). A port of a MessageChannel, not parentPort, so that a busy thread can take the PNG synchronously
 * (receiveMessageOnPort) when it hands the cover on to the EPUB worker (drawnCovers). On Linux, where a nice value
 * is a thread's own, the worker lowers its priority (to 10, not the lowest, so that it is not starved on a busy
 * machine): nothing needs the cover before the EPUB, and the build's own threads (its JIT and garbage collector
 * among them) come first (a first build of the seeds, 10 runs each: 0.89 → 0.84 s).
 */
const WORKER_SOURCE = `
if (process.platform === 'linux') try { require('node:os').setPriority(10); } catch {}
const { workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
workerData.port.postMessage(new Uint8Array(new Resvg(workerData.job.svg, workerData.job.options).render().asPng()));
workerData.port.close();
`;

interface Started {
  /** Absent for a cover handed over by another thread (adoptCovers). */
  worker?: Worker;
  /** Where the worker posts the PNG (until it is taken). */
  port?: MessagePort;
  /** Take the PNG now if the worker has posted it (no wait). */
  poll?: () => void;
  png: Promise<Uint8Array | undefined>;
  /** The job and its PNG once drawn (what drawnCovers hands to another thread). */
  drawn?: { job: CoverJob; png: Uint8Array };
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
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const resvg = createRequire(import.meta.url).resolve('@resvg/resvg-js');
    worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { job, resvg, port: port2 }, transferList: [port2] });
  } catch {
    port1.close();
    return;
  }
  // Not kept alive for its own sake: a build that never asks for the cover may end before it does.
  worker.unref();
  const entry: Started = { worker, port: port1, png: Promise.resolve(undefined) };
  entry.png = new Promise<Uint8Array | undefined>((resolve) => {
    let settled = false;
    const settle = (bytes: Uint8Array | undefined): void => {
      if (settled) return;
      settled = true;
      if (bytes) {
        entry.drawn = { job, png: bytes };
        storeCover(job, bytes); // kept for the next build, here where it was drawn
      }
      port1.close();
      resolve(bytes);
    };
    // Taken synchronously (poll), or delivered by the event loop; the port's message may come after the exit.
    const take = (): void => {
      const received = receiveMessageOnPort(port1);
      if (received) settle(received.message as Uint8Array);
    };
    entry.poll = () => {
      if (!settled) take();
    };
    port1.once('message', (bytes: Uint8Array) => settle(bytes));
    worker.once('error', () => settle(undefined));
    worker.once('exit', () => {
      take();
      settle(undefined);
    });
  });
  port1.unref(); // (after its 'message' listener, which refs it)
  started.set(key, entry);
  for (const k of started.keys()) if (started.size > KEEP) started.delete(k);
}

/** The PNG a worker drew for exactly this input, or undefined (none started, or it failed: draw it on this thread). */
export async function coverFromThread(job: CoverJob): Promise<Uint8Array | undefined> {
  const entry = started.get(keyOf(job));
  if (!entry) return undefined;
  entry.poll?.();
  entry.worker?.ref();
  entry.port?.ref();
  try {
    return await entry.png;
  } finally {
    entry.worker?.unref();
    entry.port?.unref();
  }
}

/** The covers already drawn on this thread, to hand to another thread (the EPUB worker) with adoptCovers. */
export function drawnCovers(): { job: CoverJob; png: Uint8Array }[] {
  for (const e of started.values()) e.poll?.();
  return [...started.values()].flatMap((e) => (e.drawn ? [e.drawn] : []));
}

/** Take covers drawn on another thread: coverFromThread then finds them by their exact input. */
export function adoptCovers(covers: readonly { job: CoverJob; png: Uint8Array }[]): void {
  for (const drawn of covers) {
    const key = keyOf(drawn.job);
    if (!started.has(key)) started.set(key, { png: Promise.resolve(drawn.png), drawn });
  }
  for (const k of started.keys()) if (started.size > KEEP) started.delete(k);
}
