// The anthology config (seeds/anthology.yaml): its vocabulary (trims, formats, notes policies, language tags), its zod schema, and the types derived from it.
import * as z from 'zod/mini';

export const TRIMS = ['a5', 'digest', 'trade', 'a4', 'letter'] as const;
export type TrimName = (typeof TRIMS)[number];
export const FORMATS = ['epub', 'pdf', 'zine', 'minizine', 'kepub'] as const;
export type FormatName = (typeof FORMATS)[number];
export const NOTES_POLICIES = ['endnotes', 'keep', 'drop'] as const;

/** A BCP 47 language tag such as `en`, `fr` or `en-GB`. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A string, trimmed, then checked. */
const trimmed = (...checks: z.core.$ZodCheck<string>[]) => z.string().check(z.trim(), ...checks);

const storySchema = z.strictObject({
  source: z.string().check(z.minLength(1, 'give the path of the story text file')),
  title: z.optional(trimmed(z.minLength(1))),
  author: z.optional(z.union([trimmed(z.minLength(1)), z.array(trimmed(z.minLength(1))).check(z.minLength(1))])),
  summary: z.optional(trimmed()),
  /** The story's language when it is not the book's (BCP 47): its typography, hyphenation, fonts and xml:lang. */
  language: z.optional(z.string().check(z.regex(LANGUAGE_TAG, 'use a BCP 47 language tag such as en, ja or he'))),
});

export const configSchema = z.strictObject({
  title: trimmed(z.minLength(1, 'the book needs a title')),
  subtitle: z.optional(trimmed()),
  editor: z.optional(trimmed()),
  language: z._default(z.string().check(z.regex(LANGUAGE_TAG, 'use a BCP 47 language tag such as en, fr or en-GB')), 'en'),
  description: z.optional(trimmed()),
  date: z.optional(z.union([z.string(), z.date()])),
  rights: z.optional(trimmed()),
  publisher: z.optional(trimmed()),
  notes: z._default(z.enum(NOTES_POLICIES), 'endnotes'),
  trim: z._default(z.enum(TRIMS), 'a5'),
  cover: z.optional(z.string()),
  /** A theme file that overrides templates/theme.yaml keys, relative to the config. */
  theme: z.optional(z.string()),
  stories: z.array(storySchema).check(z.minLength(1, 'list at least one story')),
});

export type ConfigInput = z.input<typeof configSchema>;
/** A config as the schema outputs it (trimmed strings, defaults filled in). */
export type ConfigOutput = z.output<typeof configSchema>;
export type StoryConfig = z.output<typeof storySchema>;

/** A validated config with its paths resolved. */
export interface AnthologyConfig extends Omit<ConfigOutput, 'stories' | 'date'> {
  /** Absolute path of the config file, or undefined when built from FILES. */
  configPath?: string;
  /** The folder relative paths are resolved against. */
  baseDir: string;
  date?: Date;
  stories: Array<Omit<StoryConfig, 'author'> & { authors?: string[]; path: string; fallbackAuthors?: string[] }>;
}
