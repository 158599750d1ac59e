// Renders the requested formats from one book (the EPUB side in a worker for big books) and runs the lossless audit on the EPUB and PDF text.
import { countWords, type AuditResult as WordsAudit } from '../audit/index.js';
import type { FormatName } from '../config/schema.js';
import { blocksText, type Block, type Book } from '../model/types.js';
import type { RenderContext } from '../render/context.js';
import type { AuditResult, StoryReport } from './report.js';
import type { BuildOptions } from './options.js';
import type { LoadedStory } from './stories.js';
import { runEpubJob, type EpubFormat, type EpubJob, type EpubJobResult, type Stage } from './epub-job.js';
import { startEpubWorker, useEpubWorker, WorkerFailure, type EpubThreadResult, type EpubWorkerRun } from './epub-thread.js';
import { auditPdfTexts } from './pdf-audit.js';
import { Messages } from '../common/diagnostics.js';

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

/** Whether any of `formats` is made from the PDF layout (the PDF, the zine, the mini-zine). */
export function needsLayout(formats: FormatName[]): boolean {
  return formats.includes('pdf') || formats.includes('zine') || formats.includes('minizine');
}

export async function renderFormats(
  book: Book,
  loaded: LoadedStory[],
  ctx: RenderContext,
  formats: FormatName[],
  options: BuildOptions,
  stage: Stage,
): Promise<{ outputs: RenderedOutput[]; audits: Record<string, StoryReport['audit']>; workerTimings?: Record<string, number> }> {
  const audit = options.audit !== false;
  const epubFormats = formats.filter((f): f is EpubFormat => f === 'epub' || f === 'kepub');
  const withLayout = needsLayout(formats);
  // Both sides compare their words with those of each story's normalised text (one string: cheap to send to a worker).
  const expected = audit ? Object.fromEntries(loaded.map((l) => [l.story.id, l.normalised.wordText])) : undefined;
  const job: EpubJob = { book, ctx, formats: epubFormats, ...(expected && { expected }) };

  // A big book renders its EPUB in a worker while this thread lays out the PDF; the results are merged below
  // exactly as if the EPUB had come first (its messages before the PDF's, its outputs and audits first).
  const messagesAt = ctx.messages.list.length;
  let epub: EpubJobResult | undefined;
  let pending: Promise<EpubThreadResult> | undefined;
  let run: EpubWorkerRun | undefined;
  if (epubFormats.length > 0 && useEpubWorker(book, withLayout)) {
    // Timed here: starting the worker and cloning the book into it (the EPUB itself runs beside the PDF). The
    // worker renders the EPUB at once but reads it back only once the PDF is laid out: until then the second
    // core is the story layout worker's (the large book, read-back deferred or not: 8.0 s against 9.7 s).
    run = await stage('worker', () => startEpubWorker(job, { deferAudit: true }));
    pending = run.result;
    pending.catch(() => undefined); // awaited below; an early failure must not count as unhandled
  } else if (epubFormats.length > 0 && !withLayout) epub = await runEpubJob(job, stage);
  // A small book's EPUB is rendered here after the PDF, by when the cover worker has drawn its cover (the EPUB
  // waited up to 0.15 s for it before); its messages and outputs still come first.
  const epubAfter = epubFormats.length > 0 && !pending && !epub;
  const epubHere = async (): Promise<EpubJobResult> => {
    const messages = new Messages();
    try {
      return await runEpubJob({ ...job, ctx: { ...ctx, messages } }, stage);
    } finally {
      ctx.messages.list.splice(messagesAt, 0, ...messages.list);
    }
  };

  let layout: Awaited<ReturnType<typeof renderLayoutFormats>> | undefined;
  try {
    if (withLayout) layout = await renderLayoutFormats(book, ctx, formats, options, stage, expected, () => run?.startAudit());
  } catch (error) {
    run?.startAudit();
    // The EPUB comes first: if it failed too, its error is the one a single-thread build would have thrown.
    if (pending) await unlessWorkerFailed(pending);
    if (epubAfter) await epubHere();
    throw error;
  }
  if (epubAfter) epub = await epubHere();
  run?.startAudit(); // (a no-op once the layout's hook has let the read-back start)
  let workerTimings: Record<string, number> | undefined;
  if (pending) {
    const result = await stage('worker-wait', () => unlessWorkerFailed(pending!));
    if (result) {
      ctx.messages.list.splice(messagesAt, 0, ...result.messages);
      workerTimings = result.timings;
      epub = result;
    } else {
      // The worker could not do it (it could not start, or crashed): render here after all, messages in their place.
      epub = await epubHere();
    }
  }

  const outputs = [...(epub?.outputs ?? []), ...(layout?.outputs ?? [])];
  const audits: Record<string, StoryReport['audit']> = {};
  if (audit) {
    for (const l of loaded) {
      const epubWords = epub?.audits[l.story.id];
      const pdfWords = layout?.words?.[l.story.id];
      if (epubWords) (audits[l.story.id] ??= {}).epub = auditResult(l, epubWords);
      if (pdfWords) (audits[l.story.id] ??= {}).pdf = auditResult(l, pdfWords);
    }
  }
  return { outputs, audits, ...(workerTimings && { workerTimings }) };
}

/** The worker's result; undefined when the worker itself failed (not the job): the job then runs here. */
function unlessWorkerFailed(pending: Promise<EpubThreadResult>): Promise<EpubThreadResult | undefined> {
  return pending.catch((error: unknown) => (error instanceof WorkerFailure ? undefined : Promise.reject(error)));
}

/** PDF, zine and mini-zine from one layout, and the word comparison of the PDF text. */
async function renderLayoutFormats(
  book: Book,
  ctx: RenderContext,
  formats: FormatName[],
  options: BuildOptions,
  stage: Stage,
  expected: Record<string, string> | undefined,
  afterLayout?: () => void,
): Promise<{ outputs: RenderedOutput[]; words?: Record<string, WordsAudit> }> {
  const outputs: RenderedOutput[] = [];
  // Renderers are loaded only when a format needs them (an EPUB-only build never loads pdfkit).
  const [{ renderPdf, pdfStoryText, releasePaintedRuns }, { imposeBooklet, imposeMiniZine, pageSourceFromLayout, printingInstructions }] = await stage('load', () =>
    Promise.all([import('../render/pdf/index.js'), import('../impose/index.js')]),
  );
  const pdf = await stage('pdf', () => renderPdf(book, ctx, { ...(afterLayout && { afterLayout }) }));
  if (formats.includes('pdf')) outputs.push({ format: 'pdf', suffix: '.pdf', bytes: pdf.bytes, pages: pdf.pageCount });
  let words: Record<string, WordsAudit> | undefined;
  if (expected) {
    words = await stage('audit', () => auditPdfTexts(expected, pdfStoryText(pdf.layout)));
  }
  // Painted pages are placed from their content streams from now on: their runs can go before the zine is made.
  releasePaintedRuns(pdf.layout);
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
  return { outputs, ...(words && { words }) };
}

/** The report's audit entry for one story from its word comparison (the source line only on a mismatch). */
function auditResult(l: LoadedStory, result: WordsAudit): AuditResult {
  const words = l.normalised.wordCount;
  if (result.ok) return { ok: true, words };
  const index = result.index ?? 0;
  const line = lineOfWord(l.story.blocks, index);
  return {
    ok: false,
    words,
    mismatch: { index, expected: result.expected ?? [], actual: result.actual ?? [], ...(line !== undefined && { line }) },
  };
}

/** The chapter-markdown line of the block holding the story's n-th word (0-based). */
function lineOfWord(blocks: Block[], n: number): number | undefined {
  let seen = 0;
  let last: number | undefined;
  for (const block of blocks) {
    seen += countWords(blocksText([block]));
    if ('line' in block && block.line !== undefined) last = block.line;
    if (seen > n) return last;
  }
  return last;
}
