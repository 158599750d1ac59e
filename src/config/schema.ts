// The anthology config's vocabulary and types (trims, formats, notes policies, language tags); the zod schema is zod-schema.ts, the fast check validate.ts.
import type * as Zod from 'zod';
import type { ConfigSchemas } from './zod-schema.js';

export const TRIMS = ['a5', 'digest', 'trade', 'a4', 'letter'] as const;
export type TrimName = (typeof TRIMS)[number];
export const FORMATS = ['epub', 'pdf', 'zine', 'minizine', 'kepub'] as const;
export type FormatName = (typeof FORMATS)[number];
export const NOTES_POLICIES = ['endnotes', 'keep', 'drop'] as const;

/** A BCP 47 language tag such as `en`, `fr` or `en-GB`. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export type ConfigInput = Zod.input<ConfigSchemas['configSchema']>;
/** A config as the schema outputs it (trimmed strings, defaults filled in). */
export type ConfigOutput = Zod.output<ConfigSchemas['configSchema']>;
export type StoryConfig = Zod.output<ConfigSchemas['storySchema']>;

/** A validated config with its paths resolved. */
export interface AnthologyConfig extends Omit<ConfigOutput, 'stories' | 'date'> {
  /** Absolute path of the config file, or undefined when built from FILES. */
  configPath?: string;
  /** The folder relative paths are resolved against. */
  baseDir: string;
  date?: Date;
  stories: Array<Omit<StoryConfig, 'author'> & { authors?: string[]; path: string; fallbackAuthors?: string[] }>;
}
