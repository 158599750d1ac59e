// What the review page is made from: the build report, and per story what the normaliser returned beyond it.
import type { ChapterFrontMatter, NormalisedStory, SourceTrace } from '../normalise/types.js';
import type { BuildReport, StoryReport } from '../pipeline/report.js';

export interface ReviewStory {
  report: StoryReport;
  /** The story's `source:` as the config writes it (where its override lines go). */
  configSource: string;
  /** The decoded source, line by line (text stories). */
  source?: SourceTrace;
  headings: NormalisedStory['headings'];
  disclaimers?: ChapterFrontMatter['disclaimers'];
  /** Why the story is not in the book (nothing left after normalising). */
  skipped?: string;
}

export interface ReviewInput {
  report: BuildReport;
  stories: ReviewStory[];
  /** Stories with nothing left after normalising: what took their text. */
  skipped: ReviewStory[];
  /** The config file as shown to the user; undefined when the book was built from story files. */
  config?: string;
}
