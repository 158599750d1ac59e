// Loads and validates an anthology config (YAML or JSON) and resolves its paths; errors name file:line and key.
import path from 'node:path';
import { realpathSync } from 'node:fs';
import { QuireError } from '../common/diagnostics.js';
import { readInput, type InputKind, type InputSpec, type Origin } from '../common/input-file.js';
import type { OverrideKey, StoryOverrides } from '../normalise/types.js';
import { bookDate, configSchema, OVERRIDE_KEYS, type AnthologyConfig, type ConfigInput, type ConfigOutput } from './schema.js';
import { validate } from './validate.js';
import { parseYaml, yamlText } from './yaml.js';

export interface LoadConfigOptions {
  /** Allow story, cover, theme and font paths outside the config's folder. */
  allowOutside?: boolean;
}

/** Read, parse and validate a config file. */
export async function loadConfig(configPath: string, options: LoadConfigOptions = {}): Promise<AnthologyConfig> {
  const file = path.resolve(configPath);
  const bytes = await readInput(file, { kind: 'config', display: configPath });
  const yaml = parseYaml(yamlText(bytes, configPath), configPath);
  const result = validate(configSchema, yaml.data);
  if (!result.ok) {
    const { path: at, key, reason } = result.problem;
    const line = yaml.lineOf(at);
    throw new QuireError(`${key}: ${reason}`, { file: configPath, ...(line !== undefined && { line }) });
  }
  return resolveConfig(result.data, path.dirname(file), { ...options, configPath: file, displayPath: configPath, lineOf: yaml.lineOf });
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
  const origins: Record<string, Origin> = {};
  /** A path the config names, resolved against its folder; where it was named is kept for the messages about it. */
  const named = (at: PropertyKey[], key: string, p: string): string => {
    const line = options.lineOf?.(at);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) {
      throw new QuireError(`${key}: "${p}" is a URL; quire never fetches from the network during a build, download it and give a local path`, { file: where, ...(line !== undefined && { line }) });
    }
    const resolved = path.resolve(baseDir, p);
    origins[resolved] ??= { file: where, key, given: p, ...(line !== undefined && { line }) };
    return resolved;
  };
  const date = data.date === undefined ? undefined : bookDate(data.date);
  if (typeof date === 'string') {
    const line = options.lineOf?.(['date']);
    throw new QuireError(`date: ${date}`, { file: where, ...(line !== undefined && { line }) });
  }
  const { stories, date: _date, ...rest } = data;
  return {
    ...rest,
    ...(options.configPath !== undefined && { configPath: options.configPath }),
    baseDir,
    ...(!options.allowOutside && { confine: realFolder(baseDir) }),
    origins,
    ...(date && { date }),
    ...(data.cover !== undefined && { cover: named(['cover'], 'cover', data.cover) }),
    ...(data.theme !== undefined && { theme: named(['theme'], 'theme', data.theme) }),
    stories: stories.map((s, i) => {
      const { author, keep, paratext, headings, breaks, ...story } = s;
      const overrides = storyOverrides({ keep, paratext, headings, breaks }, i, where, options.lineOf);
      return {
        ...story,
        ...(author !== undefined && { authors: Array.isArray(author) ? author : [author] }),
        path: named(['stories', i, 'source'], `stories[${i}].source`, s.source),
        ...(overrides && { overrides }),
      };
    }),
  };
}

/** A folder's real path (symlinks resolved), or the path itself when it cannot be resolved. */
function realFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
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

/** How to read a file the config names (or a story file given on the command line): its limit, its folder, where it was named. */
export function inputSpec(config: Pick<AnthologyConfig, 'confine' | 'origins'>, file: string, kind: InputKind, display: string): InputSpec {
  const origin = config.origins?.[file];
  return { kind, display, ...(origin && { origin }), ...(origin && config.confine !== undefined && { within: config.confine }) };
}
