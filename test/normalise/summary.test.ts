// The per-story line of what the normaliser did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseStory } from '../../src/normalise/index.ts';
import { summariseStory } from '../../src/normalise/summary.ts';

const outcome = (text: string, notes: 'endnotes' | 'drop' = 'endnotes'): string => {
  const r = normaliseStory(Buffer.from(text), { file: 's.txt', language: 'en', notes, idPrefix: 's01', fallbackTitle: 'S' });
  return summariseStory({ title: r.frontMatter.title, removed: r.removed, notes: r.frontMatter.notes?.length ?? 0, sceneBreaks: r.sceneBreaks, headings: r.headings });
};

test('one line: notes, disclaimers, title lines, site lines, breaks and chapters, counted', () => {
  const text = ['Title: The Leap', 'Author: Ann_Example', 'Rating: T', 'Words: 1,000', 'Chapter 1', 'A/N: My first story! Please review.', 'He jumped.', '* * *', 'She followed.', 'Chapter 2', 'They landed.'].join('\n\n');
  assert.equal(outcome(text), "The Leap: 1 author's note moved, 2 title lines taken as title/author, 2 site lines removed, 1 scene break, 2 chapters");
  assert.equal(outcome(text, 'drop'), "The Leap: 1 author's-note paragraph removed, 2 title lines taken as title/author, 2 site lines removed, 1 scene break, 2 chapters");
  assert.equal(outcome(['Part One', 'Chapter 1', 'Text.', 'Chapter 2', 'More.'].join('\n\n')), 'S: 0 scene breaks, 1 part, 2 chapters');
  assert.equal(outcome('Just one line of story.'), 'S: 0 scene breaks, 0 chapters');
});
