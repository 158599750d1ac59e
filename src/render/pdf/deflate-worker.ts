// Deflates page content streams on a worker thread, so the main thread paints the next pages meanwhile (same zlib, same bytes).
import { Worker } from 'node:worker_threads';
import { deflateSync } from 'node:zlib';

/** Below this many pages a document deflates on the main thread (a worker's start-up would cost more than it saves). */
export const WORKER_MIN_PAGES = 200;

/** Pages go to the worker in batches of about this many bytes (fewer messages, results still early). */
const BATCH_BYTES = 256 * 1024;

/** The worker: plain CommonJS evaluated in the thread (no module to resolve, works from lib/ and from the sources). */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
parentPort.on('message', ({ id, packed, sizes, level }) => {
  const options = level === undefined ? {} : { level };
  const streams = [];
  let at = 0;
  let total = 0;
  for (const size of sizes) {
    const d = deflateSync(packed.subarray(at, at + size), options);
    streams.push(d);
    at += size;
    total += d.length;
  }
  const out = new Uint8Array(total);
  const lengths = [];
  let o = 0;
  for (const d of streams) {
    out.set(d, o);
    o += d.length;
    lengths.push(d.length);
  }
  parentPort.postMessage({ id, out, lengths }, [out.buffer]);
});`;

/** Deflate one content stream here: at `level`, or zlib's default (as pdfkit's own compression) when undefined. */
export function deflateHere(chunks: Uint8Array[], level: number | undefined): Uint8Array {
  const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return deflateSync(raw, level === undefined ? {} : { level });
}

interface Pending {
  resolve: (out: Uint8Array, lengths: number[]) => void;
  reject: () => void;
}

let worker: Worker | undefined;
let broken = false;
let nextId = 1;
const waiting = new Map<number, Pending>();

function failAll(): void {
  broken = true;
  worker = undefined;
  for (const p of waiting.values()) p.reject();
  waiting.clear();
}

/** The process's deflate worker, started on first use and kept (unreferenced while idle); undefined if it cannot start. */
function deflateWorker(): Worker | undefined {
  if (worker || broken) return worker;
  try {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.on('message', (message: { id: number; out: Uint8Array; lengths: number[] }) => {
      const p = waiting.get(message.id);
      if (!p) return;
      waiting.delete(message.id);
      p.resolve(message.out, message.lengths);
      // An idle worker must not keep the process alive.
      if (waiting.size === 0) w.unref();
    });
    w.on('error', failAll);
    w.on('exit', failAll);
    w.unref();
    worker = w;
  } catch {
    broken = true;
  }
  return worker;
}

/**
 * Deflates the content streams of one document: `add` takes a page's content chunks and returns the deflated
 * stream, now (small documents, or no worker) or as a promise the worker fulfils. A worker that fails costs
 * time, never output: its pages are deflated here instead (the chunks are kept until then).
 */
export class PageDeflater {
  private readonly useWorker: boolean;
  private batch: Array<{ chunks: Uint8Array[]; resolve: (d: Uint8Array) => void }> = [];
  private batchBytes = 0;

  constructor(
    pageCount: number,
    private readonly level?: number,
  ) {
    this.useWorker = pageCount >= WORKER_MIN_PAGES && deflateWorker() !== undefined;
  }

  add(chunks: Uint8Array[]): Uint8Array | Promise<Uint8Array> {
    if (!this.useWorker || broken) return deflateHere(chunks, this.level);
    const done = new Promise<Uint8Array>((resolve) => this.batch.push({ chunks, resolve }));
    for (const c of chunks) this.batchBytes += c.length;
    if (this.batchBytes >= BATCH_BYTES) this.flush();
    return done;
  }

  /** Send the pages collected so far (call once more after the last page). */
  flush(): void {
    const batch = this.batch;
    if (!batch.length) return;
    this.batch = [];
    this.batchBytes = 0;
    const level = this.level;
    const local = (): void => batch.forEach((b) => b.resolve(deflateHere(b.chunks, level)));
    const w = broken ? undefined : deflateWorker();
    if (!w) return local();
    const id = nextId++;
    // The batch's pages back to back in one fresh buffer, moved (not copied) to the worker; the streams come back the same way.
    const sizes = batch.map((b) => b.chunks.reduce((n, c) => n + c.length, 0));
    const packed = new Uint8Array(sizes.reduce((n, s) => n + s, 0));
    let at = 0;
    for (const b of batch) {
      for (const c of b.chunks) {
        packed.set(c, at);
        at += c.length;
      }
    }
    const resolve = (out: Uint8Array, lengths: number[]): void => {
      let o = 0;
      batch.forEach((b, i) => {
        b.resolve(out.subarray(o, o + lengths[i]!));
        o += lengths[i]!;
      });
    };
    waiting.set(id, { resolve, reject: local });
    w.ref();
    w.postMessage({ id, packed, sizes, level }, [packed.buffer]);
  }
}
