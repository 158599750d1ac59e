// The benchmark cases: which stories each builds, in which formats, and the config files they need.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cutIntoStories } from './cut.js';

export type FormatName = 'epub' | 'pdf' | 'zine' | 'minizine';

export interface BenchCase {
  name: string;
  description: string;
  /** Corpus files (names in the corpus folder) the case needs; empty for the seeds. */
  corpus: string[];
  formats: FormatName[];
  /** Compare this case's process wall time with pandoc building an EPUB from its markdown. */
  pandoc?: boolean;
  /**
   * Also time the command a user runs on this case, `quire build` (lib/cli/main.js, the bundled CLI), in turn with
   * the child runs: the wall-time targets and the pandoc comparisons use its median (pandoc is timed as a command too).
   */
  cli?: boolean;
  /** Cut the corpus files into this many stories. */
  cutInto?: number;
}

export const ALL_FORMATS: FormatName[] = ['epub', 'pdf', 'zine'];
const WHOLE_CORPUS = ['war-and-peace.txt', 'monte-cristo.txt', 'sherlock-holmes.txt', 'alice.txt'];

export const CASES: BenchCase[] = [
  { name: 'small', description: 'the three seeds (seeds/anthology.yaml), cold CLI process', corpus: [], formats: ALL_FORMATS },
  { name: 'medium', description: 'sherlock-holmes.txt', corpus: ['sherlock-holmes.txt'], formats: ALL_FORMATS },
  { name: 'large', description: 'war-and-peace.txt + monte-cristo.txt', corpus: ['war-and-peace.txt', 'monte-cristo.txt'], formats: ALL_FORMATS, cli: true },
  { name: 'large-epub', description: 'the large case, EPUB only (compared with pandoc)', corpus: ['war-and-peace.txt', 'monte-cristo.txt'], formats: ['epub'], pandoc: true, cli: true },
  { name: 'many-stories', description: 'the whole corpus cut into 500 stories', corpus: WHOLE_CORPUS, formats: ALL_FORMATS, cutInto: 500 },
];

/** `<repo>/../shared/corpus`, or undefined when it is not there. */
export function findCorpus(repoRoot: string): string | undefined {
  const dir = path.resolve(repoRoot, '..', 'shared', 'corpus');
  return existsSync(dir) ? dir : undefined;
}

/** Corpus files a case needs that are missing (all of them when there is no corpus folder). */
export function missingCorpusFiles(c: BenchCase, corpusDir: string | undefined): string[] {
  if (!corpusDir) return [...c.corpus];
  return c.corpus.filter((f) => !existsSync(path.join(corpusDir, f)));
}

/** "war-and-peace.txt" → "War And Peace". */
function titleOf(file: string): string {
  return path
    .basename(file, path.extname(file))
    .split(/[-_\s]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** A config object (written as JSON, which is YAML) with a fixed date so every run builds the same book. */
export function benchConfig(title: string, stories: Array<{ source: string; title: string }>): Record<string, unknown> {
  return {
    title,
    editor: 'quire bench',
    language: 'en',
    date: '2026-11-21',
    notes: 'endnotes',
    stories: stories.map((s) => ({ source: s.source, title: s.title, author: 'Anonymous' })),
  };
}

/**
 * Write what a case needs into `workDir` (a config, and the cut story files for many-stories)
 * and return the config path. The seeds case uses the repository's own config.
 */
export async function prepareCase(c: BenchCase, repoRoot: string, corpusDir: string | undefined, workDir: string): Promise<string> {
  if (c.corpus.length === 0) return path.join(repoRoot, 'seeds', 'anthology.yaml');
  if (!corpusDir) throw new Error(`case ${c.name} needs the corpus`);
  await mkdir(workDir, { recursive: true });
  const configPath = path.join(workDir, 'anthology.yaml');
  let stories: Array<{ source: string; title: string }>;
  if (c.cutInto) {
    const sources = await Promise.all(c.corpus.map(async (f) => ({ name: path.basename(f, '.txt'), text: await readFile(path.join(corpusDir, f), 'utf8') })));
    const cut = cutIntoStories(sources, c.cutInto);
    const width = String(cut.length).length;
    stories = [];
    for (const [i, piece] of cut.entries()) {
      const file = `${String(i + 1).padStart(width, '0')}-${piece.source}-${piece.part}.txt`;
      await writeFile(path.join(workDir, file), piece.text);
      stories.push({ source: file, title: `${titleOf(piece.source)} ${piece.part}` });
    }
  } else {
    stories = c.corpus.map((f) => ({ source: path.join(corpusDir, f), title: titleOf(f) }));
  }
  await writeFile(configPath, `${JSON.stringify(benchConfig(`Bench: ${c.name}`, stories), null, 2)}\n`);
  return configPath;
}
