// The anthology config schema in zod (seeds/anthology.yaml): its error messages name the key and the reason; built only when needed.
import type * as Zod from 'zod';
import { LANGUAGE_TAG, NOTES_POLICIES, TRIMS } from './schema.js';

/** The config and story schemas, built with the given zod. */
export function configSchemas(z: typeof Zod.z) {
  const authors = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]);

  const storySchema = z.strictObject({
    source: z.string().min(1, 'give the path of the story text file'),
    title: z.string().trim().min(1).optional(),
    author: authors.optional(),
    summary: z.string().trim().optional(),
  });

  const configSchema = z.strictObject({
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
  return { storySchema, configSchema };
}

export type ConfigSchemas = ReturnType<typeof configSchemas>;
