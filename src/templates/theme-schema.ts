// The theme schema in zod (templates/theme.yaml, and a config's theme file over it) and its type: every key known (an unknown one is an error naming it) and every number within what a book can be set in.
import * as z from 'zod/mini';
import { SCRIPT_FACES } from '../common/scripts.js';

/** A number from `min` to `max`, with the unit the message names. */
const between = (min: number, max: number, unit: string) =>
  z.number().check(z.refine((n) => Number.isFinite(n) && n >= min && n <= max, { error: (issue) => `${String(issue.input)} is out of range: give ${unit} from ${min} to ${max}` }));
const count = (max: number) => z.int().check(z.gte(1), z.lte(max));
/** A page margin in inches: at least half an inch (what printers need), at most two. */
const margin = between(0.5, 2, 'inches');
/** A size relative to the body text, in em. */
const em = (min: number, max: number) => between(min, max, 'em');

export const FONT_KEYS = ['regular', 'italic', 'bold', 'boldItalic', 'fallback'] as const;

const fontPath = z.string().check(z.minLength(1), z.maxLength(1000));

export const themeSchema = z.strictObject({
  fonts: z.strictObject({
    family: z.string().check(z.minLength(1), z.maxLength(100)),
    regular: fontPath,
    italic: fontPath,
    bold: fontPath,
    boldItalic: fontPath,
    fallback: z.optional(fontPath),
    /** A regular and a bold face per script the book face lacks (keys: SCRIPT_FACES). */
    scripts: z.optional(z.partialRecord(z.enum(SCRIPT_FACES), z.strictObject({ regular: fontPath, bold: z.optional(fontPath) }))),
  }),
  text: z.strictObject({
    /** Points. */
    size: between(5, 36, 'points'),
    /** A multiple of the size. */
    leading: between(0.8, 3, 'times the size'),
    indent: em(0, 10),
    align: z.enum(['justify', 'left']),
    hyphenate: z.boolean(),
    widows: count(10),
    orphans: count(10),
  }),
  headings: z.strictObject({
    bookTitle: em(0.5, 6),
    storyTitle: em(0.5, 6),
    chapterTitle: em(0.5, 6),
    byline: em(0.5, 6),
    runningHead: em(0.5, 3),
    folio: em(0.5, 3),
    letterSpacing: em(-0.2, 1),
  }),
  /** A few characters on one line. */
  ornament: z.string().check(z.minLength(1), z.refine((s) => [...s].length <= 12 && !/[\n\r\u2028\u2029]/.test(s), { error: 'give at most 12 characters on one line' })),
  /** Blank lines. */
  sceneBreakSpace: between(0, 10, 'lines'),
  page: z.strictObject({
    outside: margin,
    top: margin,
    bottom: margin,
    /** Inside margins by page count: [up to this many pages, inches], the page counts rising. */
    gutter: z
      .array(z.tuple([z.int().check(z.gte(1)), between(0.25, 2, 'inches')]))
      .check(
        z.minLength(1),
        z.maxLength(50),
        z.refine((rows) => rows.every((row, i) => i === 0 || row[0] > rows[i - 1]![0]), { error: 'list the page counts from low to high, each once' }),
      ),
  }),
});

export type ThemeData = z.output<typeof themeSchema>;
