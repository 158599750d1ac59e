// What the formats are made from, each made once: the EPUB files and the print PDF (with its layout and page source); and where each is made — a big book's EPUB beside the PDF, a small book's after it.
import type { AuditResult as WordsAudit, ExpectedWords } from '../audit/index.js';
import { Messages } from '../common/diagnostics.js';
import type { FormatName } from '../config/schema.js';
import type { Book } from '../model/types.js';
import type { Scheduler } from '../parallel/pool.js';
import type { RenderContext } from '../render/context.js';
import { deflateEachHere, shareDeflating, type DeflateBatch, type DeflatedBatch, type DeflaterFor } from '../render/pdf/deflate.js';
import type { StoryLayoutCache } from '../render/pdf/layout/story-cache.js';
import type { StoryJob, StoryJobResult } from '../render/pdf/layout/story-job.js';
import type { LaidOutBook, PaintedPages } from '../render/pdf/index.js';
import type { PageBreak, PageList } from '../render/page-breaks.js';
import type { PageSource } from '../impose/types.js';
import type { PdfAuditInput } from './audits.js';
import { coverPng, type CoverDraw } from './cover.js';
import type { CoverImage } from '../render/epub/cover-image.js';
import type { EpubAuditInput, EpubFormat, EpubInput, EpubOutput } from './epub-task.js';
import type { BuildOptions } from './options.js';

/** A build stage, timed (index.ts). */
export type Stage = <T>(name: string, fn: () => Promise<T> | T) => Promise<T>;

/** Where the formats' jobs run (threads.ts gives the build's; watch mode wraps them with its caches). */
export interface RenderJobs {
  epub: Scheduler<EpubInput, EpubOutput>;
  epubAudit: Scheduler<EpubAuditInput, Record<string, WordsAudit>>;
  pdfAudit: Scheduler<PdfAuditInput, Record<string, WordsAudit>>;
  cover: Scheduler<CoverDraw, Uint8Array>;
  /** The config's cover image, decoded and fitted (started as the build begins). */
  coverImage?: Promise<CoverImage>;
  /** The PDF's page-stream deflating (a long PDF's pages in batches beside the painter). */
  deflate: Scheduler<DeflateBatch, DeflatedBatch>;
  /** The PDF layout's story jobs (story-share.ts shares a big book's stories with them). */
  stories: Scheduler<StoryJob, StoryJobResult>;
  /** Watch mode: the stories' layouts kept from earlier builds. */
  layouts?: StoryLayoutCache;
}

/** The print PDF and what the zines are imposed from. */
export interface Print {
  bytes: Uint8Array;
  pageCount: number;
  /** The pages as painted, for imposition. */
  source: PageSource;
}

/** Whether any of `formats` is made from the print PDF's layout (the mini-zine has its own: miniZine()). */
export function needsLayout(formats: FormatName[]): boolean {
  return formats.some((f) => f === 'pdf' || f === 'zine');
}

/**
 * Books of at least this many words render their EPUB beside the PDF, and read the PDF back beside the zine (when a
 * worker can be had). Measured on 2 cores: the jobs always shorten the main thread (the large book by the whole EPUB
 * and its audit, ≈ 1.2 s; by most of the PDF's read-back, ≈ 0.9 s), but starting a worker and cloning the book or
 * the painted pages into it costs ≈ 0.2 s of CPU, which a loaded machine pays in wall time.
 */
export const BESIDE_MIN_WORDS = 50_000;

/**
 * The book's renders for one build. Each is made on first use and its messages are kept apart, then listed in
 * format order (the EPUB's before the PDF's), whatever thread made them and when.
 */
export class Renders {
  /** Each story's normalised words (by story id) for the lossless audit; absent with --no-audit. */
  private readonly expected: Record<string, ExpectedWords> | undefined;
  private readonly epubFormats: EpubFormat[];
  private readonly layoutFormats: boolean;
  /** A big book's EPUB (and its read-back) is made beside the PDF. */
  private readonly epubBeside: boolean;
  /** A big book's PDF is read back (for the audit) beside the zine. */
  private readonly pdfAuditBeside: boolean;
  /** Deflates the print PDF's page streams: a long document's in batches beside this thread. */
  private readonly printDeflater: DeflaterFor;
  private readonly epubMessages = new Messages();
  private readonly printMessages = new Messages();
  private epubJob: Promise<EpubOutput> | undefined;
  private printJob: Promise<Print> | undefined;
  private pdfAuditJob: Promise<Record<string, WordsAudit>> | undefined;
  private epubAuditJob: Promise<Record<string, WordsAudit>> | undefined;
  /** The EPUB to read back, once rendered. */
  private epubFile: Uint8Array | undefined;
  /** The PDF is laid out (or failed, or none is made): the EPUB's read-back waits for it, to leave the second core to the layout. */
  private isLaidOut = false;
  /** Resolved when the PDF is laid out (or failed): a big book's EPUB starts then, with the page list. */
  private readonly laidOut: Promise<void>;
  private signalLaidOut!: () => void;
  /** The print edition's pages, from the PDF's layout, for the EPUB's page list (none without the PDF). */
  private pageList: PageList | undefined;

  constructor(
    readonly book: Book,
    private readonly ctx: RenderContext,
    formats: FormatName[],
    readonly options: BuildOptions,
    readonly stage: Stage,
    private readonly jobs: RenderJobs,
    expected: Record<string, ExpectedWords> | undefined,
  ) {
    this.expected = expected;
    this.epubFormats = formats.filter((f): f is EpubFormat => f === 'epub' || f === 'kepub');
    this.layoutFormats = needsLayout(formats);
    this.printDeflater = shareDeflating(jobs.deflate);
    const words = book.stories.reduce((n, s) => n + s.wordCount, 0);
    this.epubBeside = this.epubFormats.length > 0 && this.layoutFormats && jobs.epub.worth(words, BESIDE_MIN_WORDS);
    this.pdfAuditBeside = this.layoutFormats && jobs.pdfAudit.worth(words, BESIDE_MIN_WORDS);
    this.laidOut = new Promise((resolve) => (this.signalLaidOut = resolve));
    if (!this.layoutFormats) this.layoutDone();
    // The EPUB marks the print edition's pages, so it is rendered once the PDF is laid out: a big book's beside the
    // PDF's paint and zine, a small book's after the PDF, on this thread (by when the cover is drawn, too).
    if (this.epubBeside) this.epubJob = this.laidOut.then(() => this.renderEpub());
  }

  /**
   * Who deflates the zines' sides: as the print PDF's pages, but here while the PDF is read back beside this thread
   * (the read-back is the longer job: the zine's batches would wait behind it).
   */
  get deflater(): DeflaterFor {
    return this.pdfAuditJob && this.pdfAuditBeside ? deflateEachHere : this.printDeflater;
  }

  /** The PDF's page size. */
  get trim(): RenderContext['options']['trim'] {
    return this.ctx.options.trim;
  }

  /** An EPUB format's file. */
  async epub(format: EpubFormat): Promise<Uint8Array> {
    this.epubJob ??= this.settled(this.layoutFormats ? this.print() : undefined).then(() => this.renderEpub());
    return (await this.epubJob).files[this.epubFormats.indexOf(format)]!;
  }

  /** The print PDF: laid out (the stories shared with a job beside this thread), painted, and audited. */
  print(): Promise<Print> {
    this.printJob ??= this.renderPrint();
    return this.printJob;
  }

  /** The mini-zine's pages: the stories laid out for its `panel`-sized pages. */
  async miniZine(panel: { width: number; height: number }): Promise<PageSource> {
    const [{ layoutMiniZine }, { pageSourceFromLayout }] = await Promise.all([import('../render/pdf/index.js'), import('../impose/index.js')]);
    return pageSourceFromLayout(layoutMiniZine(this.book, { ...this.ctx, messages: this.printMessages }, panel));
  }

  /** The EPUB's and the PDF's word comparisons, per story id (none with --no-audit). */
  async audits(): Promise<{ epub?: Record<string, WordsAudit>; pdf?: Record<string, WordsAudit> }> {
    if (!this.expected) return {};
    const epub = this.epubAuditJob && (await this.epubAuditJob);
    const pdf = this.printJob && (await this.printJob, await this.pdfAuditJob);
    return { ...(epub && { epub }), ...(pdf && { pdf }) };
  }

  /** Once the audits that run on this thread are done (the write stage then times its own work, not theirs); the ones beside go on. */
  async auditedHere(): Promise<void> {
    const here = [this.epubBeside ? undefined : this.epubAuditJob, this.pdfAuditBeside ? undefined : this.pdfAuditJob];
    await Promise.allSettled(here);
  }

  /** The renderers' messages: the EPUB's, then the PDF's. */
  messages(): Messages['list'] {
    return [...this.epubMessages.list, ...this.printMessages.list];
  }

  /** The EPUB formats' files: beside this thread (its time is the worker's) or here (the `epub` stage). */
  private async renderEpub(): Promise<EpubOutput> {
    const { messages: _, ...ctx } = this.ctx;
    const coverImage = this.jobs.coverImage && (await this.jobs.coverImage);
    const cover = ctx.options.cover ? undefined : await coverPng(this.jobs.cover, ctx.templatesDir, this.book.meta, ctx.theme);
    const input: EpubInput = { book: this.book, ctx, formats: this.epubFormats, ...(cover && { coverPng: cover }), ...(coverImage && { coverImage }), ...(this.pageList && { pageList: this.pageList }) };
    // A big book's EPUB is read back by the job that makes it, beside the paint; a small book's here, after it.
    if (this.epubBeside && this.expected) input.expected = this.expected;
    const output = await (this.epubBeside ? this.jobs.epub.beside(input) : this.stage('epub', () => this.jobs.epub.here(input)));
    this.epubMessages.list.push(...output.messages);
    if (output.audits) this.epubAuditJob = Promise.resolve(output.audits);
    else if (this.epubFormats.includes('epub')) this.epubFile = output.files[0];
    this.startEpubAudit();
    return output;
  }

  /** Read a small book's EPUB back and compare its words, once it is rendered and the PDF laid out (called at both moments). */
  private startEpubAudit(): void {
    if (this.epubAuditJob || !this.expected || !this.epubFile || !this.isLaidOut) return;
    const input = { epub: this.epubFile, expected: this.expected };
    this.epubAuditJob = this.stage('audit', () => this.jobs.epubAudit.here(input));
    this.epubAuditJob.catch(() => undefined); // awaited by audits(); a failed build may not get there
  }

  /** The PDF is laid out (or failed): the EPUB may take its page list and start, its read-back too. */
  private layoutDone(pages?: Map<string, PageBreak[]>): void {
    if (this.isLaidOut) return;
    if (pages && this.epubFormats.length > 0) this.pageList = { source: printEdition(this.book, this.ctx.options.trim), breaks: pages };
    this.isLaidOut = true;
    this.signalLaidOut();
    this.startEpubAudit();
  }

  private async renderPrint(): Promise<Print> {
    // Renderers are loaded only when a format needs them (an EPUB-only build never loads pdfkit).
    const [{ renderPdf, drawnPages, storyPageStarts, releasePaintedRuns, shareStories }, { pageSourceFromLayout }] = await this.stage('load', () => Promise.all([import('../render/pdf/index.js'), import('../impose/index.js')]));
    const ctx = { ...this.ctx, messages: this.printMessages };
    const setStories = shareStories(this.jobs.stories, this.jobs.layouts);
    let pdf: { bytes: Uint8Array; pageCount: number; layout: LaidOutBook };
    // What the PDF draws is read back and compared: a big book's beside the rest, sent once the pages are painted
    // (while the document is written: ≈ 0.3 s sooner than after it); a small book's here, after it. (drawnPages
    // copies what it reads of the runs: they are released below, before even a job here has run.)
    const readBack = (layout: LaidOutBook, painted: PaintedPages | undefined, beside: boolean): void => {
      if (!this.expected || this.pdfAuditJob) return;
      const input = { drawn: drawnPages(layout, painted), expected: this.expected };
      this.pdfAuditJob = beside ? this.jobs.pdfAudit.beside(input) : this.stage('audit', () => this.jobs.pdfAudit.here(input));
      this.pdfAuditJob.catch(() => undefined); // awaited by audits(); a failed build may not get there
    };
    const afterPaint = this.pdfAuditBeside ? (layout: LaidOutBook, painted: PaintedPages) => readBack(layout, painted, true) : undefined;
    try {
      pdf = await this.stage('pdf', () => renderPdf(this.book, ctx, { setStories, deflater: this.printDeflater, afterLayout: (layout) => this.layoutDone(storyPageStarts(layout)), ...(afterPaint && { afterPaint }) }));
    } finally {
      if (!this.isLaidOut) this.layoutDone();
    }
    readBack(pdf.layout, pdf.layout.painted, this.pdfAuditBeside);
    // Painted pages are placed from their content streams from now on: their runs can go before the zine is made.
    releasePaintedRuns(pdf.layout);
    return { bytes: pdf.bytes, pageCount: pdf.pageCount, source: pageSourceFromLayout(pdf.layout) };
  }

  /** Once `job` has settled, whichever way (its own error is thrown where it is awaited). */
  private async settled(job: Promise<unknown> | undefined): Promise<void> {
    await job?.then(
      () => undefined,
      () => undefined,
    );
  }
}

const TRIM_NAMES: Record<RenderContext['options']['trim'], string> = { a5: 'A5', digest: 'digest (5.5 × 8.5 in)', trade: 'trade (6 × 9 in)', a4: 'A4', letter: 'US letter' };

/** The EPUB's name for the print edition its page list follows (pageBreakSource): the book, the PDF, its page size. */
function printEdition(book: Book, trim: RenderContext['options']['trim']): string {
  return `${book.meta.title}, print edition (PDF made by quire, ${TRIM_NAMES[trim]} pages, ${book.meta.identifier})`;
}
