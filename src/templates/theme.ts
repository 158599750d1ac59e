// Loads templates/theme.yaml (optionally overridden by a config's theme file) into a typed Theme.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { validate } from '../config/validate.js';
import { QuireError } from '../common/diagnostics.js';
import { PACKAGE_ROOT } from '../common/package-root.js';
import { themeSchema, type ThemeData } from './theme-schema.js';
import type { ScriptFace } from '../common/scripts.js';

export type Theme = ThemeData & {
  /** Absolute paths of the font files. */
  fontFiles: { regular: string; italic: string; bold: string; boldItalic: string; fallback?: string };
  /**
   * Absolute paths of the script faces' files (`japanese`, `japaneseBold`, …), found but not opened; a face whose
   * file is not installed is left out and named in `scriptFontsMissing` (face → the path the theme gives).
   */
  scriptFiles: Partial<Record<ScriptFace | `${ScriptFace}Bold`, string>>;
  scriptFontsMissing: Partial<Record<ScriptFace, string>>;
};

export const DEFAULT_TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');

/** Load the theme from `templatesDir/theme.yaml`, deep-merged with an override file if given. */
export function loadTheme(templatesDir: string = DEFAULT_TEMPLATES_DIR, overridePath?: string): Theme {
  const basePath = path.join(templatesDir, 'theme.yaml');
  let data = readYaml(basePath) as Record<string, unknown>;
  if (overridePath) data = deepMerge(data, readYaml(overridePath) as Record<string, unknown>);
  const result = validate(themeSchema, data);
  if (!result.ok) throw new QuireError(`${result.problem.key}: ${result.problem.reason}`, { file: overridePath ?? basePath });
  const theme = result.data;
  const require = createRequire(basePath);
  const findFont = (p: string): string | undefined => {
    const local = path.resolve(templatesDir, p);
    if (existsSync(local)) return local;
    try {
      return require.resolve(p);
    } catch {
      return undefined;
    }
  };
  const resolveFont = (p: string): string => {
    const found = findFont(p);
    if (found === undefined) throw new QuireError(`font file "${p}" not found (neither relative to the templates nor as an npm package path)`, { file: basePath });
    return found;
  };
  const scriptFiles: Theme['scriptFiles'] = {};
  const scriptFontsMissing: Theme['scriptFontsMissing'] = {};
  for (const [face, files] of Object.entries(theme.fonts.scripts ?? {}) as Array<[ScriptFace, { regular: string; bold?: string } | undefined]>) {
    if (!files) continue;
    const regular = findFont(files.regular);
    const bold = files.bold !== undefined ? findFont(files.bold) : undefined;
    if (regular === undefined) scriptFontsMissing[face] = files.regular;
    else scriptFiles[face] = regular;
    if (bold !== undefined) scriptFiles[`${face}Bold`] = bold;
  }
  const fontFiles = {
    regular: resolveFont(theme.fonts.regular),
    italic: resolveFont(theme.fonts.italic),
    bold: resolveFont(theme.fonts.bold),
    boldItalic: resolveFont(theme.fonts.boldItalic),
    ...(theme.fonts.fallback !== undefined && { fallback: resolveFont(theme.fonts.fallback) }),
  };
  return { ...theme, fontFiles, scriptFiles, scriptFontsMissing };
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
