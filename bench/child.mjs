// @ts-check
// One benchmark run in a fresh Node process: build once from the compiled lib/, print timings and peak RSS as JSON.
// Plain JavaScript on purpose: a TypeScript loader would add its own start-up time and memory to what is measured.
import { build } from '../lib/pipeline/index.js';

const MARKER = 'QUIRE-BENCH-RESULT ';
/** @type {{ config: string, out: string, formats: string[] }} */
const spec = JSON.parse(process.argv[2] ?? '{}');
const peakRss = () => process.resourceUsage().maxRSS * 1024;
/** @type {Array<{ stage: string, maxRss: number }>} */
const marks = [];
const startup = performance.now() / 1000;
const t0 = performance.now();
const result = await build({
  config: spec.config,
  out: spec.out,
  formats: /** @type {any} */ (spec.formats),
  allowOutside: true,
  onProgress: (stage) => marks.push({ stage, maxRss: peakRss() }),
});
const buildSeconds = (performance.now() - t0) / 1000;
const end = peakRss();
/** Peak RSS (high-water mark) at the end of each stage: the mark taken when the next stage starts. */
/** @type {Record<string, number>} */
const stagePeakRss = {};
marks.forEach((m, i) => {
  const after = marks[i + 1]?.maxRss ?? end;
  stagePeakRss[m.stage] = Math.max(stagePeakRss[m.stage] ?? 0, after);
});
const report = result.report;
process.stdout.write(
  `${MARKER}${JSON.stringify({
    words: report.book.words,
    stories: report.book.stories,
    startupSeconds: startup,
    buildSeconds,
    timings: report.timings,
    stagePeakRss,
    peakRss: end,
    outputs: report.outputs.map((o) => ({ format: o.format, bytes: o.bytes, pages: o.pages })),
    warnings: report.warnings.length,
  })}\n`,
);
