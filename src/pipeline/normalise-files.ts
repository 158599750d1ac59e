// `quire normalise`: raw story files → chapter markdown files only (no rendering).
import path from 'node:path';
import { OutputTransaction } from './output.js';
import { displayPath, titleFromFileName } from './stories.js';
import { readInput } from '../common/input-file.js';
import { Messages } from '../common/diagnostics.js';
import type { NotesPolicy } from '../model/types.js';
import { slugify } from '../model/parse.js';
import { normaliseSource } from '../normalise/readers/index.js';
import type { NormalisedStory } from '../normalise/types.js';

export interface NormaliseFilesOptions {
  out?: string;
  lang?: string;
  notes?: NotesPolicy;
  author?: string;
}

/** Normalise each file into `<out>/NN-slug.md`; returns the written paths and the normaliser's results. */
export async function normaliseFiles(files: string[], options: NormaliseFilesOptions = {}): Promise<{ files: string[]; results: NormalisedStory[]; messages: Messages }> {
  const outDir = path.resolve(options.out ?? 'dist/markdown');
  const tx = await OutputTransaction.open(outDir);
  const messages = new Messages();
  const written: string[] = [];
  const results: NormalisedStory[] = [];
  const width = Math.max(2, String(files.length).length);
  try {
    tx.protect(files.map((file) => ({ file, what: 'story', display: displayPath(path.resolve(file)) })));
    for (const [i, file] of files.entries()) {
      const display = displayPath(path.resolve(file));
      const bytes = await readInput(file, { kind: 'story', display });
      const number = String(i + 1).padStart(width, '0');
      const result = normaliseSource(bytes, {
        file: display,
        language: options.lang ?? 'en',
        notes: options.notes ?? 'endnotes',
        fallbackTitle: titleFromFileName(file),
        ...(options.author && { fallbackAuthors: [options.author] }),
        idPrefix: `s${number}`,
      });
      messages.list.push(...result.messages);
      results.push(result);
      written.push(await tx.stage(`${number}-${slugify(result.frontMatter.title) || 'story'}.md`, result.markdown));
    }
    await tx.commit();
  } catch (error) {
    await tx.abort();
    throw error;
  }
  return { files: written, results, messages };
}
