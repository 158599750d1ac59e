// The EPUB in a worker thread: the same outputs, report, messages and errors as a build that keeps it on the main thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { build, type BuildResult } from '../../src/pipeline/index.ts';
import { EPUB_WORKER_MIN_WORDS, runEpubInWorker, startEpubWorker, WorkerFailure } from '../../src/pipeline/epub-thread.ts';
import { receiveError, sendError } from '../../src/parallel/errors.ts';
import { resolveConfig } from '../../src/pipeline/config.ts';
import { renderFormats } from '../../src/pipeline/formats.ts';
import { loadStories } from '../../src/pipeline/stories.ts';
import { Messages, QuireError } from '../../src/common/diagnostics.ts';
import { assembleBook } from '../../src/model/book.ts';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';
import { ROOT, tempDir } from '../e2e/helpers.ts';

const SEEDS = path.join(ROOT, 'seeds', 'anthology.yaml');
/** The worker is used only with a second core. */
const skip = availableParallelism() < 2 && 'one core: the EPUB stays on the main thread';

/** Build with the worker threshold set by QUIRE_EPUB_WORKER_WORDS: 0 puts any book past it, a huge number none. */
async function buildWith(worker: boolean, options: Parameters<typeof build>[0] = {}): Promise<BuildResult & { out: string }> {
  const out = tempDir('quire-worker-');
  const before = process.env.QUIRE_EPUB_WORKER_WORDS;
  process.env.QUIRE_EPUB_WORKER_WORDS = worker ? '0' : String(Number.MAX_SAFE_INTEGER);
  try {
    return { ...(await build({ config: SEEDS, out, sourceDateEpoch: 0, ...options })), out };
  } finally {
    if (before === undefined) delete process.env.QUIRE_EPUB_WORKER_WORDS;
    else process.env.QUIRE_EPUB_WORKER_WORDS = before;
  }
}

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

test('the seeds are far below the worker threshold', () => {
  const words = readdirSync(path.join(ROOT, 'seeds'))
    .filter((f) => f.endsWith('.txt'))
    .reduce((n, f) => n + readFileSync(path.join(ROOT, 'seeds', f), 'utf8').split(/\s+/).length, 0);
  assert.ok(words * 5 < EPUB_WORKER_MIN_WORDS, `${words} words`);
});

test('a book past the threshold builds byte-identical outputs and report with the EPUB in a worker', { timeout: 120_000, skip }, async () => {
  const main = await buildWith(false);
  const worker = await buildWith(true);
  // The worker really ran the EPUB side (its stages are reported under worker:), the main-thread build did not.
  assert.ok('worker:epub' in worker.report.timings && 'worker:audit' in worker.report.timings, JSON.stringify(worker.report.timings));
  assert.ok(!Object.keys(main.report.timings).some((k) => k.startsWith('worker')), JSON.stringify(main.report.timings));
  assert.ok('epub' in main.report.timings && 'decode' in main.report.timings && 'write' in main.report.timings);

  const files = filesOf(main.out);
  assert.deepEqual(filesOf(worker.out), files);
  assert.ok(files.some((f) => f.endsWith('.epub')) && files.some((f) => f.endsWith('-zine.pdf')));
  for (const file of files) {
    if (file.endsWith('.report.json')) assert.deepEqual(comparable(worker.out, file), comparable(main.out, file), file);
    else assert.ok(readFileSync(path.join(worker.out, file)).equals(readFileSync(path.join(main.out, file))), `${file} differs`);
  }
  assert.ok(Object.values(worker.report.stories[0]!.audit).length === 2, 'EPUB and PDF audited');
  assert.deepEqual(worker.messages.list, main.messages.list);
});

test('messages the EPUB raises in the worker reach the build, before the PDF\'s as on the main thread', { timeout: 120_000, skip }, async () => {
  // A language the EPUB cannot declare (epub-language warning; the config would refuse it, so the book is made
  // here) and a character no font has (the PDF's missing-glyph warning).
  const dir = tempDir('quire-worker-story-');
  const story = path.join(dir, 'glyphs.txt');
  writeFileSync(story, 'A story with a Yi syllable \uA000 in it.\n\nAnd a second paragraph of words.\n');
  const results = [];
  for (const worker of [false, true]) {
    const config = await resolveConfig({ files: [story], lang: 'en' });
    const theme = loadTheme(DEFAULT_TEMPLATES_DIR, config.theme);
    const messages = new Messages();
    const { loaded } = await loadStories(config, { notes: config.notes, strict: false, messages });
    messages.info('marker', 'before rendering');
    const book = assembleBook({ title: 'Glyphs', language: 'english', modified: new Date(0), notes: config.notes }, loaded.map((l) => l.story), loaded.map((l) => l.normalised.markdown), theme, DEFAULT_TEMPLATES_DIR, []);
    const ctx = { theme, templatesDir: DEFAULT_TEMPLATES_DIR, messages, options: { trim: config.trim, embedFonts: false, print: false, bleed: false, pad: 2 as const } };
    const stages: string[] = [];
    const before = process.env.QUIRE_EPUB_WORKER_WORDS;
    process.env.QUIRE_EPUB_WORKER_WORDS = worker ? '0' : String(Number.MAX_SAFE_INTEGER);
    try {
      const rendered = await renderFormats(book, loaded, ctx, ['epub', 'pdf'], {}, async (name, fn) => (stages.push(name), fn()));
      results.push({ messages: messages.list, rendered, stages });
    } finally {
      if (before === undefined) delete process.env.QUIRE_EPUB_WORKER_WORDS;
      else process.env.QUIRE_EPUB_WORKER_WORDS = before;
    }
  }
  const [main, worker] = results as [(typeof results)[0], (typeof results)[0]];
  assert.ok(worker.stages.includes('worker') && !worker.stages.includes('epub') && main.stages.includes('epub'), worker.stages.join(' '));
  assert.deepEqual(main.messages.map((m) => m.rule).slice(-3), ['marker', 'epub-language', 'missing-glyph']);
  assert.deepEqual(worker.messages, main.messages);
  assert.deepEqual(worker.rendered.audits, main.rendered.audits);
  assert.deepEqual(worker.rendered.outputs.map((o) => o.format), ['epub', 'pdf']);
  for (const [i, o] of main.rendered.outputs.entries()) assert.ok(Buffer.from(worker.rendered.outputs[i]!.bytes).equals(Buffer.from(o.bytes)), o.format);
});

test('an error in the worker surfaces as the same error, and nothing is written', { timeout: 120_000, skip }, async () => {
  // A missing EPUB template: only the EPUB side reads it (a QuireError naming the file).
  // (Beside a link to node_modules, where the theme's fonts are found.)
  const copy = tempDir('quire-worker-templates-');
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const templatesDir = path.join(copy, 'templates');
  cpSync(DEFAULT_TEMPLATES_DIR, templatesDir, { recursive: true });
  rmSync(path.join(templatesDir, 'epub', 'toc.ncx.ejs'));
  const errors: unknown[] = [];
  const outs: string[] = [];
  const stages: string[][] = [];
  for (const worker of [false, true]) {
    const out = tempDir('quire-worker-');
    outs.push(out);
    const seen: string[] = [];
    stages.push(seen);
    const before = process.env.QUIRE_EPUB_WORKER_WORDS;
    process.env.QUIRE_EPUB_WORKER_WORDS = worker ? '0' : String(Number.MAX_SAFE_INTEGER);
    try {
      await build({ config: SEEDS, out, sourceDateEpoch: 0, templatesDir, onProgress: (stage) => seen.push(stage) });
      assert.fail('the build should fail');
    } catch (error) {
      errors.push(error);
    } finally {
      if (before === undefined) delete process.env.QUIRE_EPUB_WORKER_WORDS;
      else process.env.QUIRE_EPUB_WORKER_WORDS = before;
    }
  }
  const [main, worker] = errors as Error[];
  assert.ok(main instanceof Error && worker instanceof Error);
  // It failed in the EPUB, on the main thread in one build (rendered there after the PDF) and in the worker (not a
  // fallback) in the other.
  assert.ok(stages[0]!.includes('epub') && stages[0]!.indexOf('pdf') < stages[0]!.indexOf('epub'), stages[0]!.join(' '));
  assert.ok(stages[1]!.includes('worker') && stages[1]!.includes('pdf') && !stages[1]!.includes('epub'), stages[1]!.join(' '));
  assert.match(main.message, /EPUB template missing/);
  assert.equal(worker.constructor, main.constructor);
  assert.equal(worker.name, main.name);
  assert.equal(worker.message, main.message);
  assert.ok(worker instanceof QuireError && main instanceof QuireError);
  assert.equal(worker.file, main.file);
  assert.equal(worker.kind, main.kind);
  for (const out of outs) assert.deepEqual(filesOf(out), []);
});

test('errors cross the thread boundary with their class and fields', () => {
  const through = (e: unknown): unknown => receiveError(structuredClone(sendError(e)));
  const quire = through(new QuireError('cover: not a PNG or JPEG image', { file: 'a.yaml', line: 3, kind: 'usage', cause: new RangeError('inner') }));
  assert.ok(quire instanceof QuireError);
  assert.equal(quire.message, 'cover: not a PNG or JPEG image');
  assert.equal(quire.file, 'a.yaml');
  assert.equal(quire.line, 3);
  assert.equal(quire.exitCode, 2);
  assert.ok(quire.cause instanceof RangeError && quire.cause.message === 'inner');
  const type = through(new TypeError('x is not a function'));
  assert.ok(type instanceof TypeError && type.message === 'x is not a function' && type.stack?.includes('x is not a function'));
  const custom = Object.assign(new Error('boom'), { name: 'TemplateError' });
  const back = through(custom) as Error;
  assert.equal(back.name, 'TemplateError');
  assert.equal(back.message, 'boom');
  assert.equal(through('a string'), 'a string');
});

test('a worker that cannot take the job is a WorkerFailure (the build then renders the EPUB on the main thread)', async () => {
  const { theme, templatesDir, options } = { theme: loadTheme(), templatesDir: DEFAULT_TEMPLATES_DIR, options: { trim: 'a5' as const, embedFonts: false, print: false, bleed: false, pad: 2 as const } };
  // A function cannot be cloned into a worker.
  const book = { stories: [], meta: { title: 'x' }, uncloneable: () => 1 } as unknown as Parameters<typeof runEpubInWorker>[0]['book'];
  await assert.rejects(runEpubInWorker({ book, ctx: { theme, templatesDir, options, messages: new Messages() }, formats: ['epub'] }), (error: unknown) => error instanceof WorkerFailure);
});

test('with deferAudit the worker reads its EPUB back only after startAudit(), and audits as without it', { timeout: 120_000, skip }, async () => {
  const config = await resolveConfig({ config: SEEDS });
  const theme = loadTheme(DEFAULT_TEMPLATES_DIR, config.theme);
  const { loaded } = await loadStories(config, { notes: config.notes, strict: false, messages: new Messages() });
  const book = assembleBook({ title: 'Deferred', language: 'en', modified: new Date(0), notes: config.notes }, loaded.map((l) => l.story), loaded.map((l) => l.normalised.markdown), theme, DEFAULT_TEMPLATES_DIR, []);
  const ctx = { theme, templatesDir: DEFAULT_TEMPLATES_DIR, messages: new Messages(), options: { trim: config.trim, embedFonts: false, print: false, bleed: false, pad: 2 as const } };
  const expected = Object.fromEntries(loaded.map((l) => [l.story.id, l.normalised.wordText]));
  const run = startEpubWorker({ book, ctx, formats: ['epub'], expected }, { deferAudit: true });
  let settled = false;
  run.result.then(
    () => (settled = true),
    () => (settled = true),
  );
  // Long enough for the seeds' EPUB to render: the job still waits for its read-back.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(settled, false, 'the job ended before startAudit()');
  run.startAudit();
  run.startAudit(); // a second call does nothing
  const deferred = await run.result;
  assert.ok('epub' in deferred.timings && 'audit' in deferred.timings, JSON.stringify(deferred.timings));
  assert.deepEqual(Object.keys(deferred.audits).sort(), loaded.map((l) => l.story.id).sort());
  for (const a of Object.values(deferred.audits)) assert.deepEqual(a, { ok: true });
  const plain = await runEpubInWorker({ book, ctx, formats: ['epub'], expected });
  assert.deepEqual(deferred.audits, plain.audits);
  assert.ok(Buffer.from(deferred.outputs[0]!.bytes).equals(Buffer.from(plain.outputs[0]!.bytes)));
  // A word the EPUB lacks is found by the deferred read-back too.
  const first = loaded[0]!.story.id;
  const wrong = await (() => {
    const r = startEpubWorker({ book, ctx, formats: ['epub'], expected: { ...expected, [first]: `${expected[first]} missing` } }, { deferAudit: true });
    r.startAudit();
    return r.result;
  })();
  assert.equal(wrong.audits[first]!.ok, false);
});
