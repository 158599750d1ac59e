// The build's jobs beside the main thread (story, set-stories, epub, epub-audit, cover): the same outputs, report, messages and errors as a build without worker threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Messages, QuireError } from '../../src/common/diagnostics.ts';
import { assembleBook } from '../../src/model/book.ts';
import { hereOnly, Pool } from '../../src/parallel/pool.ts';
import { workerModule } from '../../src/parallel/worker-module.ts';
import { resolveConfig } from '../../src/pipeline/config.ts';
import { renderFormats } from '../../src/pipeline/formats.ts';
import { Renders, type RenderJobs } from '../../src/pipeline/renders.ts';
import { loadStories } from '../../src/pipeline/stories.ts';
import { run as prepareStory } from '../../src/pipeline/story-task.ts';
import { TASKS } from '../../src/pipeline/tasks.ts';
import { drawCover } from '../../src/render/epub/cover.ts';
import { run as setStoryJob } from '../../src/render/pdf/layout/story-job.ts';
import { run as deflateBatch } from '../../src/render/pdf/deflate.ts';
import { audit as epubAudit, render as epubRender } from '../../src/pipeline/epub-task.ts';
import { expectedWords, pdfAudit } from '../../src/pipeline/audits.ts';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';
import { quire, ROOT, tempDir } from '../e2e/helpers.ts';

const SEEDS = ['four-words.txt', 'the-leap.txt', 'outlaws-together.txt'].map((f) => path.join(ROOT, 'seeds', f));
/** A pool that sends every job beside, however small (QUIRE_WORKERS=all), counting the jobs its workers ran. */
const eager = new Pool(TASKS, { entry: workerModule('pipeline/worker'), threads: 2, eager: true });
let besideRuns = 0;
const beside = <N extends keyof typeof TASKS & string>(task: N) => eager.scheduler(task, () => besideRuns++);

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** The report without what legitimately differs: timings and the output folder in the paths. */
function comparable(out: string, file: string): unknown {
  const report = JSON.parse(readFileSync(path.join(out, file), 'utf8').replaceAll(out, '<out>')) as Record<string, unknown>;
  delete report.timings;
  return report;
}

test('the seeds with every job beside build byte-identical outputs and report to a build without worker threads', { timeout: 240_000 }, () => {
  const outs = { all: tempDir('quire-threads-'), off: tempDir('quire-no-threads-') };
  for (const [workers, out] of Object.entries(outs)) {
    const r = quire(['build', '-q', '--formats', 'epub,kepub,pdf,zine', '--out', out], { env: { QUIRE_WORKERS: workers } });
    assert.equal(r.code, 0, r.stderr);
  }
  const files = filesOf(outs.off);
  assert.deepEqual(filesOf(outs.all), files);
  assert.ok(files.some((f) => f.endsWith('.kepub.epub')) && files.some((f) => f.endsWith('-zine.pdf')));
  for (const file of files) {
    if (file.endsWith('.report.json')) assert.deepEqual(comparable(outs.all, file), comparable(outs.off, file), file);
    else assert.ok(readFileSync(path.join(outs.all, file)).equals(readFileSync(path.join(outs.off, file))), `${file} differs`);
  }
  const timings = (out: string): string[] => Object.keys(JSON.parse(readFileSync(path.join(out, 'four-words.report.json'), 'utf8')).timings as object);
  // Worker threads ran the stories, the layout's share, the EPUB (and its read-back, in the same job), the PDF's
  // read-back and its page streams' deflating; none ran without them. The review page's sections are made here
  // when a PDF is made (while the PDF is read back beside), beside an EPUB-only build's EPUB.
  for (const stage of ['worker:story', 'worker:layout', 'worker:epub', 'worker:pdf-audit', 'worker:deflate']) assert.ok(timings(outs.all).includes(stage), `${stage}: ${timings(outs.all).join(' ')}`);
  assert.ok(!timings(outs.off).some((k) => k.startsWith('worker:')), timings(outs.off).join(' '));
  const epubOnly = { all: tempDir('quire-threads-epub-'), off: tempDir('quire-no-threads-epub-') };
  for (const [workers, out] of Object.entries(epubOnly)) assert.equal(quire(['build', '-q', '--formats', 'epub', '--out', out], { env: { QUIRE_WORKERS: workers } }).code, 0);
  for (const file of filesOf(epubOnly.off).filter((f) => !f.endsWith('.report.json'))) assert.ok(readFileSync(path.join(epubOnly.all, file)).equals(readFileSync(path.join(epubOnly.off, file))), `${file} differs`);
  assert.ok(timings(epubOnly.all).includes('worker:review'), timings(epubOnly.all).join(' '));
});

/** Load the stories of these files with the story jobs beside (or all here); what comes out, or the error thrown. */
async function load(files: string[], withThreads: boolean, strict = false): Promise<unknown> {
  const config = await resolveConfig({ files, lang: 'en' });
  const messages = new Messages();
  try {
    const { loaded, skipped } = await loadStories(config, { notes: config.notes, strict, messages, jobs: withThreads ? beside('story') : hereOnly(prepareStory) });
    return { loaded, skipped, messages: messages.list };
  } catch (error) {
    assert.ok(error instanceof QuireError, String(error));
    return { error: { name: error.name, message: error.message, file: error.file, line: error.line, kind: error.kind }, messages: messages.list };
  }
}

/** Story files in a fresh folder: name → text (or bytes). */
function stories(files: Record<string, string | Uint8Array>): string[] {
  const dir = tempDir('quire-story-jobs-');
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  });
}

const seed = (i: number): string => readFileSync(SEEDS[i]!, 'utf8');

test('stories made beside load as on the main thread: duplicate titles, empty stories (renumbering the rest), --strict, undecodable bytes', { timeout: 120_000 }, async () => {
  const cases: Array<[string[], boolean]> = [
    [[...SEEDS, ...SEEDS], false],
    [stories({ 'a.txt': seed(0), 'empty.txt': '  \n\n\t\n', 'b.txt': seed(1), 'c.txt': seed(2), 'd.txt': '\n' }), false],
    [stories({ 'empty.txt': '\n \n', 'a.txt': seed(0), 'b.txt': seed(1), 'empty2.txt': '\n', 'c.txt': seed(2) }), false],
    [stories({ 'a.txt': seed(0), 'b.txt': seed(1), 'empty.txt': '\n\n', 'bad.bin': new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]) }), true],
    [stories({ 'a.txt': seed(0), 'bad.txt': new Uint8Array([0x41, 0, 0, 0x42, 1, 2, 0, 0]), 'empty.txt': '\n', 'b.txt': seed(1) }), true],
  ];
  for (const [files, strict] of cases) {
    const here = await load(files, false, strict);
    const before = besideRuns;
    assert.deepEqual(await load(files, true, strict), here, files.map((f) => path.basename(f)).join(' '));
    // (A story after an empty one is numbered otherwise than its job guessed, and made again here; a failing build
    // may end before the worker answers.)
    if (files.length === 6) assert.ok(besideRuns > before, 'stories were made by a worker');
  }
  const dup = (await load([...SEEDS, ...SEEDS], true)) as { loaded: Array<{ story: { slug: string } }> };
  assert.equal(new Set(dup.loaded.map((l) => l.story.slug)).size, 6, 'duplicate titles got numbered slugs, in book order');
  const strictEmpty = await load(stories({ 'a.txt': seed(0), 'empty.txt': '\n\n', 'b.txt': seed(1) }), true, true);
  assert.match(JSON.stringify(strictEmpty), /empty\.txt.*--strict|--strict.*empty\.txt/);
});

/** The book of one story file, rendered to EPUB and PDF with its jobs beside (or all here); what comes out, or the error thrown. */
async function renderBook(story: string, withThreads: boolean, templatesDir = DEFAULT_TEMPLATES_DIR, language = 'english') {
  const config = await resolveConfig({ files: [story], lang: 'en' });
  const theme = loadTheme(templatesDir, config.theme);
  const messages = new Messages();
  const { loaded } = await loadStories(config, { notes: config.notes, strict: false, messages, jobs: hereOnly(prepareStory) });
  const book = assembleBook({ title: 'Glyphs', language, modified: new Date(0), notes: config.notes }, loaded.map((l) => l.story), loaded.map((l) => l.normalised.markdown), theme, templatesDir, []);
  const ctx = { theme, templatesDir, messages, options: { trim: config.trim, embedFonts: false, print: false, bleed: false, pad: 2 as const } };
  const jobs: RenderJobs = withThreads
    ? { epub: beside('epub'), epubAudit: beside('epub-audit'), pdfAudit: beside('pdf-audit'), cover: beside('cover'), stories: beside('set-stories'), deflate: beside('deflate') }
    : { epub: hereOnly(epubRender.run), epubAudit: hereOnly(epubAudit.run), pdfAudit: hereOnly(pdfAudit.run), cover: hereOnly(drawCover), stories: hereOnly(setStoryJob), deflate: hereOnly(deflateBatch) };
  const stages: string[] = [];
  const expected = Object.fromEntries(loaded.map((l) => [l.story.id, expectedWords(l.normalised)]));
  const renders = new Renders(book, ctx, ['epub', 'pdf'], {}, async (name, fn) => (stages.push(name), fn()), jobs, expected);
  const before = besideRuns;
  try {
    const outputs = await renderFormats(renders, ['epub', 'pdf']);
    messages.list.push(...renders.messages());
    return { messages: messages.list, outputs, audits: await renders.audits(), stages, beside: besideRuns - before };
  } catch (error) {
    return { error, stages, beside: besideRuns - before };
  }
}

test('a big book\'s renders beside the PDF: the same files, audits and messages, the EPUB\'s messages before the PDF\'s', { timeout: 120_000 }, async () => {
  // A language the EPUB cannot declare (epub-language warning; the config would refuse it, so the book is made
  // here) and a character no font has (the PDF's missing-glyph warning); a scene break, where the layout job can
  // take the story's end.
  const [story] = stories({ 'glyphs.txt': 'A story with a arrow \u{1F8B0} in it.\n\nAnd a second paragraph of words.\n\n* * *\n\nA third paragraph, after the break, with \u{1F8B0} again.\n' });
  const here = await renderBook(story!, false);
  const threads = await renderBook(story!, true);
  assert.ok(!('error' in here) && !('error' in threads));
  assert.ok(threads.beside >= 4 && !threads.stages.includes('epub') && !threads.stages.includes('audit') && here.stages.includes('epub') && here.stages.includes('audit'), `${threads.stages.join(' ')}; ${threads.beside} jobs beside; here: ${here.stages.join(' ')}`);
  assert.deepEqual(here.messages.map((m) => m.rule).slice(-2), ['epub-language', 'missing-glyph']);
  assert.deepEqual(threads.messages, here.messages);
  assert.deepEqual(threads.audits, here.audits);
  assert.ok(Object.keys(here.audits).length === 2, 'EPUB and PDF audited');
  assert.deepEqual(threads.outputs.map((o) => o.format), ['epub', 'pdf']);
  for (const [i, o] of here.outputs.entries()) assert.ok(Buffer.from(threads.outputs[i]!.bytes).equals(Buffer.from(o.bytes)), o.format);
});

test('an error in a job beside surfaces as the same error', { timeout: 120_000 }, async () => {
  // A missing EPUB template: only the EPUB reads it (a QuireError naming the file). (Beside a link to
  // node_modules, where the theme's fonts are found.)
  const copy = tempDir('quire-threads-templates-');
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const templates = path.join(copy, 'templates');
  cpSync(DEFAULT_TEMPLATES_DIR, templates, { recursive: true });
  rmSync(path.join(templates, 'epub', 'toc.ncx.ejs'));
  const [here, threads] = [await renderBook(SEEDS[0]!, false, templates, 'en'), await renderBook(SEEDS[0]!, true, templates, 'en')];
  assert.ok('error' in here && 'error' in threads);
  assert.ok(threads.beside > 0, 'the EPUB job ran beside');
  for (const r of [here, threads]) assert.ok(r.error instanceof QuireError && /the template file cannot be read: no such file/.test(r.error.message) && r.error.file === path.join(templates, 'epub', 'toc.ncx.ejs'), String(r.error));
  const [a, b] = [here.error as QuireError, threads.error as QuireError];
  assert.deepEqual([b.message, b.file, b.kind], [a.message, a.file, a.kind]);
});
