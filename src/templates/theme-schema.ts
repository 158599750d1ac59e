// The theme schema in zod (templates/theme.yaml, and a config's theme file over it) and its type: keys the schema does not know are dropped.
import * as z from 'zod/mini';
import { SCRIPT_FACES } from '../common/scripts.js';

const positive = z.number().check(z.positive());
const nonNegative = z.number().check(z.nonnegative());
/** At least half an inch: a page margin. */
const margin = z.number().check(z.gte(0.5));
const count = z.int().check(z.gte(1));

export const themeSchema = z.object({
  fonts: z.object({
    family: z.string(),
    regular: z.string(),
    italic: z.string(),
    bold: z.string(),
    boldItalic: z.string(),
    fallback: z.optional(z.string()),
    /** A regular and a bold face per script the book face lacks (keys: SCRIPT_FACES). */
    scripts: z.optional(z.partialRecord(z.enum(SCRIPT_FACES), z.object({ regular: z.string(), bold: z.optional(z.string()) }))),
  }),
  text: z.object({
    size: positive,
    leading: positive,
    indent: nonNegative,
    align: z.enum(['justify', 'left']),
    hyphenate: z.boolean(),
    widows: count,
    orphans: count,
  }),
  headings: z.object({
    bookTitle: z.number(),
    storyTitle: z.number(),
    chapterTitle: z.number(),
    byline: z.number(),
    runningHead: z.number(),
    folio: z.number(),
    letterSpacing: z.number(),
  }),
  ornament: z.string().check(z.minLength(1)),
  sceneBreakSpace: nonNegative,
  page: z.object({
    outside: margin,
    top: margin,
    bottom: margin,
    /** Inside margins by page count: [up to this many pages, inches]. */
    gutter: z.array(z.tuple([z.number(), z.number()])).check(z.minLength(1)),
  }),
});

export type ThemeData = z.output<typeof themeSchema>;
