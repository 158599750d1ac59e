// Worker-thread entry of the story pool: sets the stories it is sent into sections (flows of lines), as book.ts would on the main thread.
import { parentPort } from 'node:worker_threads';
import type { Book } from '../../../model/types.js';
import type { BlockContext } from './page/blocks.js';
import { storyBody, storySection } from './page/sections.js';
import { packFlows, packSections } from './flow-codec.js';
import { FontSet } from './text/fonts.js';
import { hyphenatorFor } from './text/hyphenate.js';
import type { StoryJob, StoryJobResult } from './story-pool.js';
import { releaseMemory } from '../../../release-memory.js';

const port = parentPort!;

/** The fonts of the layout being made: one FontSet per layout, like the main thread's (its missing-glyph count starts at zero). */
let current: { layout: number; fonts: FontSet } | undefined;

function fontsFor(layout: number, files: StoryJob['theme']['fontFiles']): FontSet {
  if (current?.layout !== layout) current = { layout, fonts: new FontSet({ ...files }) };
  return current.fonts;
}

function run(job: StoryJob): StoryJobResult {
  const fonts = fontsFor(job.layout, job.theme.fontFiles);
  const hyphenate = job.theme.text.hyphenate ? hyphenatorFor(job.language) : undefined;
  const g = job.geometry;
  const base: BlockContext = { fonts, theme: job.theme, width: g.recto.width, leading: g.leading, ...(hyphenate && { hyphenate }) };
  const book = { notesPolicy: job.notesPolicy } as Book;
  const endnotes = job.notesPolicy === 'endnotes';
  const keep = job.notesPolicy === 'keep';
  const sections = job.stories.map((story) => storySection(book, story, base, g, endnotes, keep, job.interactive));
  const parts = job.parts.map((story) => storyBody(book, story, base, endnotes, keep, job.interactive));
  return { sections: packSections(sections), parts: packFlows(parts), missing: [...fonts.missing] };
}

port.on('message', ({ id, job }: { id: number; job: StoryJob }) => {
  try {
    const result = run(job);
    // The numbers move to the main thread without a copy.
    port.postMessage({ id, result }, [result.sections.nums.buffer as ArrayBuffer, result.parts.nums.buffer as ArrayBuffer]);
    // Idle until the next job (if any): the layout's garbage need not stay in memory meanwhile.
    releaseMemory();
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
