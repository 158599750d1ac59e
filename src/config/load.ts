// Loads and validates an anthology config (YAML or JSON) and resolves its paths; errors name file:line and key.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { QuireError } from '../common/diagnostics.js';
import type { OverrideKey, StoryOverrides } from '../normalise/types.js';
import { configSchema, OVERRIDE_KEYS, type AnthologyConfig, type ConfigInput, type ConfigOutput } from './schema.js';
import { validate } from './validate.js';

export interface LoadConfigOptions {
  /** Allow story, cover and theme paths outside the config's folder. */
  allowOutside?: boolean;
}

/** Read, parse and validate a config file. */
export async function loadConfig(configPath: string, options: LoadConfigOptions = {}): Promise<AnthologyConfig> {
  const file = path.resolve(configPath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new QuireError(`cannot read config: ${describeFsError(error)}`, { file: configPath });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new QuireError(`invalid YAML: ${first.message.split('\n')[0]}`, { file: configPath, line });
  }
  const raw: unknown = doc.toJS();
  /** The line a key or list entry stands on. */
  const lineOf = (at: readonly PropertyKey[]): number | undefined => {
    const node = doc.getIn(at, true);
    return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  const result = validate(configSchema, raw);
  if (!result.ok) {
    const { path: at, key, reason } = result.problem;
    const line = lineOf(at);
    throw new QuireError(`${key}: ${reason}`, { file: configPath, ...(line !== undefined && { line }) });
  }
  return resolveConfig(result.data, path.dirname(file), { ...options, configPath: file, displayPath: configPath, lineOf });
}

/** Validate a config object built in code (library API) and resolve paths against baseDir. */
export function parseConfig(input: ConfigInput, baseDir: string, options: LoadConfigOptions = {}): AnthologyConfig {
  const result = validate(configSchema, input);
  if (!result.ok) throw new QuireError(`${result.problem.key}: ${result.problem.reason}`, { file: 'config' });
  return resolveConfig(result.data, baseDir, options);
}

function resolveConfig(
  data: ConfigOutput,
  baseDir: string,
  options: LoadConfigOptions & { configPath?: string; displayPath?: string; lineOf?: (at: readonly PropertyKey[]) => number | undefined },
): AnthologyConfig {
  const where = options.displayPath ?? 'config';
  const inside = (key: string, p: string): string => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) {
      throw new QuireError(`${key}: "${p}" is a URL; quire never fetches from the network during a build, download it and give a local path`, { file: where });
    }
    const resolved = path.resolve(baseDir, p);
    const rel = path.relative(baseDir, resolved);
    if (!options.allowOutside && (rel.startsWith('..') || path.isAbsolute(rel))) {
      throw new QuireError(`${key}: "${p}" is outside the config's folder; move it inside or pass --allow-outside`, { file: where });
    }
    return resolved;
  };
  const date = data.date === undefined ? undefined : new Date(data.date);
  if (date && Number.isNaN(date.getTime())) throw new QuireError(`date: "${String(data.date)}" is not a date (use YYYY-MM-DD)`, { file: where });
  const { stories, date: _date, ...rest } = data;
  return {
    ...rest,
    ...(options.configPath !== undefined && { configPath: options.configPath }),
    baseDir,
    ...(date && { date }),
    ...(data.cover !== undefined && { cover: inside('cover', data.cover) }),
    ...(data.theme !== undefined && { theme: inside('theme', data.theme) }),
    stories: stories.map((s, i) => {
      const { author, keep, paratext, headings, breaks, ...story } = s;
      const overrides = storyOverrides({ keep, paratext, headings, breaks }, i, where, options.lineOf);
      return {
        ...story,
        ...(author !== undefined && { authors: Array.isArray(author) ? author : [author] }),
        path: inside(`stories[${i}].source`, s.source),
        ...(overrides && { overrides }),
      };
    }),
  };
}

/** A story's override lists with the config line of each entry (a single entry is a list of one). */
function storyOverrides(lists: Record<OverrideKey, string | number | Array<string | number> | undefined>, i: number, config: string, lineOf?: (at: readonly PropertyKey[]) => number | undefined): StoryOverrides | undefined {
  const entries: StoryOverrides['entries'] = {};
  for (const key of OVERRIDE_KEYS) {
    const list = lists[key];
    if (list === undefined) continue;
    entries[key] = (Array.isArray(list) ? list : [list]).map((match, j) => {
      const line = lineOf?.(Array.isArray(list) ? ['stories', i, key, j] : ['stories', i, key]);
      return { match, ...(line !== undefined && { line }) };
    });
  }
  return Object.keys(entries).length > 0 ? { config, at: `stories[${i}]`, entries } : undefined;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'is a directory, not a file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return (error as Error)?.message ?? String(error);
  }
}
