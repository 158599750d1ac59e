// Remembers each story's normalised result, keyed by a hash of its bytes and its options, for watch rebuilds.
import { createHash } from 'node:crypto';
import type { NormaliseOptions, NormalisedStory } from '../normalise/types.js';

export type NormaliseFn = (bytes: Uint8Array, options: NormaliseOptions) => NormalisedStory;

/**
 * A normaliser with a memory: the same bytes with the same options give back the same (shared, not
 * copied) result without normalising again. Callers must not mutate a result. `sweep()` (after a
 * successful build) forgets everything not used since the previous sweep, so the cache holds about one
 * build's stories; `takeCounts()` says how many results were reused and computed.
 */
export class NormaliseCache {
  private entries = new Map<string, NormalisedStory>();
  private used = new Set<string>();
  /** Results reused / computed since the last `takeCounts()`. */
  hits = 0;
  misses = 0;

  constructor(private readonly normaliseStory: NormaliseFn) {}

  /** Same contract as `normaliseStory`; pass it as the build's normaliser. */
  readonly normalise: NormaliseFn = (bytes, options) => {
    const key = NormaliseCache.key(bytes, options);
    this.used.add(key);
    const cached = this.entries.get(key);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const result = this.normaliseStory(bytes, options);
    this.entries.set(key, result);
    return result;
  };

  /** sha256 of the bytes plus every option that can change the result. */
  static key(bytes: Uint8Array, options: NormaliseOptions): string {
    const opts = JSON.stringify([options.file, options.language, options.notes, options.title ?? null, options.authors ?? null, options.summary ?? null, options.idPrefix]);
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
