// Loads templates/theme.yaml (optionally overridden by a config's theme file) into a typed Theme.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { QuireError } from '../diagnostics.js';

const themeSchema = z.object({
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

export type Theme = z.output<typeof themeSchema> & {
  /** Absolute paths of the font files. */
  fontFiles: { regular: string; italic: string; bold: string; boldItalic: string; fallback?: string };
};

export const DEFAULT_TEMPLATES_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../templates');

/** Load the theme from `templatesDir/theme.yaml`, deep-merged with an override file if given. */
export function loadTheme(templatesDir: string = DEFAULT_TEMPLATES_DIR, overridePath?: string): Theme {
  const basePath = path.join(templatesDir, 'theme.yaml');
  let data = readYaml(basePath) as Record<string, unknown>;
  if (overridePath) data = deepMerge(data, readYaml(overridePath) as Record<string, unknown>);
  const result = themeSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new QuireError(`${issue.path.join('.')}: ${issue.message}`, { file: overridePath ?? basePath });
  }
  const theme = result.data;
  const require = createRequire(basePath);
  const resolveFont = (p: string): string => {
    const local = path.resolve(templatesDir, p);
    if (existsSync(local)) return local;
    try {
      return require.resolve(p);
    } catch {
      throw new QuireError(`font file "${p}" not found (neither relative to the templates nor as an npm package path)`, { file: basePath });
    }
  };
  const fontFiles = {
    regular: resolveFont(theme.fonts.regular),
    italic: resolveFont(theme.fonts.italic),
    bold: resolveFont(theme.fonts.bold),
    boldItalic: resolveFont(theme.fonts.boldItalic),
    ...(theme.fonts.fallback !== undefined && { fallback: resolveFont(theme.fonts.fallback) }),
  };
  return { ...theme, fontFiles };
}

/** Page gutter (inside margin, inches) for a page count, from the theme's table. */
export function gutterFor(theme: Theme, pageCount: number): number {
  for (const [maxPages, inches] of theme.page.gutter) if (pageCount <= maxPages) return inches;
  return theme.page.gutter[theme.page.gutter.length - 1]![1];
}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new QuireError(`cannot read theme: ${(error as Error).message.split('\n')[0]}`, { file });
  }
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b ?? {})) {
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev)
      ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}
