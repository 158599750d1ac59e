// The story layout job: some stories, and the end of a long one, set apart from the rest of the book (by a worker beside the layout, or here), packed flat for the trip back.
import type { Story } from '../../../model/types.js';
import { fontsFor, passContext, setStory, setStoryPart, type StoryPass, type StorySettings } from './book.js';
import { packFlows, packSections, unpackFlows, unpackSections, type PackedFlows, type PackedSections } from './flow-codec.js';
import { recordingFonts, type MissingText } from './missing-texts.js';
import type { Geometry } from './page/geometry.js';
import type { FlowItem } from './page/paginate.js';
import type { Section } from './page/sections.js';
import { hyphenatorFor } from './text/hyphenate.js';

/** What setting stories apart needs to set them exactly as the layout would. */
export interface StoryJob {
  /** Which layout (one layoutBook call) the job belongs to: the jobs of its passes share one FontSet. */
  layout: number;
  settings: StorySettings;
  geometry: Geometry;
  stories: Story[];
  /** The ends of long stories (their blocks from a split point on), set as flows of lines. */
  parts: Story[];
}

export interface StoryJobResult {
  sections: Section[];
  parts: FlowItem[][];
  /** The texts with characters no face has that this layout's jobs measured so far (to count into the layout's fonts). */
  missing: MissingText[];
}

/** The fonts of the layout being set: one FontSet per layout, like the layout's own, noting the texts it cannot draw. */
let current: { layout: number; pass: Omit<StoryPass, 'geometry'>; missing: Map<string, MissingText> } | undefined;

export function run(job: StoryJob): StoryJobResult {
  if (current?.layout !== job.layout) {
    const missing = new Map<string, MissingText>();
    const fonts = recordingFonts(fontsFor(job.settings.theme, job.settings.language), missing);
    const hyphenate = job.settings.theme.text.hyphenate ? hyphenatorFor(job.settings.language) : undefined;
    current = { layout: job.layout, pass: { settings: job.settings, fonts, hyphenate }, missing };
  }
  const pass: StoryPass = { ...current.pass, settings: job.settings, geometry: job.geometry };
  const base = passContext(pass);
  return {
    sections: job.stories.map((story) => setStory(story, pass, base)),
    parts: job.parts.map((story) => setStoryPart(story, pass, 0, story.blocks.length, base)),
    missing: [...current.missing.values()],
  };
}

/** A big job: its worker ends after it (Task.big). */
export const big = true;

interface Packed {
  sections: PackedSections;
  parts: PackedFlows;
  missing: MissingText[];
}

/**
 * Sections as two flat arrays: structured-cloning the objects of a 460k-word story (16 MB) cost about a second on
 * the receiving thread, the flat arrays a fraction of that; the numbers move without a copy.
 */
export function pack(result: StoryJobResult): { message: Packed; transfer: ArrayBuffer[] } {
  const sections = packSections(result.sections);
  const parts = packFlows(result.parts);
  return { message: { sections, parts, missing: result.missing }, transfer: [sections.nums.buffer as ArrayBuffer, parts.nums.buffer as ArrayBuffer] };
}

export function unpack(message: unknown): StoryJobResult {
  const m = message as Packed;
  return { sections: unpackSections(m.sections), parts: unpackFlows(m.parts), missing: m.missing };
}
