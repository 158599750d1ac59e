// Builds an EPUB with pandoc from the same normalised markdown quire wrote, to compare wall time and memory.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { runMeasured } from './measure.js';
import { median } from './summary.js';

export interface PandocRuns {
  version: string;
  runs: number;
  wallSeconds: number;
  peakRss?: number;
}

/** First line of `pandoc --version`, e.g. `2.17.1.1`; undefined when pandoc is not on PATH. */
export async function pandocVersion(): Promise<string | undefined> {
  try {
    const r = await runMeasured('pandoc', ['--version'], { timeoutMs: 10_000 });
    if (r.code !== 0) return undefined;
    return /pandoc(?:\.exe)?\s+(\S+)/.exec(r.stdout)?.[1] ?? r.stdout.split('\n')[0];
  } catch {
    return undefined;
  }
}

/** The chapter files of a build output folder (`<out>/markdown/*.md`), in book order. */
export async function markdownFiles(outDir: string): Promise<string[]> {
  const dir = path.join(outDir, 'markdown');
  return (await readdir(dir)).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(dir, f));
}

/** Run `pandoc <markdown…> -o <epub>` `runs` times; medians of wall time and peak RSS. */
export async function runPandoc(version: string, markdown: string[], epub: string, runs: number): Promise<PandocRuns> {
  const walls: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runMeasured('pandoc', ['-f', 'markdown', '-t', 'epub', '-o', epub, ...markdown]);
    if (r.code !== 0) throw new Error(`pandoc failed (exit ${r.code}): ${r.stderr.slice(0, 500)}`);
    walls.push(r.wallSeconds);
    if (r.peakRss !== undefined) peaks.push(r.peakRss);
  }
  return { version, runs, wallSeconds: median(walls), ...(peaks.length > 0 && { peakRss: median(peaks) }) };
}
