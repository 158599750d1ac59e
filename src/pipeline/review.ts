// The review page as an output of every build (whatever the formats): its file name, and what it is made from.
import path from 'node:path';
import type { AnthologyConfig } from '../config/schema.js';
import type { ReviewInput } from '../review/index.js';
import type { BuildReport } from './report.js';
import { displayPath, type LoadedStory } from './stories.js';

/** `<out>/<book>.review.html`. */
export function reviewFile(outDir: string, slug: string): string {
  return path.join(outDir, `${slug}.review.html`);
}

/** The report, and per story what the normaliser returned beyond it (the decoded source, headings, disclaimers' owners). */
export function reviewInput(report: BuildReport, loaded: readonly LoadedStory[], config: AnthologyConfig): ReviewInput {
  return {
    report,
    stories: loaded.map((l, i) => ({
      report: report.stories[i]!,
      configSource: l.configSource,
      ...(l.normalised.source && { source: l.normalised.source }),
      headings: l.normalised.headings,
      ...(l.normalised.frontMatter.disclaimers && { disclaimers: l.normalised.frontMatter.disclaimers }),
    })),
    ...(config.configPath && { config: displayPath(config.configPath) }),
  };
}
