// A reproducible pdfkit document for imposed sheets: fixed metadata dates, sides painted then written in order, bytes collected in memory.
import PDFDocument from 'pdfkit';
import type { DeflaterFor } from '../render/pdf/deflate.js';
import { collectOutput } from '../render/pdf/paint/output.js';
import { PageWriter } from '../render/pdf/paint/page-writer.js';
import type { Doc, ImposeInfo } from './types.js';

export interface SheetDocument {
  doc: Doc;
  /** Add one sheet side of `width` × `height` points and paint it with `draw`. */
  side(width: number, height: number, draw: () => void): void;
  /** Writes the sides, ends the document and resolves with its bytes. */
  finish(): Promise<Uint8Array>;
}

/**
 * A new document without pages, for `sides` sheet sides; CreationDate/ModDate come from `info.modified` so equal
 * input gives equal bytes. The sides' content streams are compressed as pdfkit would (zlib's default level), by
 * `deflater` (default: here).
 */
export function createSheetDocument(info: ImposeInfo, subject: string, sides: number, deflater?: DeflaterFor): SheetDocument {
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    margin: 0,
    compress: true,
    info: {
      Title: info.title,
      ...(info.author ? { Author: info.author } : {}),
      Subject: subject,
      Creator: 'quire',
      Producer: 'quire',
      CreationDate: info.modified,
      ModDate: info.modified,
    },
  });
  const ended = collectOutput(doc);
  const writer = new PageWriter(doc, sides, undefined, deflater);
  return {
    doc,
    side: (width, height, draw) => {
      addSheetPage(doc, width, height);
      writer.paint(draw);
    },
    finish: async () => {
      await writer.finish();
      doc.end();
      return ended;
    },
  };
}

/** Add one sheet side; its TrimBox is the whole sheet (the printed sheet is not trimmed), so preflight finds one on every page. */
function addSheetPage(doc: Doc, width: number, height: number): void {
  doc.addPage({ size: [width, height], margin: 0 });
  (doc.page.dictionary.data as Record<string, unknown>).TrimBox = [0, 0, width, height];
}
