// Story text as laid out (for the lossless audit): runs of each story in page order, line-end hyphens rejoined.
import { isWordSpace, type PageBreak } from '../page-breaks.js';
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

/**
 * Where each page of story text begins, per story: the index of the first word that starts on the page (words
 * separated by white space, counted through the story's runs as the audit reads them; a word broken across the
 * page belongs to the page before) and the page's printed number. A page lists the first story it holds.
 */
export function storyPageStarts(layout: LaidOutBook): Map<string, PageBreak[]> {
  const starts = new Map<string, PageBreak[]>();
  const words = new Map<string, number>();
  const inWord = new Map<string, boolean>();
  for (const page of layout.pages) {
    let listed = false;
    for (const run of page.runs) {
      const story = run.story;
      if (story === undefined) continue;
      let count = words.get(story) ?? 0;
      let within = run.join === 'none' && (inWord.get(story) ?? false);
      if (!listed) {
        listed = true;
        const list = starts.get(story) ?? [];
        if (list.length === 0) starts.set(story, list);
        list.push({ word: count, label: page.folio ?? String(page.index + 1) });
      }
      const text = run.addedHyphen ? run.text.slice(0, -1) : run.text;
      for (let i = 0; i < text.length; i++) {
        if (isWordSpace(text.charCodeAt(i))) within = false;
        else if (!within) {
          within = true;
          count++;
        }
      }
      words.set(story, count);
      inWord.set(story, within);
    }
  }
  return starts;
}
