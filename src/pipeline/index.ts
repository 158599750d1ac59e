// The build: config → stories (normalise, parse) → book → formats (render, audit) → atomic outputs + report.
import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FORMATS, type FormatName } from '../config/schema.js';
import { Messages, QuireError } from '../common/diagnostics.js';
import { assembleBook } from '../model/book.js';
import type { Book } from '../model/types.js';
import type { RenderContext } from '../render/context.js';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../templates/theme.js';
import { resolveConfig } from './config.js';
import type { StoryLayoutCache } from '../render/pdf/layout/story-cache.js';
import { storyAudits } from './audits.js';
import { checkCoverImage, prefetchCover } from './cover.js';
import { renderFormats } from './formats.js';
import type { NormaliseCache } from './normalise-cache.js';
import { needsLayout, Renders } from './renders.js';
import type { TASKS } from './tasks.js';
import { pool } from './threads.js';
import { DEFAULT_FORMATS, type BuildOptions } from './options.js';
import { OutputTransaction } from './output.js';
import type { BuildReport, StoryReport } from './report.js';
import { displayPath, loadStories } from './stories.js';
import { isChapterMarkdown } from './chapter-input.js';
import { VERSION } from '../common/version.js';
import { summariseStory } from '../normalise/summary.js';

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
  if (config.cover) await checkCoverImage(config.cover, config.configPath ? path.relative(process.cwd(), config.configPath) : 'config');
  const outDir = path.resolve(options.out ?? 'dist');
  const tx = await OutputTransaction.open(outDir);
  const messages = new Messages();
  try {
    const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
    const theme = loadTheme(templatesDir, config.theme);
    const cover = jobs('cover');
    // The typographic cover is drawn beside the build meanwhile (the EPUB takes it if the book's cover is the same).
    if (formats.includes('epub') || formats.includes('kepub')) prefetchCover(cover, templatesDir, config, theme);
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
    if (loaded.length === 0) throw new QuireError('no story has any text left after normalising; nothing to build', { file: config.configPath ? path.relative(process.cwd(), config.configPath) : undefined });
    const modified = await resolveModified(options, config.date, config.stories.map((s) => s.path));
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
          modified,
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
        pad: options.pad ?? 2,
        ...(options.strict && { strict: true }),
        ...(config.cover && { cover: config.cover }),
      },
    };
    // Both audits compare with each story's normalised words (one string: cheap to send to a worker).
    const expected = options.audit !== false ? Object.fromEntries(loaded.map((l) => [l.story.id, l.normalised.wordText])) : undefined;
    const renderJobs = { epub: jobs('epub'), epubAudit: jobs('epub-audit', 'audit'), cover, stories: jobs('set-stories', 'layout'), deflate: jobs('deflate'), ...(caches.layouts && { layouts: caches.layouts }) };
    const renders = new Renders(book, ctx, formats, options, stage, renderJobs, expected);
    const outputs = await renderFormats(renders, formats);
    messages.list.push(...renders.messages());
    const audits = storyAudits(loaded, await renders.audits());
    // Everything is rendered in memory; only now are files written (as temporaries, renamed at commit).
    const files: string[] = [];
    const written: BuildReport['outputs'] = [];
    await stage('write', async () => {
      for (const l of loaded) files.push(await tx.stage(l.markdownFile, l.normalised.markdown));
      // The outputs are written side by side; a failure is reported for the first failing file in order.
      const staged = await Promise.allSettled(outputs.map((r) => tx.stage(`${book.meta.slug}${r.suffix}`, r.bytes)));
      for (const [i, w] of staged.entries()) {
        if (w.status === 'rejected') throw w.reason;
        const r = outputs[i]!;
        files.push(w.value);
        written.push({ format: r.format, path: displayPath(w.value), bytes: r.bytes.byteLength, ...(r.pages !== undefined && { pages: r.pages }), ...(r.sheets !== undefined && { sheets: r.sheets }) });
      }
    });
    const report = makeReport(book, loaded, skipped, written, messages, timings, audits);
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

function validateFormats(formats: string[]): FormatName[] {
  const known = new Set<string>(FORMATS);
  for (const f of formats) if (!known.has(f)) throw new QuireError(`--formats: unknown format "${f}" (choose from ${FORMATS.join(', ')})`, { kind: 'usage' });
  if (formats.length === 0) throw new QuireError('--formats: give at least one format', { kind: 'usage' });
  return [...new Set(formats)] as FormatName[];
}

/** SOURCE_DATE_EPOCH (option or env) → config date → newest source mtime: the same inputs give the same date. */
async function resolveModified(options: BuildOptions, configDate: Date | undefined, sources: string[]): Promise<Date> {
  const epoch = options.sourceDateEpoch ?? (process.env.SOURCE_DATE_EPOCH ? Number(process.env.SOURCE_DATE_EPOCH) : undefined);
  if (epoch !== undefined) {
    if (!Number.isFinite(epoch)) throw new QuireError(`SOURCE_DATE_EPOCH must be a number of seconds, not "${process.env.SOURCE_DATE_EPOCH}"`, { kind: 'usage' });
    return new Date(Math.trunc(epoch) * 1000);
  }
  if (configDate) return configDate;
  let newest = 0;
  for (const s of sources) newest = Math.max(newest, (await stat(s)).mtimeMs);
  return new Date(Math.floor(newest / 1000) * 1000);
}

function makeReport(
  book: Book,
  loaded: Awaited<ReturnType<typeof loadStories>>['loaded'],
  skipped: BuildReport['skipped'],
  outputs: BuildReport['outputs'],
  messages: Messages,
  timings: Record<string, number>,
  audits: Record<string, StoryReport['audit']>,
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
    stories: loaded.map(({ story, normalised, markdownFile, displaySource }) => ({
      id: story.id,
      index: story.index,
      source: displaySource,
      markdown: markdownFile,
      title: story.title,
      authors: story.authors,
      encoding: normalised.encoding,
      reader: normalised.reader?.name ?? (isChapterMarkdown(displaySource) ? 'markdown' : 'text'),
      ...(normalised.reader && { structure: normalised.reader }),
      words: story.wordCount,
      sceneBreaks: normalised.sceneBreaks,
      chapters: story.chapters.map((c) => c.title),
      summary: summariseStory({ title: story.title, removed: normalised.removed, notes: normalised.frontMatter.notes?.length ?? 0, sceneBreaks: normalised.sceneBreaks, headings: story.chapters }),
      notes: normalised.frontMatter.notes?.length ?? 0,
      disclaimers: normalised.frontMatter.disclaimers?.length ?? 0,
      removed: normalised.removed,
      repairs: normalised.repairs,
      warnings: normalised.messages.filter((m) => m.severity === 'warning'),
      audit: audits[story.id] ?? {},
    })),
    skipped,
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
