// The anthology config schema (seeds/anthology.yaml): one zod schema, the single source of its keys.
import { z } from 'zod';

export const TRIMS = ['a5', 'digest', 'trade', 'a4', 'letter'] as const;
export type TrimName = (typeof TRIMS)[number];
export const FORMATS = ['epub', 'pdf', 'zine', 'minizine', 'kepub'] as const;
export type FormatName = (typeof FORMATS)[number];
export const NOTES_POLICIES = ['endnotes', 'keep', 'drop'] as const;

/** A BCP 47 language tag such as `en`, `fr` or `en-GB`. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const authors = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]);

export const storySchema = z.strictObject({
  source: z.string().min(1, 'give the path of the story text file'),
  title: z.string().trim().min(1).optional(),
  author: authors.optional(),
  summary: z.string().trim().optional(),
});

export const configSchema = z.strictObject({
  title: z.string().trim().min(1, 'the book needs a title'),
  subtitle: z.string().trim().optional(),
  editor: z.string().trim().optional(),
  language: z
    .string()
    .regex(LANGUAGE_TAG, 'use a BCP 47 language tag such as en, fr or en-GB')
    .default('en'),
  description: z.string().trim().optional(),
  date: z.union([z.string(), z.date()]).optional(),
  rights: z.string().trim().optional(),
  publisher: z.string().trim().optional(),
  notes: z.enum(NOTES_POLICIES).default('endnotes'),
  trim: z.enum(TRIMS).default('a5'),
  cover: z.string().optional(),
  /** A theme file that overrides templates/theme.yaml keys, relative to the config. */
  theme: z.string().optional(),
  stories: z.array(storySchema).min(1, 'list at least one story'),
});

export type ConfigInput = z.input<typeof configSchema>;
export type StoryConfig = z.output<typeof storySchema>;

/** A validated config with its paths resolved. */
export interface AnthologyConfig extends Omit<z.output<typeof configSchema>, 'stories' | 'date'> {
  /** Absolute path of the config file, or undefined when built from FILES. */
  configPath?: string;
  /** The folder relative paths are resolved against. */
  baseDir: string;
  date?: Date;
  stories: Array<Omit<StoryConfig, 'author'> & { authors?: string[]; path: string; fallbackAuthors?: string[] }>;
}
