// Deflating page content streams: here, or in batches by jobs beside the painter (a long book: the painter goes on with the next pages meanwhile); the same zlib and bytes either way.
import { deflateSync } from 'node:zlib';

/** Takes each page's content chunks and gives back its deflated stream, now or later; `flush` after the last page. */
export interface PageDeflater {
  add(chunks: Uint8Array[]): Uint8Array | Promise<Uint8Array>;
  flush(): void;
}

/** Makes the deflater of a document of `pageCount` pages, its streams at zlib `level` (zlib's default when undefined). */
export type DeflaterFor = (pageCount: number, level: number | undefined) => PageDeflater;

/** One page's content stream deflated here (zlib's default level, as pdfkit's own compression, when `level` is undefined). */
export function deflateHere(chunks: Uint8Array[], level: number | undefined): Uint8Array {
  const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return deflateSync(raw, level === undefined ? {} : { level });
}

/** Deflates every page here, as it comes. */
export const deflateEachHere: DeflaterFor = (_pages, level) => ({ add: (chunks) => deflateHere(chunks, level), flush: () => undefined });

/** Page streams back to back, their sizes, and the level: one deflate job. */
export interface DeflateBatch {
  packed: Uint8Array;
  sizes: number[];
  level: number | undefined;
}

/** The deflated streams back to back, and their lengths. */
export interface DeflatedBatch {
  out: Uint8Array;
  lengths: number[];
}

/** The deflate job: each stream of the batch deflated in turn. */
export function run({ packed, sizes, level }: DeflateBatch): DeflatedBatch {
  const streams: Uint8Array[] = [];
  let at = 0;
  for (const size of sizes) {
    streams.push(deflateHere([packed.subarray(at, at + size)], level));
    at += size;
  }
  const out = new Uint8Array(streams.reduce((n, s) => n + s.length, 0));
  let o = 0;
  for (const s of streams) {
    out.set(s, o);
    o += s.length;
  }
  return { out, lengths: streams.map((s) => s.length) };
}

/** The streams move back without a copy. */
export function pack(batch: DeflatedBatch): { message: DeflatedBatch; transfer: ArrayBuffer[] } {
  return { message: batch, transfer: [batch.out.buffer as ArrayBuffer] };
}

/** Pages go to a job in batches of about this many bytes (fewer messages, results still early). */
const BATCH_BYTES = 256 * 1024;

/** How deflate jobs are run: beside this thread when worth it (the batch's buffer moved, not copied). */
export interface DeflateJobs {
  worth(size: number, min: number): boolean;
  beside(batch: DeflateBatch, transfer: ArrayBuffer[]): Promise<DeflatedBatch>;
}

/** Below this many pages a document deflates here (a job's start would cost more than it saves). */
export const BESIDE_MIN_PAGES = 200;

/** A long document's pages deflated in batches by jobs beside this thread; a short one's here. */
export function shareDeflating(jobs: DeflateJobs): DeflaterFor {
  return (pages, level) => (jobs.worth(pages, BESIDE_MIN_PAGES) ? inBatches(jobs, level) : deflateEachHere(pages, level));
}

function inBatches(jobs: DeflateJobs, level: number | undefined): PageDeflater {
  {
    let batch: Array<{ chunks: Uint8Array[]; resolve: (stream: Uint8Array) => void; reject: (error: unknown) => void }> = [];
    let bytes = 0;
    const flush = (): void => {
      if (batch.length === 0) return;
      const pages = batch;
      batch = [];
      bytes = 0;
      // The batch's pages back to back in one fresh buffer.
      const sizes = pages.map((p) => p.chunks.reduce((n, c) => n + c.length, 0));
      const packed = new Uint8Array(sizes.reduce((n, s) => n + s, 0));
      let at = 0;
      for (const p of pages) {
        for (const c of p.chunks) {
          packed.set(c, at);
          at += c.length;
        }
      }
      jobs.beside({ packed, sizes, level }, [packed.buffer as ArrayBuffer]).then(
        ({ out, lengths }) => {
          let o = 0;
          pages.forEach((p, i) => {
            p.resolve(out.subarray(o, o + lengths[i]!));
            o += lengths[i]!;
          });
        },
        (error: unknown) => pages.forEach((p) => p.reject(error)),
      );
    };
    return {
      add(chunks) {
        const stream = new Promise<Uint8Array>((resolve, reject) => batch.push({ chunks, resolve, reject }));
        for (const c of chunks) bytes += c.length;
        if (bytes >= BATCH_BYTES) flush();
        return stream;
      },
      flush,
    };
  }
}
