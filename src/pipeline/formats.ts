// The formats quire writes, as pandoc's writers: each format's name → its file's suffix and the function that writes it from the book's renders.
import type { FormatName } from '../config/schema.js';
import type { Renders } from './renders.js';

export interface RenderedOutput {
  format: FormatName;
  /** File name suffix after the book slug, e.g. `.epub`, `-zine.pdf`. */
  suffix: string;
  bytes: Uint8Array;
  pages?: number;
  sheets?: number;
  /** Zine formats: how to print, fold and staple it. */
  instructions?: string;
}

type Written = Omit<RenderedOutput, 'format' | 'suffix'>;

interface Writer {
  suffix: string;
  write(renders: Renders): Promise<Written>;
}

/** The writers, in the order outputs are listed (the EPUB formats first). */
export const WRITERS: Record<FormatName, Writer> = {
  epub: { suffix: '.epub', write: async (r) => ({ bytes: await r.epub('epub') }) },
  kepub: { suffix: '.kepub.epub', write: async (r) => ({ bytes: await r.epub('kepub') }) },
  pdf: {
    suffix: '.pdf',
    async write(r) {
      const pdf = await r.print();
      return { bytes: pdf.bytes, pages: pdf.pageCount };
    },
  },
  zine: {
    suffix: '-zine.pdf',
    async write(r) {
      const [{ source }, { imposeBooklet, printingInstructions }] = await Promise.all([r.print(), import('../impose/index.js')]);
      const { sheet, duplex, marks } = zineOptions(r);
      const o = r.options;
      const zine = await r.stage('zine', () =>
        imposeBooklet(source, { sheet, duplex, ...(o.creep !== undefined && { creepMm: o.creep }), ...(o.signature !== undefined && { signature: o.signature }), marks, info: infoOf(r), deflater: r.deflater }),
      );
      const instructions = printingInstructions({ sheet, duplex, marks, file: `${r.book.meta.slug}-zine.pdf` }, zine.plan);
      return { bytes: zine.bytes, pages: zine.sides, sheets: zine.sheets, instructions };
    },
  },
  minizine: {
    suffix: '-minizine.pdf',
    async write(r) {
      const { imposeMiniZine, miniZinePanel, printingInstructions } = await import('../impose/index.js');
      const { sheet, marks } = zineOptions(r);
      const mini = await r.stage('minizine', async () => imposeMiniZine(await r.miniZine(miniZinePanel(sheet, marks)), { sheet, marks, info: infoOf(r) }));
      return { bytes: mini.bytes, pages: 1, sheets: 1, instructions: printingInstructions({ sheet, marks, file: `${r.book.meta.slug}-minizine.pdf` }, mini.plan) };
    },
  },
};

/** Write the requested formats, in WRITERS order; the first that fails (in that order) fails the build. */
export async function renderFormats(renders: Renders, formats: FormatName[]): Promise<RenderedOutput[]> {
  const wanted = (Object.keys(WRITERS) as FormatName[]).filter((f) => formats.includes(f));
  const written = await Promise.allSettled(wanted.map((f) => WRITERS[f].write(renders)));
  return written.map((w, i) => {
    if (w.status === 'rejected') throw w.reason;
    return { format: wanted[i]!, suffix: WRITERS[wanted[i]!].suffix, ...w.value };
  });
}

function zineOptions(r: Renders): { sheet: 'a4' | 'letter'; duplex: 'short' | 'long'; marks: boolean } {
  const trim = r.trim;
  return { sheet: r.options.sheet ?? (trim === 'digest' || trim === 'letter' ? 'letter' : 'a4'), duplex: r.options.duplex ?? 'short', marks: r.options.marks ?? false };
}

function infoOf(r: Renders): { title: string; author: string; modified: Date } {
  const meta = r.book.meta;
  return { title: meta.title, author: meta.editor ?? meta.authors.join(', '), modified: meta.modified };
}
