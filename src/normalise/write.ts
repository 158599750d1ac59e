// Step `write`: YAML front matter + escaped body + note definitions → the chapter markdown; the story's text and word count for the audit.
import { stringify } from 'yaml';
import { wordTally } from '../audit/index.js';
import type { ChapterFrontMatter } from './types.js';
import type { NormaliseState, NormaliseStep } from './state.js';

export function frontMatterOf(state: NormaliseState): ChapterFrontMatter {
  const { options } = state;
  const keepNotes = options.notes !== 'drop' && state.notes.length > 0;
  // The top level: chapters, or parts when parts hold chapters.
  const chapters = state.blocks.filter((b) => b.kind === 'heading' && b.level === 2).map((b) => b.text);
  const summary = options.summary ?? state.found.summary;
  return {
    title: options.title?.trim() || state.found.title || options.fallbackTitle?.trim() || 'Untitled',
    author: options.authors?.length ? options.authors : state.found.author ? [state.found.author] : (options.fallbackAuthors ?? []),
    ...(summary !== undefined && { summary }),
    source: options.file,
    encoding: state.encoding,
    language: options.language,
    ...(state.disclaimers.length > 0 && { disclaimers: state.disclaimers.map((d) => ({ line: d.line, text: d.text, ...(d.owner && { owner: d.owner }) })) }),
    ...(keepNotes && { notes: state.notes.map((n) => ({ id: n.id, position: n.position, line: n.line })) }),
    ...(chapters.length > 0 && { chapters }),
  };
}

/** A footnote definition; later paragraphs are indented four spaces, as markdown-it-footnote reads continuations. */
function noteDefinition(id: string, paragraphs: string[]): string {
  return paragraphs.map((p, i) => (i === 0 ? `[^${id}]: ${p}` : `    ${p}`)).join('\n\n');
}

export const write: NormaliseStep = {
  name: 'write',
  run(state) {
    const frontMatter = frontMatterOf(state);
    const drop = state.options.notes === 'drop';
    const body = drop ? state.escaped.blocks.map((b) => b.replace(/\[\^[^\]\s]+\]/g, (ref) => (state.notes.some((n) => `[^${n.id}]` === ref) ? '' : ref))) : state.escaped.blocks;
    const parts = [...body];
    if (!drop) state.notes.forEach((n, i) => parts.push(noteDefinition(n.id, state.escaped.notes[i]!)));
    const yaml = stringify(frontMatter, { lineWidth: 0 });
    state.markdown = `---\n${yaml}---\n\n${parts.join('\n\n')}\n`;
    state.wordText = state.blocks
      .filter((b) => b.kind !== 'sceneBreak')
      .map((b) => b.text)
      .join('\n\n');
    Object.assign(state, wordTally(state.wordText));
  },
};
