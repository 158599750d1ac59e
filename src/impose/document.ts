// A reproducible pdfkit document for imposed sheets: fixed metadata dates, bytes collected in memory.
import PDFDocument from 'pdfkit';
import type { Doc, ImposeInfo } from './types.js';

export interface SheetDocument {
  doc: Doc;
  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Uint8Array>;
}

/** A new document without pages; CreationDate/ModDate come from `info.modified` so equal input gives equal bytes. */
export function createSheetDocument(info: ImposeInfo, subject: string): SheetDocument {
  const doc = new PDFDocument({
    autoFirstPage: false,
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
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return ended;
    },
  };
}

/** Add one sheet side; its TrimBox is the whole sheet (the printed sheet is not trimmed), so preflight finds one on every page. */
export function addSheetPage(doc: PDFKit.PDFDocument, width: number, height: number): void {
  doc.addPage({ size: [width, height], margin: 0 });
  (doc.page.dictionary.data as Record<string, unknown>).TrimBox = [0, 0, width, height];
}
