// Lays some stories out in a worker thread while the main thread sets the others: the second core's share of the PDF layout.
//
// Stories are independent runs of pages (each opens on a recto), so their flows can be set apart and paginated
// together afterwards. The main thread hands the worker a share of the stories, sets its own, then awaits the
// worker's flows. The worker is started once per process and reused (watch mode); if it cannot start or fails,
// the main thread sets those stories too, so the book comes out the same either way.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerModule } from '../../../worker-module.js';
import { blocksText, type Story } from '../../../model/types.js';
import type { Theme } from '../../../templates/theme.js';
import type { PackedFlows, PackedSections } from './flow-codec.js';
import type { Geometry } from './page/geometry.js';

/** What the worker needs to set stories exactly as the main thread would. */
export interface StoryJob {
  /** Which layout (one layoutBook call) the job belongs to: its passes share the worker's fonts. */
  layout: number;
  theme: Theme;
  language: string;
  geometry: Geometry;
  notesPolicy: string;
  interactive: boolean;
  stories: Story[];
  /** The ends of long stories (their blocks from a split point on), set as flows of lines. */
  parts: Story[];
}

/** What comes back: the stories' sections (flows of set lines, packed), and the characters no face had so far in this layout. */
export interface StoryJobResult {
  sections: PackedSections;
  parts: PackedFlows;
  missing: Array<[string, number]>;
}

/**
 * The worker's part of the words: a little under half, since the other core also runs the EPUB worker and the
 * worker pays for its own start (the main thread sets the front and back matter and paginates).
 */
export const WORKER_SHARE = 0.45;

/** Offload only when the worker's share is at least this many words (starting it costs ≈ 0.5 s of the other core). */
export const MIN_OFFLOAD_WORDS = 120_000;

interface Pool {
  worker: Worker;
  next: number;
  waiting: Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>;
}

let pool: Pool | undefined;
let unavailable = false;

/**
 * The worker's bootstrap: imports the entry module (through tsx's loader when quire runs from its TypeScript
 * sources, as in the tests) and reports a failure to load instead of dying silently.
 */
function bootstrap(): string {
  return `${workerModule('render/pdf/layout/story-worker').load}.catch((error) => { require('node:worker_threads').parentPort.postMessage({ id: 0, error: String(error && error.stack || error) }); });`;
}

function fail(p: Pool, error: Error): void {
  if (pool === p) pool = undefined;
  unavailable = true;
  for (const w of p.waiting.values()) w.reject(error);
  p.waiting.clear();
}

function startPool(): Pool | undefined {
  if (pool) return pool;
  if (unavailable) return undefined;
  try {
    const worker = new Worker(bootstrap(), { eval: true });
    const p: Pool = { worker, next: 1, waiting: new Map() };
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      if (message.id === 0) return fail(p, new Error(`story layout worker did not start: ${message.error}`));
      const w = p.waiting.get(message.id);
      if (!w) return;
      p.waiting.delete(message.id);
      if (message.error !== undefined) w.reject(new Error(`story layout worker: ${message.error}`));
      else w.resolve(message.result);
      // An idle worker must not keep the process alive.
      if (p.waiting.size === 0) worker.unref();
    });
    worker.on('error', (error) => fail(p, error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => fail(p, new Error(`story layout worker exited (${code})`)));
    worker.unref();
    pool = p;
    return p;
  } catch {
    unavailable = true;
    return undefined;
  }
}

/** Whether a book of this many words is big enough to share its layout with the worker at all. */
function bigEnough(words: number): boolean {
  return words >= 2 * MIN_OFFLOAD_WORDS;
}

/**
 * Start the worker ahead of its first job, for a book of `words` words big enough to share its layout with it,
 * so that it loads its modules while the main thread is still busy with other stages.
 */
export function prewarmStoryPool(words: number): void {
  if (bigEnough(words) && availableParallelism() > 1) startPool();
}

/** Send stories to the worker: their sections, or undefined when no worker can be used (then set them here). */
export function offloadStories(job: StoryJob): Promise<StoryJobResult | undefined> | undefined {
  const p = startPool();
  if (!p) return undefined;
  const id = p.next++;
  const result = new Promise<StoryJobResult>((resolve, reject) => p.waiting.set(id, { resolve: resolve as (r: unknown) => void, reject }));
  p.worker.ref();
  p.worker.postMessage({ id, job });
  // A worker that fails (it should not) costs time, not the build: the caller sets the stories itself.
  return result.catch(() => undefined);
}

/**
 * Which stories go to the worker (indexes): whole stories whose words come closest to WORKER_SHARE of the book's,
 * or none when the worker's share would be small.
 */
export function chooseOffload(stories: Story[]): Set<number> {
  const total = stories.reduce((n, s) => n + s.wordCount, 0);
  const chosen = new Set<number>();
  if (stories.length < 2 || !bigEnough(total)) return chosen;
  const target = total * WORKER_SHARE;
  let share = 0;
  // Largest first, each story that still fits under the target; then the one that brings the share closest to it.
  const order = stories.map((s, i) => i).sort((a, b) => stories[b]!.wordCount - stories[a]!.wordCount || a - b);
  for (const i of order) {
    if (share + stories[i]!.wordCount > target) continue;
    chosen.add(i);
    share += stories[i]!.wordCount;
  }
  let best = -1;
  for (const i of order) {
    if (chosen.has(i)) continue;
    const gain = Math.abs(target - share) - Math.abs(target - share - stories[i]!.wordCount);
    if (gain > 0 && (best < 0 || stories[i]!.wordCount < stories[best]!.wordCount)) best = i;
  }
  if (best >= 0) {
    chosen.add(best);
    share += stories[best]!.wordCount;
  }
  if (share < MIN_OFFLOAD_WORDS || chosen.size === stories.length) chosen.clear();
  return chosen;
}

/** Split a story only when its part for the worker would have at least this many words. */
export const MIN_PART_WORDS = 20_000;

/** What the worker sets: whole stories (indexes) and maybe the end of one more, from block `from` on. */
export interface OffloadPlan {
  whole: Set<number>;
  part?: { index: number; from: number };
}

/**
 * Whole stories (chooseOffload), and when they leave the worker's share well short of its target — one long
 * story, or two very unequal ones — the end of the longest remaining story, cut before a block that is not a
 * paragraph (a chapter heading, a scene break) so that both halves set exactly as the whole would.
 */
export function planOffload(stories: Story[]): OffloadPlan {
  const whole = chooseOffload(stories);
  const total = stories.reduce((n, s) => n + s.wordCount, 0);
  if (!bigEnough(total)) return { whole };
  const share = [...whole].reduce((n, i) => n + stories[i]!.wordCount, 0);
  const gap = total * WORKER_SHARE - share;
  if (gap < MIN_PART_WORDS) return { whole };
  let index = -1;
  stories.forEach((s, i) => {
    if (!whole.has(i) && s.wordCount > gap && (index < 0 || s.wordCount > stories[index]!.wordCount)) index = i;
  });
  if (index < 0) return { whole };
  const from = splitPoint(stories[index]!, gap);
  return from === undefined ? { whole } : { whole, part: { index, from } };
}

/** The block before which a story's last `words` words (about) begin, at a block that is not a paragraph. */
export function splitPoint(story: Story, words: number): number | undefined {
  const blocks = story.blocks;
  // Words by text length: only the proportions matter.
  const sizes = blocks.map((b) => blocksText([b]).length);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const want = (words / Math.max(1, story.wordCount)) * total;
  let best: number | undefined;
  let bestMiss = Infinity;
  let tail = 0;
  for (let k = blocks.length - 1; k > 0; k--) {
    tail += sizes[k]!;
    if (blocks[k]!.type === 'paragraph') continue;
    const miss = Math.abs(tail - want);
    if (miss < bestMiss) {
      best = k;
      bestMiss = miss;
    }
    if (tail > want) break;
  }
  // A cut far from the wanted size (no chapters near it) is not worth the trouble.
  return best !== undefined && bestMiss < want / 2 ? best : undefined;
}
