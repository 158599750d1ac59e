// Writes a pdfkit document's pages once their content streams are deflated (by jobs beside the painter for a long book), in the order and bytes page-by-page writing gives.
import type PDFDocument from 'pdfkit';
import { deflateEachHere, type DeflaterFor, type PageDeflater } from '../deflate.js';

type Doc = InstanceType<typeof PDFDocument>;

interface PdfkitRef {
  data: Record<string, unknown>;
  end(chunk?: unknown): void;
}

/** pdfkit's page content reference (PDFReference) before it is written. */
interface PageContent {
  buffer: Uint8Array[];
  compress: boolean;
  data: Record<string, unknown>;
  finalize(): void;
}

interface DocInternals {
  page: { content: PageContent };
  _pageBuffer: Array<{ content: PageContent }>;
  _security?: unknown;
  ref(data?: object): PdfkitRef;
  _write(data: string | Uint8Array): void;
}

/**
 * Drives a document made with `bufferPages: true`: `paint` draws one page (after `addPage`) and hands its content
 * stream to the deflater while the next pages are painted; `finish` then writes the pages in order. Objects that
 * pdfkit writes as soon as painting makes them (link annotations, Form XObjects) are held back and written just
 * before their page, as they would have been between writing the previous page and this one. Object numbers are
 * taken while painting, as usual, so the file is byte for byte the one page-by-page writing gives.
 */
export class PageWriter {
  private readonly d: DocInternals;
  private readonly deflater: PageDeflater;
  private readonly streams: Array<Uint8Array | Promise<Uint8Array> | undefined> = [];
  private readonly held: Array<Array<() => void>> = [];
  private holding: Array<() => void> | undefined;
  /** The deflated stream of the content object being written (writeAsItStands). */
  private streaming: Uint8Array | undefined;

  /**
   * `level`: the zlib level of the content streams (undefined: zlib's default, as pdfkit's own compression);
   * `deflater`: who deflates them (default: here, page by page).
   */
  constructor(
    private readonly doc: Doc,
    pageCount: number,
    level?: number,
    deflater: DeflaterFor = deflateEachHere,
  ) {
    this.d = doc as unknown as DocInternals;
    this.deflater = deflater(pageCount, level);
    const ref = this.d.ref;
    const writer = this;
    // Every object made while a page is painted ends through here: held for that page, or written at once.
    this.d.ref = function (this: DocInternals, data?: object): PdfkitRef {
      const made = ref.call(this, data);
      const end = made.end;
      made.end = (chunk?: unknown): void => {
        if (!writer.holding) return end.call(made, chunk);
        // Written later as it stands now: pdfkit may change the object's entries once it has ended it (a structure
        // element clears its kids after writing them).
        const entries = { ...made.data };
        writer.holding.push(() => {
          made.data = entries;
          end.call(made, chunk);
        });
      };
      return made;
    };
  }

  /** Paint the current (just added) page with `draw`, then pass its content stream to the deflater. */
  paint(draw: () => void): void {
    this.held.push((this.holding = []));
    try {
      draw();
    } finally {
      this.holding = undefined;
    }
    const content = this.d.page.content;
    if (!content.buffer.length) {
      this.streams.push(undefined);
      return;
    }
    this.streams.push(this.deflater.add(content.buffer));
    content.buffer = [];
  }

  /** Once every page is painted: each page's deflated content stream, in order (none for a page with no content). */
  async deflated(): Promise<Array<Uint8Array | undefined>> {
    this.deflater.flush();
    return Promise.all(this.streams);
  }

  /** Write every painted page in order. */
  async finish(): Promise<void> {
    delete (this.d as Partial<DocInternals>).ref;
    this.deflater.flush();
    const pages = this.d._pageBuffer;
    if (pages.length !== this.streams.length) throw new Error(`PageWriter: ${pages.length} pages added but ${this.streams.length} painted`);
    // Each deflated stream goes into the file as it stands (not for an encrypted document): `undo` ends that.
    const undo = this.streamAsItStands();
    try {
      for (let i = 0; i < pages.length; i++) {
        const page = pages[i]!;
        const pending = this.streams[i];
        if (pending) {
          const stream = await pending;
          const content = page.content;
          content.compress = false;
          content.data.Filter = 'FlateDecode';
          if (undo) this.writeAsItStands(content, stream);
          else content.buffer = [stream];
        }
        for (const write of this.held[i]!) write();
        this.d._pageBuffer = [page];
        this.doc.flushPages();
      }
    } finally {
      undo?.();
    }
  }

  /**
   * pdfkit joins a stream's chunks into a new array before writing it (`concat` in PDFReference.finalize): for a
   * page's one deflated stream that is a copy per page, which cost the large book ≈ 0.1 s of allocations. Here the
   * object is written with no chunks, and its stream goes in just before its `endobj`, as finalize writes it
   * (`stream`, bytes, `endstream`). Returns the undo, or undefined for an encrypted document (its streams must go
   * through finalize).
   */
  private streamAsItStands(): (() => void) | undefined {
    const d = this.d;
    if (d._security) return undefined;
    const write = d._write;
    d._write = (data: string | Uint8Array): void => {
      const stream = this.streaming;
      if (stream !== undefined && data === 'endobj') {
        this.streaming = undefined;
        write.call(d, 'stream');
        write.call(d, stream);
        write.call(d, '\nendstream');
      }
      write.call(d, data);
    };
    return () => {
      d._write = write;
    };
  }

  /** Let pdfkit write `content` as an object with no stream chunks, its Length that of `stream`, which goes in before its end. */
  private writeAsItStands(content: PageContent, stream: Uint8Array): void {
    content.buffer = [];
    content.data.Length = stream.length;
    const finalize = content.finalize;
    content.finalize = (): void => {
      this.streaming = stream;
      finalize.call(content);
      // (Written by then: finalize ends with endobj.)
      this.streaming = undefined;
    };
  }
}
