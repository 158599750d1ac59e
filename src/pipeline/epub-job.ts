// The EPUB side of a build (EPUB and Kobo EPUB, the EPUB's read-back and word comparison): one function, run on the main thread or in a worker.
import { auditTexts, type AuditResult as WordsAudit } from '../audit/index.js';
import type { Book } from '../model/types.js';
import type { RenderContext } from '../render/context.js';
import type { RenderedOutput } from './formats.js';

export type EpubFormat = 'epub' | 'kepub';

export interface EpubJob {
  book: Book;
  ctx: RenderContext;
  /** Which of the EPUB formats to render, in build order. */
  formats: EpubFormat[];
  /** The text of each story's normalised words (by story id, NormalisedStory.wordText) to audit the EPUB against; absent with --no-audit. */
  expected?: Record<string, string>;
}

export interface EpubJobResult {
  outputs: RenderedOutput[];
  /** Word comparison per story id (only when `expected` was given and an EPUB was rendered). */
  audits: Record<string, WordsAudit>;
}

export type Stage = <T>(name: string, fn: () => Promise<T> | T, detail?: string) => Promise<T>;

/** `beforeAudit`: what the EPUB's read-back waits for (the worker waits until the PDF is laid out, to leave the second core to the layout). */
export async function runEpubJob(job: EpubJob, stage: Stage, hooks: { beforeAudit?: () => Promise<void> } = {}): Promise<EpubJobResult> {
  const { book, ctx } = job;
  const outputs: RenderedOutput[] = [];
  const audits: Record<string, WordsAudit> = {};
  // Renderers are loaded only when a format needs them (counted in the `load` stage).
  const { renderEpub, renderKepub } = await stage('load', () => import('../render/epub/index.js'));
  if (job.formats.includes('epub')) {
    const bytes = await stage('epub', () => renderEpub(book, ctx));
    outputs.push({ format: 'epub', suffix: '.epub', bytes });
    const expected = job.expected;
    if (expected) {
      await hooks.beforeAudit?.();
      const { epubPlainText } = await stage('load', () => import('../render/epub/text.js'));
      await stage('audit', async () => {
        const texts = await epubPlainText(bytes);
        for (const id of Object.keys(expected)) audits[id] = auditTexts(expected[id]!, texts.get(id) ?? '');
      });
    }
  }
  if (job.formats.includes('kepub')) {
    const bytes = await stage('kepub', () => renderKepub(book, ctx));
    outputs.push({ format: 'kepub', suffix: '.kepub.epub', bytes });
  }
  return { outputs, audits };
}
