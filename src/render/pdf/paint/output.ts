// Collects a pdfkit document's output bytes in one growing buffer instead of one stream chunk per write.
import type PDFDocument from 'pdfkit';
import { ContentBytes } from './content-bytes.js';

interface WritableDoc {
  _offset: number;
  _write(data: string | Uint8Array): void;
}

/**
 * The bytes of `doc`, resolved when it ends. pdfkit writes every object, header line and xref entry through
 * `_write` (a string gets a newline, as pdfkit's own does); here they go straight into one buffer, and the
 * stream carries only what was written before (the file header) and its end.
 */
export function collectOutput(doc: InstanceType<typeof PDFDocument>): Promise<Uint8Array> {
  const d = doc as unknown as WritableDoc;
  const head: Uint8Array[] = [];
  const sink = new ContentBytes(1 << 20);
  d._write = (data: string | Uint8Array): void => {
    const before = sink.length;
    if (data instanceof Uint8Array) sink.put(data);
    else {
      sink.ascii(String(data));
      sink.byte(0x0a);
    }
    d._offset += sink.length - before;
  };
  return new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => head.push(chunk));
    doc.on('end', () => {
      let size = sink.length;
      for (const h of head) size += h.length;
      const out = new Uint8Array(size);
      let at = 0;
      for (const h of head) {
        out.set(h, at);
        at += h.length;
      }
      out.set(sink.bytes.subarray(0, sink.length), at);
      resolve(out);
    });
    doc.on('error', reject);
  });
}
