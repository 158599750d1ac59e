// The build: config → stories (normalise, parse) → book → formats (render, audit) → atomic outputs + report.
import { statSync } from 'node:fs';
import path from 'node:path';
import { FORMATS, LAST_YEAR, type FormatName } from '../config/schema.js';
import { Messages, QuireError } from '../common/diagnostics.js';
import { assembleBook, statedDate, UNDATED } from '../model/book.js';
import type { Book, Story } from '../model/types.js';
import type { RenderContext } from '../render/context.js';
import { DEFAULT_TEMPLATES_DIR, loadTheme, type Theme } from '../templates/theme.js';
import { resolveConfig } from './config.js';
import { inputSpec } from '../config/load.js';
import type { StoryLayoutCache } from '../render/pdf/layout/story-cache.js';
import { expectedWords, storyAudits } from './audits.js';
import { prefetchCover, prepareCover, readCoverImage } from './cover.js';
import { renderFormats, WRITERS } from './formats.js';
import { replaceChapterList } from './chapter-files.js';
import { bookSlug } from '../model/parse.js';
import { templateFiles } from '../templates/files.js';
import type { AnthologyConfig } from '../config/schema.js';
import type { NormaliseCache } from './normalise-cache.js';
import { needsLayout, Renders } from './renders.js';
import type { TASKS } from './tasks.js';
import { pool } from './threads.js';
import { DEFAULT_FORMATS, type BuildOptions } from './options.js';
import { OutputTransaction } from './output.js';
import { storyReport, type BuildReport, type StoryReport } from './report.js';
import { displayPath, loadStories } from './stories.js';
import { VERSION } from '../common/version.js';
import { reviewPage } from '../review/index.js';
import { REVIEW_BESIDE_MIN_CHARS, reviewFile, reviewStories } from './review.js';

export interface BuildResult {
  book: Book;
  report: BuildReport;
  /** Absolute paths of everything written. */
  files: string[];
  /** For zine formats: how to print, fold and staple (the CLI prints it after the build). */
  printing: string[];
  messages: Messages;
}

/** Build the anthology: the library entry point behind `quire build`. */
export function build(options: BuildOptions = {}): Promise<BuildResult> {
  return runBuild(options);
}

/** What watch mode keeps from one build for the next (watch.ts): stories made ready, and stories' PDF layouts. */
export interface BuildCaches {
  stories?: NormaliseCache;
  layouts?: StoryLayoutCache;
}

/** The build, with the caches a watch session keeps between builds (none for a one-shot build). */
export async function runBuild(options: BuildOptions, caches: BuildCaches = {}): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const stage = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    options.onProgress?.(name);
    const start = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = (timings[name] ?? 0) + (performance.now() - start) / 1000;
    }
  };
  /** A task's jobs for this build; the seconds its jobs ran in workers (beside this thread's stages) are reported as `worker:<name>`. */
  const jobs = <N extends keyof typeof TASKS & string>(task: N, name: string = task) => pool.scheduler(task, (s) => (timings[`worker:${name}`] = (timings[`worker:${name}`] ?? 0) + s));
  const formats = validateFormats(options.formats ?? DEFAULT_FORMATS);
  const config = await stage('config', () => resolveConfig(options));
  options.onSources?.(sourceSize(config.stories.map((s) => s.path)));
  const coverFile = await readCoverImage(config);
  const outDir = path.resolve(options.out ?? 'dist');
  const tx = await OutputTransaction.open(outDir);
  const messages = new Messages();
  try {
    const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
    const theme = loadTheme(templatesDir, config.theme, config.theme ? inputSpec(config, config.theme, 'theme', displayPath(config.theme)) : {});
    // No output may replace an input: the book's own files are refused now, its chapter files once they are named.
    tx.protect(buildInputs(config, theme, templatesDir));
    const slug = bookSlug(config.title);
    for (const f of formats) tx.check(`${slug}${WRITERS[f].suffix}`);
    tx.check(`${slug}.report.json`);
    const cover = jobs('cover');
    // The typographic cover is drawn beside the build meanwhile (the EPUB takes it if the book's cover is the same).
    const epub = formats.includes('epub') || formats.includes('kepub');
    if (epub) prefetchCover(cover, templatesDir, config, theme);
    // A cover image is decoded and fitted beside meanwhile (only the EPUB shows it).
    const coverImage = epub && coverFile ? prepareCover(jobs('cover-image', 'cover'), coverFile) : undefined;
    // The PDF renderers load meanwhile, in the main thread's gaps (reading files, waiting for stories made beside).
    if (needsLayout(formats)) void Promise.all([import('../render/pdf/index.js'), import('../impose/index.js')]).catch(() => undefined);
    const { loaded, skipped, seconds } = await loadStories(config, {
      notes: config.notes,
      strict: options.strict ?? false,
      messages,
      jobs: caches.stories ? caches.stories.around(jobs('story')) : jobs('story'),
      ...(options.onProgress && { onProgress: options.onProgress }),
    });
    Object.assign(timings, seconds);
    if (loaded.length === 0) throw nothingToBuild(config, skipped);
    for (const l of loaded) tx.check(l.markdownFile);
    const modified = resolveModified(options, config.date, loaded.map((l) => l.story));
    const owners = [...new Set(loaded.flatMap((l) => (l.normalised.frontMatter.disclaimers ?? []).map((d) => d.owner).filter((o): o is string => !!o)))];
    const book = await stage('assemble', () =>
      assembleBook(
        {
          title: config.title,
          ...(config.subtitle && { subtitle: config.subtitle }),
          ...(config.editor && { editor: config.editor }),
          language: config.language,
          ...(config.description && { description: config.description }),
          ...(config.rights && { rights: config.rights }),
          ...(config.publisher && { publisher: config.publisher }),
          modified: modified ?? UNDATED,
          ...(!modified && { undated: true }),
          notes: config.notes,
        },
        loaded.map((l) => l.story),
        loaded.map((l) => l.normalised.markdown),
        theme,
        templatesDir,
        owners,
      ),
    );
    const ctx: RenderContext = {
      theme,
      templatesDir,
      messages,
      options: {
        trim: config.trim,
        embedFonts: options.embedFonts ?? false,
        print: options.print ?? false,
        bleed: options.bleed ?? false,
        ...(options.shop && { shop: options.shop }),
        pad: options.pad ?? 2,
        ...(options.strict && { strict: true }),
        ...(config.cover && { cover: config.cover }),
      },
    };
    // Both audits compare with each story's normalised words (one string: cheap to send to a worker).
    const expected = options.audit !== false ? Object.fromEntries(loaded.map((l) => [l.story.id, expectedWords(l.normalised)])) : undefined;
    const renderJobs = { epub: jobs('epub'), epubAudit: jobs('epub-audit', 'audit'), pdfAudit: jobs('pdf-audit'), cover, ...(coverImage && { coverImage }), stories: jobs('set-stories', 'layout'), deflate: jobs('deflate'), ...(caches.layouts && { layouts: caches.layouts }) };
    // The report's stories (their audits are filled in when the audits are done), and the review page's story
    // sections (they need nothing the renderers find).
    const stories = loaded.map(({ story, normalised, markdownFile, displaySource }) =>
      storyReport(normalised, { id: story.id, index: story.index, source: displaySource, markdown: markdownFile, title: story.title, authors: story.authors, words: story.wordCount, chapters: story.chapters }),
    );
    const review = reviewStories(stories, loaded, skipped, config);
    const sections = { stories: [...review.stories, ...review.skipped], ...(review.config && { config: review.config }) };
    const renders = new Renders(book, ctx, formats, options, stage, renderJobs, expected);
    // The review page's story sections: a big book's beside the EPUB when no PDF is made; otherwise here, once the
    // formats are rendered, while a big book's PDF is read back beside this thread (the second core is busy with the
    // EPUB and its read-back while the PDF is painted).
    const reviewJobs = jobs('review');
    const reviewBeside = !needsLayout(formats) && reviewJobs.worth(sections.stories.reduce((n, s) => n + (s.source?.text.length ?? 0), 0), REVIEW_BESIDE_MIN_CHARS) ? reviewJobs.beside(sections) : undefined;
    reviewBeside?.catch(() => undefined); // awaited below; a failed build may not get there
    const outputs = await renderFormats(renders, formats);
    messages.list.push(...renders.messages());
    const bodies = await (reviewBeside ?? stage('review', () => reviewJobs.here(sections)));
    await renders.auditedHere();
    // Everything is rendered in memory; only now are files written (as temporaries, renamed at commit), while a
    // big book's PDF is still read back beside this thread.
    const files: string[] = [];
    const written: BuildReport['outputs'] = [];
    await stage('write', async () => {
      for (const l of loaded) files.push(await tx.stage(l.markdownFile, l.normalised.markdown));
      // Chapter files an earlier build wrote and this one does not (unedited) go; the list of them is written anew.
      files.push(await replaceChapterList(tx, 'markdown', new Map(loaded.map((l) => [path.basename(l.markdownFile), l.normalised.markdown])), messages));
      // The outputs are written side by side; a failure is reported for the first failing file in order.
      const staged = await Promise.allSettled(outputs.map((r) => tx.stage(`${book.meta.slug}${r.suffix}`, r.bytes)));
      for (const [i, w] of staged.entries()) {
        if (w.status === 'rejected') throw w.reason;
        const r = outputs[i]!;
        files.push(w.value);
        written.push({ format: r.format, path: displayPath(w.value), bytes: r.bytes.byteLength, ...(r.pages !== undefined && { pages: r.pages }), ...(r.sheets !== undefined && { sheets: r.sheets }) });
      }
    });
    const audits = storyAudits(loaded, await renders.audits());
    for (const s of stories) s.audit = audits[s.id] ?? {};
    const report = makeReport(book, stories, skipped, written, messages, timings);
    const reviewPath = reviewFile(outDir, book.meta.slug);
    report.review = displayPath(reviewPath);
    files.push(await stage('review', () => tx.stage(path.basename(reviewPath), reviewPage({ report, ...review }, bodies))));
    report.timings.review = Math.round(timings.review! * 1000) / 1000;
    const reportFile = await tx.stage(`${book.meta.slug}.report.json`, `${JSON.stringify(report, null, 2)}\n`);
    files.push(reportFile);
    const failed = Object.entries(audits).flatMap(([id, a]) => Object.entries(a).filter(([, r]) => !r.ok).map(([fmt, r]) => ({ id, fmt, r })));
    if (failed.length > 0 && options.audit !== false) {
      const { id, fmt, r } = failed[0]!;
      const l = loaded.find((x) => x.story.id === id)!;
      throw new QuireError(
        `lossless audit failed for the ${fmt.toUpperCase()}: expected "${r.mismatch?.expected.join(' ')}" but found "${r.mismatch?.actual.join(' ')}" (word ${r.mismatch?.index}${r.mismatch?.line !== undefined ? `, in the paragraph at line ${r.mismatch.line} of its chapter ${l.markdownFile}` : ''}); nothing was written`,
        { file: l.displaySource },
      );
    }
    await tx.commit();
    return { book, report, files, messages, printing: outputs.flatMap((r) => (r.instructions ? [r.instructions] : [])) };
  } catch (error) {
    await tx.abort();
    throw error;
  }
}

/** The build's inputs, which no output may replace: stories, config, theme, cover, fonts and templates. */
function buildInputs(config: AnthologyConfig, theme: Theme, templatesDir: string): Array<{ file: string; what: string; display: string }> {
  const input = (file: string, what: string) => ({ file, what, display: displayPath(file) });
  return [
    ...config.stories.map((s) => input(s.path, 'story')),
    ...(config.configPath ? [input(config.configPath, 'config')] : []),
    ...(config.theme ? [input(config.theme, 'theme')] : []),
    ...(config.cover ? [input(config.cover, 'cover image')] : []),
    ...Object.values(theme.fontFiles).map((f) => input(f, 'font')),
    ...templateFiles(templatesDir).map((f) => input(f, 'template')),
  ];
}

/** Every story was skipped as empty: the error names the story (or the config, for several). */
function nothingToBuild(config: AnthologyConfig, skipped: Array<{ source: string; reason: string }>): QuireError {
  if (skipped.length === 1) return new QuireError(`${skipped[0]!.reason}; nothing to build: give a story with text`, { file: skipped[0]!.source });
  const names = skipped.slice(0, 3).map((s) => s.source).join(', ') + (skipped.length > 3 ? ', …' : '');
  return new QuireError(`none of the ${skipped.length} stories has any text left after normalising (${names}); nothing to build`, { file: config.configPath ? displayPath(config.configPath) : skipped[0]?.source });
}

function validateFormats(formats: string[]): FormatName[] {
  const known = new Set<string>(FORMATS);
  for (const f of formats) if (!known.has(f)) throw new QuireError(`--formats: unknown format "${f}" (choose from ${FORMATS.join(', ')})`, { kind: 'usage' });
  if (formats.length === 0) throw new QuireError('--formats: give at least one format', { kind: 'usage' });
  return [...new Set(formats)] as FormatName[];
}

/**
 * SOURCE_DATE_EPOCH (option or env) → config date → the newest date the stories state; undefined when none is known
 * (the book is then undated). Never a file's modification time: content-identical sources give the same book.
 */
function resolveModified(options: BuildOptions, configDate: Date | undefined, stories: Story[]): Date | undefined {
  const env = process.env.SOURCE_DATE_EPOCH;
  const epoch = options.sourceDateEpoch ?? (env ? (/^\s*\d{1,15}\s*$/.test(env) ? Number(env) : NaN) : undefined);
  if (epoch !== undefined) {
    const date = new Date(Math.trunc(epoch) * 1000);
    if (!Number.isFinite(epoch) || epoch < 0 || !(date.getUTCFullYear() <= LAST_YEAR)) {
      const given = options.sourceDateEpoch !== undefined ? String(options.sourceDateEpoch) : env;
      throw new QuireError(`SOURCE_DATE_EPOCH: "${given}" is not a whole number of seconds since 1970 up to the year ${LAST_YEAR}: give one from 0 to ${Date.UTC(LAST_YEAR + 1, 0, 1) / 1000 - 1}, or unset it`);
    }
    return date;
  }
  return configDate ?? statedDate(stories);
}

function makeReport(
  book: Book,
  stories: StoryReport[],
  skipped: Awaited<ReturnType<typeof loadStories>>['skipped'],
  outputs: BuildReport['outputs'],
  messages: Messages,
  timings: Record<string, number>,
): BuildReport {
  const round = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
  return {
    quire: VERSION,
    book: {
      title: book.meta.title,
      ...(book.meta.subtitle && { subtitle: book.meta.subtitle }),
      ...(book.meta.editor && { editor: book.meta.editor }),
      slug: book.meta.slug,
      identifier: book.meta.identifier,
      language: book.meta.language,
      modified: book.meta.modified.toISOString(),
      words: book.stories.reduce((n, s) => n + s.wordCount, 0),
      stories: book.stories.length,
    },
    stories,
    skipped: skipped.map(({ source, reason }) => ({ source, reason })),
    outputs,
    warnings: messages.warnings,
    timings: round,
  };
}

/** The story files' count and total size (a file that cannot be read counts as empty here: reading it fails later, with its own message). */
function sourceSize(files: string[]): { files: number; bytes: number } {
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += statSync(file).size;
    } catch {
      continue;
    }
  }
  return { files: files.length, bytes };
}
