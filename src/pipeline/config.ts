// Resolves what to build: a config file, or a config made from FILES and CLI flags.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { LANGUAGE_TAG, type AnthologyConfig } from '../config/schema.js';
import { QuireError } from '../common/diagnostics.js';
import type { BuildOptions } from './options.js';
import { titleFromFileName } from './stories.js';

export const DEFAULT_CONFIG = 'seeds/anthology.yaml';

export async function resolveConfig(options: BuildOptions): Promise<AnthologyConfig> {
  const files = options.files ?? [];
  let config: AnthologyConfig;
  if (options.config || files.length === 0) {
    const file = options.config ?? DEFAULT_CONFIG;
    if (!options.config && !existsSync(file)) {
      throw new QuireError(`no story files given and no ${DEFAULT_CONFIG} here; run \`quire build story.txt … --title "Book"\` or pass --config`, { kind: 'usage' });
    }
    if (files.length > 0) throw new QuireError('give either story FILES or --config, not both', { kind: 'usage' });
    config = await loadConfig(file, { allowOutside: options.allowOutside ?? false });
  } else {
    config = {
      title: options.title ?? (files.length === 1 ? titleFromFileName(files[0]!) : 'Anthology'),
      language: 'en',
      notes: 'endnotes',
      trim: 'a5',
      baseDir: process.cwd(),
      stories: files.map((f) => ({ source: f, path: path.resolve(f) })),
    };
  }
  if (options.title) config.title = options.title;
  if (options.lang) {
    if (!LANGUAGE_TAG.test(options.lang)) throw new QuireError(`--lang: "${options.lang}" is not a BCP 47 language tag (e.g. en, fr, en-GB)`, { kind: 'usage' });
    config.language = options.lang;
  }
  // --author names the author of every story that names none (neither in the config nor in its text).
  if (options.author) for (const s of config.stories) s.fallbackAuthors ??= [options.author];
  if (options.notes) config.notes = options.notes;
  if (options.trim) config.trim = options.trim;
  return config;
}
