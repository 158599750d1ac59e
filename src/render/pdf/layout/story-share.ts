// Sharing a book's stories between this thread and a story job (story-job.ts) run beside it: which stories go, where a long one is cut, and the sections put back in book order.
//
// Stories are independent runs of pages (each opens on a recto), so they can be set apart and paginated together
// afterwards. The job takes whole stories and perhaps the end of one long story, cut before a block that is not a
// paragraph so that both halves set as the whole would; this thread sets the rest meanwhile.
import { blocksText, type Story } from '../../../model/types.js';
import { passContext, setStory, setStoryPart, type StorySetter } from './book.js';
import { countMissing } from './missing-texts.js';
import type { Section } from './page/sections.js';
import type { StoryLayoutCache } from './story-cache.js';
import type { StoryJob, StoryJobResult } from './story-job.js';

/** The job's part of the words: a little under half, since the other core also renders the EPUB and the job's worker pays for its start. */
export const WORKER_SHARE = 0.45;

/** Send stories to the job only when its share is at least this many words. */
export const MIN_OFFLOAD_WORDS = 120_000;

/** Split a story only when its part for the job would have at least this many words. */
export const MIN_PART_WORDS = 20_000;

/** Whether `size` units of work, at least `min`, are worth a job beside this thread (the scheduler's say). */
export type Worth = (size: number, min: number) => boolean;

/** How story jobs are run: beside this thread when worth it. */
export interface StoryJobs {
  worth: Worth;
  beside(job: StoryJob): Promise<StoryJobResult>;
}

/**
 * The story setter of a build: stories unchanged since an earlier build are taken from `cache` (watch mode); of the
 * others, a big book's are shared with a job beside this thread, the rest set here meanwhile.
 */
export function shareStories(jobs: StoryJobs, cache?: StoryLayoutCache): StorySetter {
  let layouts = 0;
  let current: { stories: readonly Story[]; layout: number; reuse: ReturnType<StoryLayoutCache['layout']> | undefined } | undefined;
  return async (stories, pass) => {
    // The passes of one layout set the same stories: one layout id (the job's fonts) and one digest of them.
    if (current?.stories !== stories) current = { stories, layout: ++layouts, reuse: cache?.layout(stories, pass.settings) };
    const { layout, reuse } = current;
    const { geometry: g, fonts } = pass;
    const base = passContext(pass);
    const sections: Section[] = [];
    const todo: number[] = [];
    stories.forEach((_, i) => {
      const cached = reuse?.reuse(i, g, fonts);
      if (cached) sections[i] = cached;
      else todo.push(i);
    });
    const plan = planOffload(
      todo.map((i) => stories[i]!),
      jobs.worth,
    );
    const sent = todo.filter((_, k) => plan.whole.has(k));
    const split = plan.part && { i: todo[plan.part.index]!, from: plan.part.from };
    const job =
      sent.length > 0 || split
        ? jobs.beside({
            layout,
            settings: pass.settings,
            geometry: g,
            stories: sent.map((i) => stories[i]!),
            // Only the blocks the job sets travel.
            parts: split ? [{ ...stories[split.i]!, blocks: stories[split.i]!.blocks.slice(split.from) }] : [],
          })
        : undefined;
    job?.catch(() => undefined); // awaited below, after this thread's share
    const inJob = new Set(sent);
    let head: ReturnType<typeof setStoryPart> | undefined;
    for (const i of todo) {
      if (inJob.has(i)) continue;
      if (split && i === split.i) head = setStoryPart(stories[i]!, pass, 0, split.from, base);
      else sections[i] = reuse ? reuse.setAndKeep(i, g, fonts, (f) => setStory(stories[i]!, { ...pass, fonts: f })) : setStory(stories[i]!, pass, base);
    }
    if (!job) return sections;
    const done = await job;
    sent.forEach((i, k) => {
      sections[i] = done.sections[k]!;
      reuse?.keep(i, g, fonts, sections[i]);
    });
    if (split) {
      const body = head!;
      for (const item of done.parts[0]!) body.push(item);
      sections[split.i] = setStory(stories[split.i]!, pass, base, body);
      reuse?.keep(split.i, g, fonts, sections[split.i]!);
    }
    countMissing(fonts, done.missing);
    return sections;
  };
}

/** What the job sets: whole stories (indexes) and maybe the end of one more, from block `from` on. */
export interface OffloadPlan {
  whole: Set<number>;
  part?: { index: number; from: number };
}

/**
 * Whole stories (chooseOffload), and when they leave the job's share well short of its target — one long story,
 * or two very unequal ones — the end of the longest remaining story, cut before a block that is not a paragraph
 * (a chapter heading, a scene break) so that both halves set exactly as the whole would.
 */
export function planOffload(stories: readonly Story[], worth: Worth): OffloadPlan {
  const whole = chooseOffload(stories, worth);
  const total = stories.reduce((n, s) => n + s.wordCount, 0);
  if (!worth(total, 2 * MIN_OFFLOAD_WORDS)) return { whole };
  const share = [...whole].reduce((n, i) => n + stories[i]!.wordCount, 0);
  const gap = total * WORKER_SHARE - share;
  if (gap <= 0 || !worth(gap, MIN_PART_WORDS)) return { whole };
  let index = -1;
  stories.forEach((s, i) => {
    if (!whole.has(i) && s.wordCount > gap && (index < 0 || s.wordCount > stories[index]!.wordCount)) index = i;
  });
  if (index < 0) return { whole };
  const from = splitPoint(stories[index]!, gap);
  return from === undefined ? { whole } : { whole, part: { index, from } };
}

/**
 * Which stories go to the job (indexes): whole stories whose words come closest to WORKER_SHARE of the book's,
 * or none when the job's share would be small.
 */
export function chooseOffload(stories: readonly Story[], worth: Worth): Set<number> {
  const total = stories.reduce((n, s) => n + s.wordCount, 0);
  const chosen = new Set<number>();
  if (stories.length < 2 || !worth(total, 2 * MIN_OFFLOAD_WORDS)) return chosen;
  const target = total * WORKER_SHARE;
  let share = 0;
  // Largest first, each story that still fits under the target; then the one that brings the share closest to it.
  const order = stories.map((_, i) => i).sort((a, b) => stories[b]!.wordCount - stories[a]!.wordCount || a - b);
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
  if (!worth(share, MIN_OFFLOAD_WORDS) || chosen.size === stories.length) chosen.clear();
  return chosen;
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
