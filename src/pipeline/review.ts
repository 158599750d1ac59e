// The review page as an output of every build (whatever the formats): its file name, and what it is made from.
import path from 'node:path';
import type { AnthologyConfig } from '../config/schema.js';
import type { NormalisedStory } from '../normalise/types.js';
import type { ReviewInput, ReviewStory } from '../review/index.js';
import { storyReport, type StoryReport } from './report.js';
import { displayPath, type LoadedStory, type SkippedStory } from './stories.js';

/** Source characters from which the review page's story sections are made beside the main thread (a million: ≈ 0.05 s). */
export const REVIEW_BESIDE_MIN_CHARS = 1_000_000;

/** `<out>/<book>.review.html`. */
export function reviewFile(outDir: string, slug: string): string {
  return path.join(outDir, `${slug}.review.html`);
}

/** What the normaliser returned beyond the report: the decoded source, headings, disclaimers' owners. */
function reviewStory(report: StoryReport, normalised: NormalisedStory, configSource: string): ReviewStory {
  return {
    report,
    configSource,
    ...(normalised.source && { source: normalised.source }),
    headings: normalised.headings,
    ...(normalised.frontMatter.disclaimers && { disclaimers: normalised.frontMatter.disclaimers }),
  };
}

/** The stories as the review page shows them (`reports`: the report's stories, in the same order as `loaded`), and the skipped ones (the review shows what took their text). */
export function reviewStories(reports: readonly StoryReport[], loaded: readonly LoadedStory[], skipped: readonly SkippedStory[], config: AnthologyConfig): Omit<ReviewInput, 'report'> {
  return {
    stories: loaded.map((l, i) => reviewStory(reports[i]!, l.normalised, l.configSource)),
    skipped: skipped.map((s, i) => ({
      ...reviewStory(
        storyReport(s.normalised, { id: `skipped-${i + 1}`, index: 0, source: s.source, markdown: '', title: s.normalised.frontMatter.title, authors: s.normalised.frontMatter.author, words: 0, chapters: s.normalised.headings.map((h) => ({ title: h.text, level: h.level })) }),
        s.normalised,
        s.configSource,
      ),
      skipped: s.reason,
    })),
    ...(config.configPath && { config: displayPath(config.configPath) }),
  };
}
