// The EPUB jobs: render the EPUB formats of a book, and read an EPUB back for the lossless audit; run beside the PDF for a big book, here for a small one.
import { auditTexts, type AuditResult, type ExpectedWords } from '../audit/index.js';
import { Messages, type Message } from '../common/diagnostics.js';
import type { Task } from '../parallel/pool.js';
import type { Book } from '../model/types.js';
import type { RenderContext } from '../render/context.js';
import type { EpubAssets } from '../render/epub/index.js';

export type EpubFormat = 'epub' | 'kepub';

export interface EpubInput {
  book: Book;
  /** What the EPUB renderers read of the render context (their messages come back in the output). */
  ctx: Omit<RenderContext, 'messages'>;
  /** Which of the EPUB formats to render. */
  formats: EpubFormat[];
  /** The typographic cover's PNG, when the book has no cover image. */
  coverPng?: Uint8Array;
  /** The book's cover image, decoded and fitted. */
  coverImage?: EpubAssets['coverImage'];
  /** The print edition's pages, when the PDF is made too. */
  pageList?: EpubAssets['pageList'];
  /** Each story's normalised words (by story id): the EPUB is read back and compared in the same job (a big book's beside the PDF). */
  expected?: Record<string, ExpectedWords>;
}

export interface EpubOutput {
  /** The EPUB files, in the order of `formats`. */
  files: Uint8Array[];
  /** Messages the renderers added, in order. */
  messages: Message[];
  /** The EPUB's word comparisons, when `expected` was given and the EPUB format is made. */
  audits?: Record<string, AuditResult>;
}

export const render: Task<EpubInput, EpubOutput> = {
  big: true,
  async run({ book, ctx, formats, coverPng, coverImage, pageList, expected }) {
    const { renderEpub, renderKepub } = await import('../render/epub/index.js');
    const messages = new Messages();
    const files: Uint8Array[] = [];
    const assets = { ...(coverPng && { coverPng }), ...(coverImage && { coverImage }), ...(pageList && { pageList }) };
    for (const format of formats) files.push(await (format === 'epub' ? renderEpub : renderKepub)(book, { ...ctx, messages }, assets));
    const epub = files[formats.indexOf('epub')];
    // Read back where the file is: a worker's EPUB would otherwise wait for a busy main thread to send it back.
    const audits = expected && epub && (await audit.run({ epub, expected }));
    return { files, messages: messages.list, ...(audits && { audits }) };
  },
  pack: (output) => ({ message: output, transfer: output.files.map((f) => f.buffer as ArrayBuffer) }),
};

export interface EpubAuditInput {
  epub: Uint8Array;
  /** Each story's normalised words (by story id: NormalisedStory.wordText and its tally). */
  expected: Record<string, ExpectedWords>;
}

/** Each story's words in the EPUB compared with its normalised words. */
export const audit: Task<EpubAuditInput, Record<string, AuditResult>> = {
  async run({ epub, expected }) {
    const { epubPlainText } = await import('../render/epub/text.js');
    const texts = await epubPlainText(epub);
    return Object.fromEntries(Object.keys(expected).map((id) => [id, auditTexts(expected[id]!, texts.get(id) ?? '')]));
  },
};
