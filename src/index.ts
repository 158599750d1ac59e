// The library API of quire: what `import … from 'quire'` gives (the CLI is a thin layer over it).
export { build, type BuildResult } from './pipeline/index.js';
export type { BuildOptions } from './pipeline/options.js';
export type { BuildReport, StoryReport, OutputReport, AuditResult } from './pipeline/report.js';
export { normaliseFiles, type NormaliseFilesOptions } from './pipeline/normalise-files.js';
export { normaliseStory } from './normalise/index.js';
export { normaliseSource, detectFormat } from './normalise/readers/index.js';
export type { NormalisedStory, NormaliseOptions, RemovedItem, ChapterFrontMatter } from './normalise/types.js';
export { check, type CheckResult, type CheckFinding } from './check/index.js';
export { loadConfig, parseConfig } from './config/load.js';
export type { AnthologyConfig, ConfigInput, TrimName, FormatName } from './config/schema.js';
export { parseChapter, markdownToBlocks } from './model/parse.js';
export type * from './model/types.js';
export { QuireError, Messages, formatMessage, type Message } from './common/diagnostics.js';
export { VERSION } from './common/version.js';
