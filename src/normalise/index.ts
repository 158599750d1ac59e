// The normaliser: one raw story (bytes) → chapter markdown with front matter, through one visible ordered list of steps.
import { contents } from './contents.js';
import { controlChars, decode, lineEndings, mojibake, nfc } from './decode.js';
import { escape } from './escape.js';
import { gutenberg } from './gutenberg.js';
import { overrides } from './overrides.js';
import { paragraphs } from './paragraphs.js';
import { paratext } from './paratext.js';
import { sceneBreakEdges } from './scene-break-edges.js';
import { initialState, type NormaliseStep } from './state.js';
import { headingLevels, headings, sceneBreaks } from './structure.js';
import type { NormaliseOptions, NormalisedStory } from './types.js';
import { typography } from './typography.js';
import { frontMatterOf, write } from './write.js';

/** The pipeline, in order. Each step is small, named as in the messages it adds, and reads/updates the state. */
export const STEPS: readonly NormaliseStep[] = [
  decode,
  lineEndings,
  mojibake,
  controlChars,
  nfc,
  gutenberg,
  contents,
  paragraphs,
  overrides,
  sceneBreaks,
  headings,
  paratext,
  headingLevels,
  sceneBreakEdges,
  typography,
  escape,
  write,
];

let decodeTotal = 0;

/** Seconds this thread has spent in the `decode` step so far (the build reports decoding as its own stage). */
export function decodeSeconds(): number {
  return decodeTotal;
}

/**
 * Normalise one raw story. Throws only a QuireError, for binary or undecodable input;
 * any decodable text comes out as markdown that keeps every word (removals are listed in `removed`).
 */
export function normaliseStory(bytes: Uint8Array, options: NormaliseOptions): NormalisedStory {
  const state = initialState(bytes, options);
  for (const step of STEPS) {
    if (step !== decode) step.run(state);
    else {
      const start = performance.now();
      step.run(state);
      decodeTotal += (performance.now() - start) / 1000;
    }
  }
  return {
    markdown: state.markdown,
    frontMatter: frontMatterOf(state),
    encoding: state.encoding,
    removed: state.removed,
    repairs: state.repairs,
    sceneBreaks: state.blocks.filter((b) => b.kind === 'sceneBreak').length,
    headings: state.blocks.flatMap((b) => (b.kind === 'heading' ? [{ text: b.text, level: b.level, line: b.line, evidence: b.evidence }] : [])),
    wordCount: state.wordCount,
    wordDigest: state.wordDigest,
    wordText: state.wordText,
    messages: state.messages.list,
    ...(state.overrideMatches.length > 0 && { overrides: state.overrideMatches }),
    source: { text: state.text, joined: [...state.spans].flat() },
  };
}
