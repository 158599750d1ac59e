// Story text as laid out (for the lossless audit): runs of each story in page order, line-end hyphens rejoined.
import type { LaidOutBook, TextRun } from './types.js';

/** What goes between a run and the story text before it. */
function separator(join: TextRun['join']): string {
  return join === 'para' ? '\n\n' : join === 'line' ? '\n' : join === 'space' ? ' ' : '';
}

/**
 * story id → its words as laid out: blocks separated by blank lines, broken words rejoined. Runs of one story
 * mostly follow each other, so its text is appended to one string (a rope V8 flattens once) while the story lasts.
 */
export function pdfStoryText(layout: LaidOutBook): Map<string, string> {
  const texts = new Map<string, string>();
  let id: string | undefined;
  let text = '';
  let started = false;
  for (const page of layout.pages) {
    for (const run of page.runs) {
      const story = run.story;
      if (story === undefined) continue;
      if (story !== id) {
        if (id !== undefined) texts.set(id, text);
        id = story;
        const before = texts.get(story);
        started = before !== undefined;
        text = before ?? '';
      }
      if (started) text += separator(run.join);
      started = true;
      text += run.addedHyphen ? run.text.slice(0, -1) : run.text;
    }
  }
  if (id !== undefined) texts.set(id, text);
  return texts;
}
