// Measures whether rendering the PDF in a worker thread while the EPUB renders on the main thread pays off.
// Usage: npm run build && npx tsx bench/workers.ts [config] (default: the large case from ../shared/corpus).
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

interface Timing {
  label: string;
  seconds: number;
}

async function main(): Promise<void> {
  const [{ build }, { renderEpub }, { renderPdf }, { loadTheme, DEFAULT_TEMPLATES_DIR }, { Messages }] = await Promise.all([
    import(lib('build/index.js')),
    import(lib('render/epub/index.js')),
    import(lib('render/pdf/index.js')),
    import(lib('templates/theme.js')),
    import(lib('diagnostics.js')),
  ]);
  const work = await mkdtemp(path.join(os.tmpdir(), 'quire-workers-'));
  try {
    let config = process.argv[2];
    if (!config) {
      const corpus = findCorpus(REPO);
      if (!corpus) throw new Error('no corpus at ../shared/corpus; pass a config');
      config = await prepareCase(CASES.find((c) => c.name === 'large')!, REPO, corpus, work);
    }
    const { book } = await build({ config, out: path.join(work, 'out'), formats: ['epub'], audit: false, allowOutside: true });
    const templatesDir = DEFAULT_TEMPLATES_DIR as string;
    const options = { trim: 'a5', embedFonts: false, print: false, bleed: false, pad: 2 };
    const ctx = () => ({ theme: loadTheme(templatesDir), templatesDir, messages: new Messages(), options });
    const timings: Timing[] = [];
    const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const r = await fn();
      timings.push({ label, seconds: (performance.now() - t0) / 1000 });
      return r;
    };
    // Warm both renderers once so that the comparison is not about first-call JIT.
    await renderEpub(book, ctx());
    await renderPdf(book, ctx());
    await time('sequential: EPUB then PDF (main thread)', async () => {
      await renderEpub(book, ctx());
      await renderPdf(book, ctx());
    });
    for (const sendLayout of [false, true]) {
      let detail = '';
      await time(`parallel: EPUB on main, PDF in a new worker${sendLayout ? ' (layout sent back for audit/zine)' : ''}`, async () => {
        const worker = new Worker(WORKER, { eval: true });
        const pdf = new Promise<{ importMs: number; renderMs: number }>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
        const t0 = performance.now();
        worker.postMessage({ book, options, templatesDir, sendLayout });
        const postMs = performance.now() - t0;
        await renderEpub(book, ctx());
        const r = await pdf;
        await worker.terminate();
        detail = `post ${postMs.toFixed(0)} ms, worker import ${r.importMs.toFixed(0)} ms, worker render ${r.renderMs.toFixed(0)} ms`;
      });
      timings.at(-1)!.label += ` [${detail}]`;
    }
    for (const t of timings) process.stdout.write(`${t.seconds.toFixed(3)} s  ${t.label}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
