// One line per story saying what the normaliser did ("The Leap: 1 author's note moved, 2 scene breaks, 0 chapters"), for the build's output.
import type { RemovedItem } from './types.js';

export interface StoryOutcome {
  title: string;
  removed: readonly RemovedItem[];
  /** Notes written as notes (0 when the policy drops them). */
  notes: number;
  sceneBreaks: number;
  /** The story's headings by level: 2 = chapters (or parts holding chapters), 3 = chapters inside parts. */
  headings: ReadonlyArray<{ level: 2 | 3 }>;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What was moved, removed and found in one story, so a user sees at once when something looks wrong. */
export function summariseStory(story: StoryOutcome): string {
  const count = (kind: RemovedItem['kind'], action?: RemovedItem['action']): number => story.removed.filter((r) => r.kind === kind && (!action || r.action === action)).length;
  const parts: string[] = [];
  const noteParagraphs = count('authorNote');
  if (story.notes > 0) parts.push(`${plural(story.notes, "author's note")} moved`);
  else if (noteParagraphs > 0) parts.push(`${plural(noteParagraphs, "author's-note paragraph")} removed`);
  const disclaimers = count('disclaimer');
  if (disclaimers > 0) parts.push(`${plural(disclaimers, 'disclaimer')} moved to the notices`);
  const titleLines = story.removed.filter((r) => r.kind === 'titleLine');
  if (titleLines.length > 0) parts.push(`${plural(titleLines.length, 'title line')} ${titleLines.some((r) => r.action === 'moved') ? 'taken as title/author' : 'removed'}`);
  const site = count('metadata');
  if (site > 0) parts.push(`${plural(site, 'site line')} removed${story.removed.some((r) => r.kind === 'metadata' && r.rule === 'summary' && r.action === 'moved') ? ' (summary kept)' : ''}`);
  const boilerplate = count('boilerplate');
  if (boilerplate > 0) parts.push(`${plural(boilerplate, 'boilerplate block')} removed`);
  parts.push(plural(story.sceneBreaks, 'scene break'));
  const parts2 = story.headings.filter((h) => h.level === 2).length;
  const inner = story.headings.length - parts2;
  parts.push(inner > 0 ? `${plural(parts2, 'part')}, ${plural(inner, 'chapter')}` : plural(parts2, 'chapter'));
  return `${story.title}: ${parts.join(', ')}`;
}
