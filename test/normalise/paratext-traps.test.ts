// Story that looks like paratext stays story: letters with sign-offs, game status screens, a note inside the story,
// second-person openings, song lines, datelines, sound effects, a first line that is story.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wordsOf } from '../../src/audit/index.ts';
import { normaliseStory } from '../../src/normalise/index.ts';

function kept(paragraphs: string[], options: { title?: string } = {}): string {
  const r = normaliseStory(Buffer.from(paragraphs.join('\n\n')), { file: 't.txt', language: 'en', notes: 'endnotes', idPrefix: 's01', fallbackTitle: 'T', ...options });
  return ` ${wordsOf(r.wordText).join(' ')} `;
}

function assertKept(paragraphs: string[], story: string[], options: { title?: string } = {}): void {
  const words = kept(paragraphs, options);
  for (const s of story) assert.ok(words.includes(` ${wordsOf(s).join(' ')} `), `lost: ${s}\n--- from:\n${paragraphs.join('\n\n')}`);
}

test('a letter that ends the story, with its thanks and sign-off, is story', () => {
  const letter = ['Dear Tom,', 'Thank you for the parcel, it made me so happy. I hope you are keeping warm up there. Please write soon and tell me everything.', 'Love,', 'Mother'];
  assertKept(['The winter was hard that year, and the post came only once a month.', '* * *', ...letter], letter);
});

test('a game status screen at a chapter edge is story, its "Title:" is no title', () => {
  const screen = ['Name: Ike', 'Level: 2', 'Title: Dungeon Core', 'Status: Hungry'];
  assertKept(['Chapter 1', 'The window opened.', ...screen, 'Chapter 2', 'The window was still there.', ...screen], screen);
  const r = normaliseStory(Buffer.from(['Chapter 1', 'The window opened.', ...screen].join('\n\n')), { file: 't.txt', language: 'en', notes: 'endnotes', idPrefix: 's01', fallbackTitle: 'T' });
  assert.equal(r.frontMatter.title, 'T');
});

test('a note inside the story, second-person openings, song lines, sound effects and datelines are story', () => {
  assertKept(['Chapter 3', 'Note: the door code is 4512.', 'She read it twice and burned it.'], ['Note: the door code is 4512.']);
  assertKept(['You probably don’t remember me, but I remember you. I was the girl who sat behind you in chemistry.', 'You never looked back.'], ['You probably don’t remember me']);
  assertKept(['♪ I will always love you ♪', 'The stage lights were too bright.', '♪ And I will always love you ♪'], ['I will always love you', 'And I will always love you']);
  assertKept(['**Woof**', 'The dog barked again at the door.', '*BANG!*'], ['Woof', 'BANG']);
  assertKept(['The Harbour', 'by Ann Example', 'LONDON, 1888', 'The fog came in early that evening.'], ['LONDON, 1888', 'The fog came in early']);
});

test('narration that speaks of stories, chapters and readers is story', () => {
  assertKept(
    ['She posted the last chapter of her story to the forum and waited for the reviews to come in.', 'Nobody wrote back for three days.', 'Then the comments came all at once.'],
    ['She posted the last chapter', 'Then the comments came'],
  );
  assertKept(['My name is Ann, and this is my story.', 'It begins in a harbour town in the rain.'], ['My name is Ann, and this is my story.']);
});

test('"X belongs to Y" at a chapter edge is story, not a disclaimer', () => {
  assertKept(['Chapter 1', 'The sword belongs to Arthur.', 'Nobody else could lift it.', 'Chapter 2', 'The sword was gone.'], ['The sword belongs to Arthur.']);
});

test('a first line without a byline or heading after it is story, not a title', () => {
  assertKept(['Darkness', 'The lamp went out, and the room was gone.'], ['Darkness']);
});
