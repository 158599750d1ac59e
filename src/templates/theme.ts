// Loads templates/theme.yaml (optionally overridden by a config's theme file) into a typed Theme; every problem is named at the file, line and key that caused it.
import { lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { QuireError } from '../common/diagnostics.js';
import { checkInputSync, readInputSync, type InputSpec, type Origin } from '../common/input-file.js';
import { PACKAGE_ROOT } from '../common/package-root.js';
import { validate } from '../config/validate.js';
import { parseYaml, yamlText, type YamlData } from '../config/yaml.js';
import { readTemplateFile } from './files.js';
import { checkFontFile } from './font-file.js';
import { FONT_KEYS, themeSchema, type ThemeData } from './theme-schema.js';
import type { ScriptFace } from '../common/scripts.js';

/** A script face's key: `japanese`, `japaneseBold`, … */
export type ScriptFontKey = ScriptFace | `${ScriptFace}Bold`;

export type Theme = ThemeData & {
  /** Absolute paths of the font files. */
  fontFiles: { regular: string; italic: string; bold: string; boldItalic: string; fallback?: string };
  /**
   * The script faces' files, found but not opened (a book without the script never reads them; checkScriptFont
   * checks one as the layout first opens it); a face whose file is not installed is left out and named in
   * `scriptFontsMissing` (face → the path the theme gives).
   */
  scriptFiles: Partial<Record<ScriptFontKey, string>>;
  /** How each script face's file is named in messages (the theme key that names it). */
  scriptFontSpecs: Partial<Record<ScriptFontKey, InputSpec>>;
  scriptFontsMissing: Partial<Record<ScriptFace, string>>;
};

export const DEFAULT_TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');

/** One theme file: its data, its folder (relative font paths start there) and how it is named in messages. */
interface ThemeFile {
  yaml: YamlData;
  dir: string;
  display: string;
  /** The user's theme: its font paths are kept inside the config's folder (unless --allow-outside). */
  within?: string;
}

/**
 * Load the theme from `templatesDir/theme.yaml`, deep-merged with an override file if given (`override`: how to read
 * it, e.g. the config's folder it must stay in and where the config names it).
 */
export function loadTheme(templatesDir: string = DEFAULT_TEMPLATES_DIR, overridePath?: string, override: Partial<InputSpec> = {}): Theme {
  const basePath = path.join(templatesDir, 'theme.yaml');
  const base: ThemeFile = { yaml: parseYaml(readTemplateFile(templatesDir, 'theme.yaml'), basePath), dir: templatesDir, display: basePath };
  let user: ThemeFile | undefined;
  if (overridePath) {
    const display = override.display ?? overridePath;
    const bytes = readInputSync(overridePath, { ...override, kind: 'theme', display });
    user = { yaml: parseYaml(yamlText(bytes, display), display), dir: path.dirname(path.resolve(overridePath)), display, ...(override.within !== undefined && { within: override.within }) };
  }
  /** The file whose value is at `at` (the user's theme when it has one there). */
  const fileOf = (at: readonly PropertyKey[]): ThemeFile => (user && has(user.yaml.data, at) ? user : base);
  const data = user ? deepMerge(asRecord(base.yaml.data), asRecord(user.yaml.data)) : base.yaml.data;
  const result = validate(themeSchema, data);
  if (!result.ok) {
    const { path: at, key, reason } = result.problem;
    const file = fileOf(at);
    const line = file.yaml.lineOf(at) ?? lineOfParent(file.yaml, at);
    throw new QuireError(`${key}: ${reason}`, { file: file.display, ...(line !== undefined && { line }) });
  }
  const theme = result.data;
  const resolveFont = (key: (typeof FONT_KEYS)[number], value: string): string => {
    const at = ['fonts', key];
    const file = fileOf(at);
    const line = file.yaml.lineOf(at);
    const origin: Origin = { file: file.display, key: `fonts.${key}`, ...(line !== undefined && { line }) };
    const spec: InputSpec = { kind: 'font', display: value, origin, ...(file.within !== undefined && { within: file.within }) };
    const found = findFont(value, file, spec);
    checkFontFile(found.file, found.spec);
    return found.file;
  };
  const fonts = theme.fonts;
  const scriptFiles: Theme['scriptFiles'] = {};
  const scriptFontSpecs: Theme['scriptFontSpecs'] = {};
  const scriptFontsMissing: Theme['scriptFontsMissing'] = {};
  for (const [face, files] of Object.entries(fonts.scripts ?? {}) as Array<[ScriptFace, { regular: string; bold?: string } | undefined]>) {
    if (!files) continue;
    for (const [weight, value] of [['regular', files.regular], ['bold', files.bold]] as const) {
      if (value === undefined) continue;
      const at = ['fonts', 'scripts', face, weight];
      const file = fileOf(at);
      const line = file.yaml.lineOf(at);
      const origin: Origin = { file: file.display, key: `fonts.scripts.${face}.${weight}`, ...(line !== undefined && { line }) };
      const spec: InputSpec = { kind: 'font', display: value, origin, ...(file.within !== undefined && { within: file.within }) };
      const key: ScriptFontKey = weight === 'regular' ? face : `${face}Bold`;
      try {
        const found = findFont(value, file, spec);
        scriptFiles[key] = found.file;
        scriptFontSpecs[key] = found.spec;
      } catch (error) {
        // A script face that is not installed fails only a book that needs it (named by the missing-glyph error).
        if (!(error instanceof QuireError) || lstatSync(path.resolve(file.dir, value), { throwIfNoEntry: false })) throw error;
        if (weight === 'regular') scriptFontsMissing[face] = value;
      }
    }
  }
  const fontFiles = {
    regular: resolveFont('regular', fonts.regular),
    italic: resolveFont('italic', fonts.italic),
    bold: resolveFont('bold', fonts.bold),
    boldItalic: resolveFont('boldItalic', fonts.boldItalic),
    ...(fonts.fallback !== undefined && { fallback: resolveFont('fallback', fonts.fallback) }),
  };
  return { ...theme, fontFiles, scriptFiles, scriptFontSpecs, scriptFontsMissing };
}

/** Check a script face's file as the layout first opens it (the theme only found it): a font pdfkit can embed. */
export function checkScriptFont(theme: Theme, key: ScriptFontKey, file: string): void {
  const spec = theme.scriptFontSpecs[key];
  if (spec) checkFontFile(file, spec);
}

/** A package path: `@scope/name/…` or `name/…`, with no `..` part (it must stay inside the package). */
const PACKAGE_PATH = /^(?:@\w[\w.-]*\/)?\w[\w.-]*\/(?!.*(?:^|\/)\.\.(?:\/|$))/;

/**
 * A theme's font path as a file: relative to the theme file's folder, else (a package path such as
 * `@expo-google-fonts/…/x.ttf`) in quire's installed packages. Refused by name when it is neither, or when a user's
 * theme names a file outside the config's folder.
 */
function findFont(value: string, file: ThemeFile, spec: InputSpec): { file: string; spec: InputSpec } {
  const local = path.resolve(file.dir, value);
  if (lstatSync(local, { throwIfNoEntry: false }) || path.isAbsolute(value) || !PACKAGE_PATH.test(value)) {
    checkInputSync(local, spec);
    return { file: local, spec };
  }
  let resolved: string;
  try {
    resolved = createRequire(path.join(PACKAGE_ROOT, 'package.json')).resolve(value);
  } catch {
    throw new QuireError(`${spec.origin!.key}: font file "${value}" not found, neither relative to ${file.display} nor as an npm package path; give the path of a .ttf or .otf file`, { file: spec.origin!.file, ...(spec.origin!.line !== undefined && { line: spec.origin!.line }) });
  }
  // An installed package's file is quire's own: not the config's folder's to confine.
  const { within: _within, ...packaged } = spec;
  return { file: resolved, spec: packaged };
}

/** Page gutter (inside margin, inches) for a page count, from the theme's table. */
export function gutterFor(theme: Theme, pageCount: number): number {
  for (const [maxPages, inches] of theme.page.gutter) if (pageCount <= maxPages) return inches;
  return theme.page.gutter[theme.page.gutter.length - 1]![1];
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Whether `data` has a value at `at`. */
function has(data: unknown, at: readonly PropertyKey[]): boolean {
  let value = data;
  for (const key of at) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

/** The line of the nearest value above `at` that is in the file (a missing key is reported at its parent). */
function lineOfParent(yaml: YamlData, at: readonly PropertyKey[]): number | undefined {
  for (let n = at.length - 1; n >= 0; n--) {
    const line = yaml.lineOf(at.slice(0, n));
    if (line !== undefined) return line;
  }
  return undefined;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev)
      ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}
