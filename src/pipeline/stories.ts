// Reads, normalises and parses each story of a config into model stories (plus their chapter markdown).
import path from 'node:path';
import { readInput, type InputSpec } from '../common/input-file.js';
import { inputSpec } from '../config/load.js';
import type { AnthologyConfig } from '../config/schema.js';
import { Messages, QuireError } from '../common/diagnostics.js';
import type { NotesPolicy, Story } from '../model/types.js';
import { storyFromChapter } from '../model/story.js';
import { decodeSeconds } from '../normalise/index.js';
import type { NormalisedStory } from '../normalise/types.js';
import { WorkerCrash, type Scheduler } from '../parallel/pool.js';
import { isChapterMarkdown } from './chapter-input.js';
import type { PreparedStory, StoryInput } from './story-task.js';
import { markdownFileOf, storyNumber, uniqueSlug } from './story-names.js';

export interface LoadedStory {
  story: Story;
  normalised: NormalisedStory;
  /** Relative path of the chapter file inside the output folder, e.g. `markdown/01-four-words.md`. */
  markdownFile: string;
  /** Path shown in diagnostics. */
  displaySource: string;
  /** The story's `source:` as the config writes it. */
  configSource: string;
}

/** A story with no words left after normalising: not in the book, but on the review page (what took its text). */
export interface SkippedStory {
  source: string;
  reason: string;
  normalised: NormalisedStory;
  configSource: string;
}

/** "harbour-lights.txt" → "Harbour Lights". */
export function titleFromFileName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const words = base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!words) return 'Untitled';
  return words.replace(/(^|\s)(\p{Ll})/gu, (_m, space: string, ch: string) => space + ch.toUpperCase());
}

/** Read every story file, a few at a time (an anthology of thousands of small files is I/O-bound), in order. */
async function readAll(files: Array<{ file: string; spec: InputSpec }>, concurrency = 16): Promise<Uint8Array[]> {
  const out: Array<Uint8Array | undefined> = new Array(files.length);
  const errors: unknown[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      try {
        out[i] = await readInput(files[i]!.file, files[i]!.spec);
      } catch (error) {
        errors[i] = error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  // Report the first unreadable file in book order, whatever order the reads finished in.
  const failed = errors.findIndex((e) => e !== undefined);
  if (failed >= 0) throw errors[failed];
  return out as Uint8Array[];
}

export interface LoadStoriesOptions {
  notes: NotesPolicy;
  strict: boolean;
  messages: Messages;
  /** Where stories are made ready (story-task.ts): beside this thread for a big book's last stories, else here. */
  jobs: Scheduler<StoryInput, PreparedStory>;
  /** Told when each stage (read, decode, normalise) starts, story by story. */
  onProgress?: (stage: string) => void;
}

/**
 * A big book's last stories, about this share of its bytes, are made ready beside this thread while it does the
 * first ones. Less than half: measured on the large case, a worker's normaliser runs ≈ 1.6× slower per byte than
 * this thread's (which its other stories have warmed up), and taking the results (cloned blocks) costs this thread.
 */
export const BESIDE_SHARE = 0.4;

/** Send stories beside only when their share is at least this many bytes (≈ 0.35 s of normalising and parsing). */
export const BESIDE_MIN_BYTES = 1_000_000;

/** Normalise and parse every story; empty stories are skipped with a warning (or fail with strict). */
export async function loadStories(
  config: AnthologyConfig,
  options: LoadStoriesOptions,
): Promise<{ loaded: LoadedStory[]; skipped: SkippedStory[]; seconds: { read: number; decode: number; normalise: number } }> {
  const seconds = { read: 0, decode: 0, normalise: 0 };
  let t = performance.now();
  /** Close the running stage's lap and say which stage starts next. */
  const lap = (key: keyof typeof seconds, next?: keyof typeof seconds): void => {
    const now = performance.now();
    seconds[key] += (now - t) / 1000;
    t = now;
    if (next) options.onProgress?.(next);
  };
  options.onProgress?.('read');
  const loaded: LoadedStory[] = [];
  const skipped: SkippedStory[] = [];
  const width = Math.max(2, String(config.stories.length).length);
  const usedSlugs = new Set<string>();
  const contents = await readAll(config.stories.map((entry) => ({ file: entry.path, spec: inputSpec(config, entry.path, 'story', displayPath(entry.path)) })));
  lap('read', 'decode');
  /** Story n's job, numbered as the `index`-th story of the book. */
  const inputOf = (n: number, index: number): StoryInput => {
    const entry = config.stories[n]!;
    const number = storyNumber(index, width);
    return {
      bytes: contents[n]!,
      options: {
        file: displayPath(entry.path),
        language: entry.language ?? config.language,
        notes: entry.notes ?? options.notes,
        // The config's title and authors win; then a Gutenberg header's; then the file name / --author.
        ...(entry.title && { title: entry.title }),
        fallbackTitle: titleFromFileName(entry.path),
        ...(entry.authors && { authors: entry.authors }),
        ...(entry.fallbackAuthors && { fallbackAuthors: entry.fallbackAuthors }),
        ...(entry.summary && { summary: entry.summary }),
        ...(entry.overrides && { overrides: entry.overrides }),
        idPrefix: `s${number}`,
      },
      chapter: isChapterMarkdown(entry.path),
      number,
    };
  };
  // A big book's last stories go beside now, each numbered as if no story before it were skipped; a story whose
  // number turns out otherwise is made again here.
  const beside = new Map<number, { input: StoryInput; done: Promise<PreparedStory> }>();
  for (const n of besideStories(contents.map((b) => b.length), options.jobs)) {
    const input = inputOf(n, n + 1);
    const done = options.jobs.beside(input);
    done.catch(() => undefined); // awaited in book order (an earlier story may fail first)
    beside.set(n, { input, done });
  }
  for (const [n, entry] of config.stories.entries()) {
    const display = displayPath(entry.path);
    const index = loaded.length + 1;
    const here = inputOf(n, index);
    options.onProgress?.('normalise');
    const decodedBefore = decodeSeconds();
    const sent = beside.get(n);
    const prepared = sent?.input.options.idPrefix === here.options.idPrefix ? await besideOrHere(sent.done, () => options.jobs.here(here)) : await options.jobs.here(here);
    // The normaliser decodes as its first step: that share is reported as its own stage.
    const decoded = decodeSeconds() - decodedBefore;
    seconds.decode += decoded;
    seconds.normalise -= decoded;
    const { normalised } = prepared;
    for (const m of normalised.messages) options.messages.list.push(m);
    if (!prepared.parsed) {
      const reason = /\S/.test(normalised.wordText)
        ? `the story has no words, only punctuation ("${normalised.wordText.trim().slice(0, 20)}")`
        : 'the story is empty after normalising (nothing but whitespace, a disclaimer or author\'s notes)';
      if (options.strict) throw new QuireError(`${reason}; remove it from the config or drop --strict`, { file: display });
      options.messages.warn('empty-story', `${reason}; skipped`, display);
      skipped.push({ source: display, reason, normalised, configSource: entry.source });
      lap('normalise', 'decode');
      continue;
    }
    const slug = uniqueSlug(normalised.frontMatter.title, usedSlugs);
    const { idPrefix } = here.options;
    const markdownFile = markdownFileOf(storyNumber(index, width), slug);
    const story = storyFromChapter(prepared.parsed, { id: idPrefix, index, source: display, markdownPath: markdownFile, slug, notes: here.options.notes, wordCount: normalised.wordCount });
    loaded.push({ story, normalised, markdownFile, displaySource: display, configSource: entry.source });
    lap('normalise', 'decode');
  }
  return { loaded, skipped, seconds };
}

/** A job's result; if it failed (not its worker), the job again here, which throws the error this thread would have. */
async function besideOrHere(done: Promise<PreparedStory>, here: () => Promise<PreparedStory>): Promise<PreparedStory> {
  try {
    return await done;
  } catch (error) {
    if (error instanceof WorkerCrash) throw error;
    return here();
  }
}

/**
 * Which stories go beside (config indexes): the last ones, whose bytes come closest to BESIDE_SHARE of the book's,
 * or none when that share is not worth a job.
 */
export function besideStories(sizes: number[], jobs: Pick<Scheduler<unknown, unknown>, 'worth'>): number[] {
  if (sizes.length < 2) return [];
  const total = sizes.reduce((a, b) => a + b, 0);
  const target = total * BESIDE_SHARE;
  let share = 0;
  let first = sizes.length;
  // Take stories from the end while that brings the share closer to the target.
  while (first > 1 && Math.abs(target - share - sizes[first - 1]!) < Math.abs(target - share)) share += sizes[--first]!;
  const chosen = sizes.map((_, n) => n).slice(first);
  return share > 0 && jobs.worth(share, BESIDE_MIN_BYTES) ? chosen : [];
}

/** A path relative to the working directory when inside it, for messages. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
