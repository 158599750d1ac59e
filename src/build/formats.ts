// Renders the requested formats from one book and runs the lossless audit on the EPUB and PDF text.
import { auditWords, wordsOf } from '../audit/index.js';
import type { FormatName } from '../config/schema.js';
import { blocksText, type Block, type Book } from '../model/types.js';
import type { RenderContext } from '../render/context.js';
import type { AuditResult, StoryReport } from './report.js';
import type { BuildOptions } from './options.js';
import type { LoadedStory } from './stories.js';

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

type Stage = <T>(name: string, fn: () => Promise<T> | T, detail?: string) => Promise<T>;

export async function renderFormats(
  book: Book,
  loaded: LoadedStory[],
  ctx: RenderContext,
  formats: FormatName[],
  options: BuildOptions,
  stage: Stage,
): Promise<{ outputs: RenderedOutput[]; audits: Record<string, StoryReport['audit']> }> {
  const outputs: RenderedOutput[] = [];
  const audits: Record<string, StoryReport['audit']> = {};
  const audit = options.audit !== false;
  const record = (format: 'epub' | 'pdf', texts: Map<string, string>): void => {
    for (const l of loaded) {
      // PDF lines may end in a hyphen the layout added: rejoin those words.
      const result = auditStory(l, texts.get(l.story.id) ?? '', format === 'pdf');
      (audits[l.story.id] ??= {})[format] = result;
    }
  };

  // Renderers are loaded only when a format needs them (an EPUB-only build never loads pdfkit).
  if (formats.includes('epub')) {
    const { renderEpub } = await import('../render/epub/index.js');
    const { epubPlainText } = await import('../render/epub/text.js');
    const bytes = await stage('epub', () => renderEpub(book, ctx));
    outputs.push({ format: 'epub', suffix: '.epub', bytes });
    if (audit) record('epub', await stage('audit', () => epubPlainText(bytes)));
  }
  if (formats.includes('kepub')) {
    const { renderKepub } = await import('../render/epub/index.js');
    const bytes = await stage('kepub', () => renderKepub(book, ctx));
    outputs.push({ format: 'kepub', suffix: '.kepub.epub', bytes });
  }
  const needsLayout = formats.includes('pdf') || formats.includes('zine') || formats.includes('minizine');
  if (needsLayout) {
    const { renderPdf, pdfStoryText } = await import('../render/pdf/index.js');
    const { imposeBooklet, imposeMiniZine, pageSourceFromLayout, printingInstructions } = await import('../impose/index.js');
    const pdf = await stage('pdf', () => renderPdf(book, ctx));
    if (formats.includes('pdf')) outputs.push({ format: 'pdf', suffix: '.pdf', bytes: pdf.bytes, pages: pdf.pageCount });
    if (audit) record('pdf', await stage('audit', () => pdfStoryText(pdf.layout)));
    const source = pageSourceFromLayout(pdf.layout);
    const info = { title: book.meta.title, author: book.meta.editor ?? book.meta.authors.join(', '), modified: book.meta.modified };
    const sheet = options.sheet ?? (ctx.options.trim === 'digest' || ctx.options.trim === 'letter' ? 'letter' : 'a4');
    const duplex = options.duplex ?? 'short';
    if (formats.includes('zine')) {
      const zine = await stage('zine', () =>
        imposeBooklet(source, {
          sheet,
          duplex,
          ...(options.creep !== undefined && { creepMm: options.creep }),
          ...(options.signature !== undefined && { signature: options.signature }),
          marks: options.marks ?? false,
          info,
        }),
      );
      const file = `${book.meta.slug}-zine.pdf`;
      outputs.push({ format: 'zine', suffix: '-zine.pdf', bytes: zine.bytes, pages: zine.sides, sheets: zine.sheets, instructions: printingInstructions({ sheet, duplex, marks: options.marks ?? false, file }, zine.plan) });
    }
    if (formats.includes('minizine')) {
      const mini = await stage('minizine', () => imposeMiniZine(source, { sheet, marks: options.marks ?? false, info }));
      const file = `${book.meta.slug}-minizine.pdf`;
      outputs.push({ format: 'minizine', suffix: '-minizine.pdf', bytes: mini.bytes, pages: 1, sheets: 1, instructions: printingInstructions({ sheet, marks: options.marks ?? false, file }, mini.plan) });
    }
  }
  return { outputs, audits };
}

function auditStory(l: LoadedStory, renderedText: string, joinLineEndHyphens: boolean): AuditResult {
  const expected = l.normalised.words;
  const actual = wordsOf(renderedText, { joinLineEndHyphens });
  const result = auditWords(expected, actual);
  if (result.ok) return { ok: true, words: expected.length };
  const index = result.index ?? 0;
  const line = lineOfWord(l.story.blocks, index);
  return {
    ok: false,
    words: expected.length,
    mismatch: { index, expected: result.expected ?? [], actual: result.actual ?? [], ...(line !== undefined && { line }) },
  };
}

/** The chapter-markdown line of the block holding the story's n-th word (0-based). */
function lineOfWord(blocks: Block[], n: number): number | undefined {
  let seen = 0;
  let last: number | undefined;
  for (const block of blocks) {
    seen += wordsOf(blocksText([block])).length;
    if ('line' in block && block.line !== undefined) last = block.line;
    if (seen > n) return last;
  }
  return last;
}
