// Measures whether rendering the PDF in a worker thread while the EPUB renders on the main thread pays off.
// Usage: npm run build && npx tsx bench/workers.ts [config] (default: the large case from ../shared/corpus).
// Each way runs in a fresh process (cold, like a real build); the book is built first and not timed.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CASES, findCorpus, prepareCase } from './cases.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = (p: string): string => pathToFileURL(path.join(REPO, 'lib', p)).href;

/** Code of the worker: render the PDF of the book it is sent; reply with the bytes (transferred) and the layout. */
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', async ({ book, options, templatesDir, sendLayout }) => {
  const t0 = performance.now();
  const [{ renderPdf }, { loadTheme }, { Messages }] = await Promise.all([import(${JSON.stringify(lib('render/pdf/index.js'))}), import(${JSON.stringify(lib('templates/theme.js'))}), import(${JSON.stringify(lib('diagnostics.js'))})]);
  const loaded = performance.now();
  const ctx = { theme: loadTheme(templatesDir), templatesDir, messages: new Messages(), options };
  const pdf = await renderPdf(book, ctx);
  const rendered = performance.now();
  const bytes = pdf.bytes;
  parentPort.postMessage({ bytes, pageCount: pdf.pageCount, layout: sendLayout ? pdf.layout : undefined, importMs: loaded - t0, renderMs: rendered - loaded }, [bytes.buffer]);
});
`;

type Mode = 'sequential' | 'worker' | 'worker+layout';
const MODES: Mode[] = ['sequential', 'worker', 'worker+layout'];

/** One cold measurement (this process is fresh): render EPUB and PDF of the book, one way. */
async function measure(mode: Mode, config: string, out: string): Promise<string> {
  const [{ build }, { renderEpub }, { renderPdf }, { loadTheme, DEFAULT_TEMPLATES_DIR }, { Messages }] = await Promise.all([
    import(lib('pipeline/index.js')),
    import(lib('render/epub/index.js')),
    import(lib('render/pdf/index.js')),
    import(lib('templates/theme.js')),
    import(lib('diagnostics.js')),
  ]);
  // The book as the build makes it (an EPUB-only build without audit is the cheapest way to get it).
  const { book } = await build({ config, out, formats: ['epub'], audit: false, allowOutside: true });
  const templatesDir = DEFAULT_TEMPLATES_DIR as string;
  const options = { trim: 'a5', embedFonts: false, print: false, bleed: false, pad: 2 };
  const ctx = () => ({ theme: loadTheme(templatesDir), templatesDir, messages: new Messages(), options });
  const t0 = performance.now();
  if (mode === 'sequential') {
    const e0 = performance.now();
    await renderEpub(book, ctx());
    const e1 = performance.now();
    await renderPdf(book, ctx());
    const p1 = performance.now();
    return `${((p1 - t0) / 1000).toFixed(3)} s  sequential: EPUB ${((e1 - e0) / 1000).toFixed(3)} s then PDF ${((p1 - e1) / 1000).toFixed(3)} s on the main thread`;
  }
  const worker = new Worker(WORKER, { eval: true });
  const pdf = new Promise<{ importMs: number; renderMs: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  worker.postMessage({ book, options, templatesDir, sendLayout: mode === 'worker+layout' });
  const posted = performance.now();
  await renderEpub(book, ctx());
  const epubDone = performance.now();
  const r = await pdf;
  const done = performance.now();
  await worker.terminate();
  return `${((done - t0) / 1000).toFixed(3)} s  ${mode}: EPUB on main ${((epubDone - posted) / 1000).toFixed(3)} s beside PDF in a worker (post ${(posted - t0).toFixed(0)} ms, worker import ${r.importMs.toFixed(0)} ms, render ${r.renderMs.toFixed(0)} ms${mode === 'worker+layout' ? ', layout cloned back' : ''})`;
}

async function main(): Promise<void> {
  const [mode, configArg] = process.argv.slice(2);
  if (mode && (MODES as string[]).includes(mode)) {
    const out = await mkdtemp(path.join(os.tmpdir(), 'quire-workers-out-'));
    try {
      process.stdout.write(`${await measure(mode as Mode, configArg!, out)}\n`);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
    return;
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'quire-workers-'));
  try {
    let config = mode;
    if (!config) {
      const corpus = findCorpus(REPO);
      if (!corpus) throw new Error('no corpus at ../shared/corpus; pass a config');
      config = await prepareCase(CASES.find((c) => c.name === 'large')!, REPO, corpus, work);
    }
    process.stdout.write(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine makes this noisy)\n`);
    // Each mode in a fresh process, so each starts cold as a real build does.
    for (const m of MODES) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), m, path.resolve(config)], { cwd: REPO, encoding: 'utf8' });
      process.stdout.write(r.status === 0 ? r.stdout : `${m}: failed\n${r.stderr.slice(-1500)}\n`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
