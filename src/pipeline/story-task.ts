// One story made ready for the book: its bytes normalised into chapter markdown by its reader (or an edited chapter file taken as it is) and parsed; a job run beside the main thread or on it.
import { parseChapter, type ParsedChapter } from '../model/parse.js';
import { normaliseSource } from '../normalise/readers/index.js';
import type { NormalisedStory, NormaliseOptions } from '../normalise/types.js';
import { chapterAsNormalised } from './chapter-input.js';
import { markdownFileOf, uniqueSlug } from './story-names.js';

export interface StoryInput {
  bytes: Uint8Array;
  /** The normaliser's options; `idPrefix` numbers the story's notes and headings. */
  options: NormaliseOptions;
  /** An edited chapter file (.md), taken as it is. */
  chapter: boolean;
  /** The story's number in the book (its chapter file's name begins with it, as parse errors name the file). */
  number: string;
}

export interface PreparedStory {
  normalised: NormalisedStory;
  /** Only for a story with words. */
  parsed?: ParsedChapter;
}

export function run(input: StoryInput): PreparedStory {
  const normalised = input.chapter ? chapterAsNormalised(input.bytes, input.options) : normaliseSource(input.bytes, input.options);
  if (normalised.wordCount === 0) return { normalised };
  // (The book makes the slug unique among its stories; the parse does not depend on the file name but for its errors.)
  const markdownFile = markdownFileOf(input.number, uniqueSlug(normalised.frontMatter.title, new Set()));
  return { normalised, parsed: parseChapter(normalised.markdown, markdownFile, input.options.idPrefix) };
}
