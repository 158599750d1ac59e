// The theme schema in zod (templates/theme.yaml): its error messages name the key; built only for themes the fast check declines.
import type * as Zod from 'zod';

/** The theme schema, built with the given zod. */
export function themeSchema(z: typeof Zod.z) {
  return z.object({
    fonts: z.object({
      family: z.string(),
      regular: z.string(),
      italic: z.string(),
      bold: z.string(),
      boldItalic: z.string(),
      fallback: z.string().optional(),
    }),
    text: z.object({
      size: z.number().positive(),
      leading: z.number().positive(),
      indent: z.number().nonnegative(),
      align: z.enum(['justify', 'left']),
      hyphenate: z.boolean(),
      widows: z.number().int().min(1),
      orphans: z.number().int().min(1),
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
    ornament: z.string().min(1),
    sceneBreakSpace: z.number().nonnegative(),
    page: z.object({
      outside: z.number().min(0.5),
      top: z.number().min(0.5),
      bottom: z.number().min(0.5),
      gutter: z.array(z.tuple([z.number(), z.number()])).min(1),
    }),
  });
}

export type ThemeData = Zod.output<ReturnType<typeof themeSchema>>;
