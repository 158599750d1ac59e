// Remembers each story as it was made ready (normalised and parsed), keyed by a hash of its bytes and its options, for watch rebuilds.
import { createHash } from 'node:crypto';
import type { Scheduler } from '../parallel/pool.js';
import type { PreparedStory, StoryInput } from './story-task.js';

/**
 * A memory of story jobs (story-task.ts): the same bytes with the same options give back the same (shared, not
 * copied) result without normalising again. Callers must not mutate a result. `sweep()` (after a successful
 * build) forgets everything not used since the previous sweep, so the cache holds about one build's stories;
 * `takeCounts()` says how many results were reused and computed.
 */
export class NormaliseCache {
  private entries = new Map<string, Promise<PreparedStory>>();
  private used = new Set<string>();
  /** Results reused / computed since the last `takeCounts()`. */
  hits = 0;
  misses = 0;

  /** The story jobs of `jobs`, answered from this memory when it has them (wherever they would have run). */
  around(jobs: Scheduler<StoryInput, PreparedStory>): Scheduler<StoryInput, PreparedStory> {
    return { worth: jobs.worth, beside: (input) => this.get(input, jobs.beside), here: (input) => this.get(input, jobs.here) };
  }

  private get(input: StoryInput, run: (input: StoryInput) => Promise<PreparedStory>): Promise<PreparedStory> {
    const key = NormaliseCache.key(input);
    this.used.add(key);
    const cached = this.entries.get(key);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const result = run(input);
    this.entries.set(key, result);
    // A failed job is not remembered.
    result.catch(() => this.entries.get(key) === result && this.entries.delete(key));
    return result;
  }

  /** sha256 of the bytes plus every input that can change the result. */
  static key({ bytes, options, chapter, number }: StoryInput): string {
    const opts = JSON.stringify([options.file, options.language, options.notes, options.title ?? null, options.authors ?? null, options.fallbackAuthors ?? null, options.summary ?? null, options.overrides ?? null, options.idPrefix, chapter, number]);
    return `${createHash('sha256').update(bytes).digest('hex')}:${opts}`;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forget results not used since the last sweep. */
  sweep(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key);
    this.used.clear();
  }

  /** Reused and computed results since the last call; resets both counters. */
  takeCounts(): { hits: number; misses: number } {
    const counts = { hits: this.hits, misses: this.misses };
    this.hits = 0;
    this.misses = 0;
    return counts;
  }
}
