// Deflates page content streams on zlib's own threads (libuv's pool), so the painter goes on with the next pages meanwhile: the same zlib, the same bytes as deflateSync.
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);

/** One page's content stream deflated at `level` (zlib's default, as pdfkit's own compression, when undefined). */
export function deflatePage(chunks: Uint8Array[], level: number | undefined): Promise<Uint8Array> {
  const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return deflateAsync(raw, level === undefined ? {} : { level });
}
