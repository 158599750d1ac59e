// The EPUB jobs: render the EPUB formats of a book, and read an EPUB back for the lossless audit; run beside the PDF for a big book, here for a small one.
import { auditTexts, type AuditResult } from '../audit/index.js';
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
}

export interface EpubOutput {
  /** The EPUB files, in the order of `formats`. */
  files: Uint8Array[];
  /** Messages the renderers added, in order. */
  messages: Message[];
}

export const render: Task<EpubInput, EpubOutput> = {
  big: true,
  async run({ book, ctx, formats, coverPng, coverImage }) {
    const { renderEpub, renderKepub } = await import('../render/epub/index.js');
    const messages = new Messages();
    const files: Uint8Array[] = [];
    for (const format of formats) files.push(await (format === 'epub' ? renderEpub : renderKepub)(book, { ...ctx, messages }, { ...(coverPng && { coverPng }), ...(coverImage && { coverImage }) }));
    return { files, messages: messages.list };
  },
  pack: (output) => ({ message: output, transfer: output.files.map((f) => f.buffer as ArrayBuffer) }),
};

export interface EpubAuditInput {
  epub: Uint8Array;
  /** The text of each story's normalised words (by story id, NormalisedStory.wordText). */
  expected: Record<string, string>;
}

/** Each story's words in the EPUB compared with its normalised words. */
export const audit: Task<EpubAuditInput, Record<string, AuditResult>> = {
  async run({ epub, expected }) {
    const { epubPlainText } = await import('../render/epub/text.js');
    const texts = await epubPlainText(epub);
    return Object.fromEntries(Object.keys(expected).map((id) => [id, auditTexts(expected[id]!, texts.get(id) ?? '')]));
  },
};
