// Reads, normalises and parses each story of a config into model stories (plus their chapter markdown).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError } from '../config/load.js';
import type { AnthologyConfig } from '../config/schema.js';
import { Messages, QuireError } from '../diagnostics.js';
import { parseChapter } from '../model/parse.js';
import type { NotesPolicy, Story } from '../model/types.js';
import { storyFromChapter } from '../model/story.js';
import { decodeSeconds } from '../normalise/index.js';
import { normaliseSource } from '../normalise/readers/index.js';
import type { NormalisedStory, NormaliseOptions } from '../normalise/types.js';
import { chapterAsNormalised, isChapterMarkdown } from './chapter-input.js';
import { chooseWorkerStories, startNormaliseWorker, type NormaliseWorker, type WorkerStory } from './normalise-thread.js';
import { markdownFileOf, storyNumber, uniqueSlug } from './story-names.js';

export interface LoadedStory {
  story: Story;
  normalised: NormalisedStory;
  /** Relative path of the chapter file inside the output folder, e.g. `markdown/01-four-words.md`. */
  markdownFile: string;
  /** Path shown in diagnostics. */
  displaySource: string;
}

/** "harbour-lights.txt" → "Harbour Lights". */
export function titleFromFileName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  const words = base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!words) return 'Untitled';
  return words.replace(/(^|\s)(\p{Ll})/gu, (_m, space: string, ch: string) => space + ch.toUpperCase());
}

/** The largest story file quire reads (checked before reading it): a 17-million-word text, or an EPUB full of art. */
export const MAX_SOURCE_BYTES = 100 * 1024 * 1024;

/** Read a story file, with an error that names the file and says what is wrong. */
export async function readStoryBytes(file: string, display: string): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new QuireError(`cannot read story: ${describeFsError(error)}`, { file: display });
  }
  if (size > MAX_SOURCE_BYTES) throw new QuireError(`the file is ${Math.round(size / 1024 / 1024)} MB, more than the ${MAX_SOURCE_BYTES / 1024 / 1024} MB quire reads as one story; nothing was read`, { file: display });
  try {
    return await readFile(file);
  } catch (error) {
    throw new QuireError(`cannot read story: ${describeFsError(error)}`, { file: display });
  }
}

/** Read every story file, a few at a time (an anthology of thousands of small files is I/O-bound), in order. */
async function readAll(files: string[], concurrency = 16): Promise<Uint8Array[]> {
  const out: Array<Uint8Array | undefined> = new Array(files.length);
  const errors: unknown[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      try {
        out[i] = await readStoryBytes(files[i]!, displayPath(files[i]!));
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
  /** The normaliser to use (default normaliseSource, every reader; watch mode passes a caching one). */
  normalise?: typeof normaliseSource;
  /** Told when each stage (read, decode, normalise, parse) starts, story by story. */
  onProgress?: (stage: string) => void;
}

/** Normalise and parse every story; empty stories are skipped with a warning (or fail with strict). */
export async function loadStories(
  config: AnthologyConfig,
  options: LoadStoriesOptions,
): Promise<{ loaded: LoadedStory[]; skipped: Array<{ source: string; reason: string }>; seconds: { read: number; decode: number; normalise: number; parse: number } }> {
  const seconds = { read: 0, decode: 0, normalise: 0, parse: 0 };
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
  const skipped: Array<{ source: string; reason: string }> = [];
  const width = Math.max(2, String(config.stories.length).length);
  const usedSlugs = new Set<string>();
  const contents = await readAll(config.stories.map((entry) => entry.path));
  lap('read', 'decode');
  const optionsOf = (n: number, idPrefix: string): NormaliseOptions => {
    const entry = config.stories[n]!;
    return {
      file: displayPath(entry.path),
      language: config.language,
      notes: options.notes,
      // The config's title and authors win; then a Gutenberg header's; then the file name / --author.
      ...(entry.title && { title: entry.title }),
      fallbackTitle: titleFromFileName(entry.path),
      ...(entry.authors && { authors: entry.authors }),
      ...(entry.fallbackAuthors && { fallbackAuthors: entry.fallbackAuthors }),
      ...(entry.summary && { summary: entry.summary }),
      idPrefix,
    };
  };
  // A big book's last stories are normalised and parsed in a worker meanwhile (not watch mode's caching normaliser).
  // Each is numbered as if no story before it but those known were skipped; a story whose place turns out otherwise is redone here.
  /** Which of the stories from `first` on go to the worker (none with watch mode's caching normaliser). */
  const plan = (first: number): number[] =>
    options.normalise ? [] : chooseWorkerStories(contents.slice(first).map((b) => b.length), (i) => !isChapterMarkdown(config.stories[first + i]!.path)).map((i) => first + i);
  const sent = plan(0);
  let worker: NormaliseWorker | undefined;
  /** The stories whose results are still to come from the worker. */
  const fromWorker = new Set<number>();
  const startWorker = (stories: number[]): void => {
    worker = startNormaliseWorker({ width, skipped: skipped.length, stories: stories.map((n) => ({ n, bytes: contents[n]!, options: optionsOf(n, '') })) });
    if (worker) for (const n of stories) fromWorker.add(n);
  };
  const stopWorker = (): void => {
    worker?.close();
    worker = undefined;
    fromWorker.clear();
  };
  if (sent.length > 0) startWorker(sent);
  try {
    for (const [n, entry] of config.stories.entries()) {
      const display = displayPath(entry.path);
      const bytes = contents[n]!;
      const index = loaded.length + 1;
      const number = storyNumber(index, width);
      const idPrefix = `s${number}`;
      const normaliseOptions = optionsOf(n, idPrefix);
      // An edited chapter file (.md) is taken as it is; raw text is normalised.
      // Decoding happens inside the normaliser, so its progress mark cannot come later than this one.
      options.onProgress?.('normalise');
      let done: WorkerStory | undefined;
      if (worker && fromWorker.delete(n)) {
        done = await worker.take(n, index);
        // The worker failed, or numbered the story otherwise (should not happen: skips are told to it): the rest is done here.
        if (!done) stopWorker();
      }
      const decodedBefore = decodeSeconds();
      const normalised =
        done?.normalised ??
        (isChapterMarkdown(entry.path) ? chapterAsNormalised(bytes, normaliseOptions) : (options.normalise ?? normaliseSource)(bytes, normaliseOptions));
      // The normaliser decodes as its first step: that share is reported as its own stage.
      const decoded = decodeSeconds() - decodedBefore;
      seconds.decode += decoded;
      seconds.normalise -= decoded;
      lap('normalise', 'parse');
      for (const m of normalised.messages) options.messages.list.push(m);
      if (normalised.wordCount === 0) {
        const reason = 'the story is empty after normalising (nothing but whitespace, a disclaimer or author\'s notes)';
        if (options.strict) throw new QuireError(`${reason}; remove it from the config or drop --strict`, { file: display });
        options.messages.warn('empty-story', `${reason}; skipped`, display);
        skipped.push({ source: display, reason });
        // The worker numbered its stories without this skip (it counts only its own): share out the stories left again.
        if (worker && !done && fromWorker.size > 0) {
          stopWorker();
          const again = plan(n + 1);
          if (again.length > 0) startWorker(again);
        }
        lap('parse', 'decode');
        continue;
      }
      const slug = uniqueSlug(normalised.frontMatter.title, usedSlugs);
      const markdownFile = markdownFileOf(number, slug);
      // The worker's parse stands when it was made under the same file name (it names the file in errors and front matter).
      const parsed = done?.parsed && done.markdownFile === markdownFile ? done.parsed : parseChapter(normalised.markdown, markdownFile, idPrefix);
      const story = storyFromChapter(parsed, { id: idPrefix, index, source: display, markdownPath: markdownFile, slug, notes: options.notes, wordCount: normalised.wordCount });
      loaded.push({ story, normalised, markdownFile, displaySource: display });
      lap('parse', 'decode');
    }
  } finally {
    stopWorker();
  }
  return { loaded, skipped, seconds };
}

/** A path relative to the working directory when inside it, for messages. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
