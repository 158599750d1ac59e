// The anthology config (seeds/anthology.yaml): its vocabulary (trims, formats, notes policies, language tags), its zod schema, and the types derived from it.
import * as z from 'zod/mini';
import type { Origin } from '../common/input-file.js';
import type { StoryOverrides } from '../normalise/types.js';

export const TRIMS = ['a5', 'digest', 'trade', 'a4', 'letter'] as const;
export type TrimName = (typeof TRIMS)[number];
export const FORMATS = ['epub', 'pdf', 'zine', 'minizine', 'kepub'] as const;
export type FormatName = (typeof FORMATS)[number];
export const NOTES_POLICIES = ['endnotes', 'keep', 'drop'] as const;
/** Print shops whose interior rules `--shop` follows exactly (without it, a file every one of them accepts). */
export const SHOPS = ['kdp', 'ingram', 'lulu'] as const;
export type ShopName = (typeof SHOPS)[number];

/** A BCP 47 language tag such as `en`, `fr` or `en-GB`. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A string, trimmed, then checked. */
const trimmed = (...checks: z.core.$ZodCheck<string>[]) => z.string().check(z.trim(), ...checks);

/** The per-story corrections: what the config says a paragraph is (see README "Overrides"). */
export const OVERRIDE_KEYS = ['keep', 'paratext', 'headings', 'breaks'] as const;

/** An override entry: the start of a paragraph's text, or a source line number. */
const overrideEntry = z.union([trimmed(z.minLength(1)), z.number().check(z.int(), z.positive())], { error: "give the start of a paragraph's text or a source line number" });
/** One entry, or a list of them. */
const overrideList = z.optional(z.union([overrideEntry, z.array(overrideEntry)], { error: "give the start of a paragraph's text or a source line number, or a list of them" }));

const storySchema = z.strictObject({
  source: z.string().check(z.minLength(1, 'give the path of the story text file')),
  title: z.optional(trimmed(z.minLength(1))),
  author: z.optional(z.union([trimmed(z.minLength(1)), z.array(trimmed(z.minLength(1))).check(z.minLength(1))])),
  summary: z.optional(trimmed()),
  /** The story's language when it is not the book's (BCP 47): its typography, hyphenation, fonts and xml:lang. */
  language: z.optional(z.string().check(z.regex(LANGUAGE_TAG, 'use a BCP 47 language tag such as en, ja or he'))),
  /** This story's notes policy (default: the book's). */
  notes: z.optional(z.enum(NOTES_POLICIES)),
  keep: overrideList,
  paratext: overrideList,
  headings: overrideList,
  breaks: overrideList,
});

export const configSchema = z.strictObject({
  title: trimmed(z.minLength(1, 'the book needs a title')),
  subtitle: z.optional(trimmed()),
  editor: z.optional(trimmed()),
  language: z._default(z.string().check(z.regex(LANGUAGE_TAG, 'use a BCP 47 language tag such as en, fr or en-GB')), 'en'),
  description: z.optional(trimmed()),
  date: z.optional(z.union([z.string(), z.date()]).check(z.refine((d) => typeof bookDate(d) !== 'string', { error: (issue) => String(bookDate(issue.input as string | Date)) }))),
  rights: z.optional(trimmed()),
  publisher: z.optional(trimmed()),
  notes: z._default(z.enum(NOTES_POLICIES), 'endnotes'),
  trim: z._default(z.enum(TRIMS), 'a5'),
  cover: z.optional(z.string()),
  /** A theme file that overrides templates/theme.yaml keys, relative to the config. */
  theme: z.optional(z.string()),
  stories: z.array(storySchema).check(z.minLength(1, 'list at least one story')),
});

/** The years a book's date may have: four digits, as ISO 8601 and PDF dates write them (an EPUB's zip records 1980 to 2107 and keeps a date outside them at the nearest end). */
export const FIRST_YEAR = 1;
export const LAST_YEAR = 9999;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A book's date from the config: `YYYY-MM-DD` (a day that exists), optionally with a time, in the years 1 to 9999; or
 * the reason it is none.
 */
export function bookDate(value: string | Date): Date | string {
  let date: Date;
  if (typeof value === 'string') {
    const m = ISO_DATE.exec(value.trim());
    if (!m) return `"${value}" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-14`;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > days) return `"${value}" is not a day of the calendar (${month >= 1 && month <= 12 ? `that month has ${days} days` : 'months go from 01 to 12'})`;
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return `"${value}" is not a time of day`;
    date = new Date(m[4] === undefined ? `${m[1]}-${m[2]}-${m[3]}T00:00:00Z` : value.trim().replace(' ', 'T') + (m[7] === undefined ? 'Z' : ''));
  } else date = value;
  if (Number.isNaN(date.getTime())) return `"${String(value)}" is not a date: write it as YYYY-MM-DD`;
  const year = date.getUTCFullYear();
  if (year < FIRST_YEAR || year > LAST_YEAR) return `"${String(value)}" is not a date of the years ${FIRST_YEAR} to ${LAST_YEAR}; write it as YYYY-MM-DD`;
  return date;
}

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
  /** The real path of the folder every path the config (or its theme) names must be in; absent with --allow-outside or FILES. */
  confine?: string;
  /** Where each path the config names was named (resolved path → file, line, key), for the messages about it. */
  origins?: Record<string, Origin>;
  date?: Date;
  stories: Array<Omit<StoryConfig, 'author' | (typeof OVERRIDE_KEYS)[number]> & { authors?: string[]; path: string; fallbackAuthors?: string[]; overrides?: StoryOverrides }>;
}
