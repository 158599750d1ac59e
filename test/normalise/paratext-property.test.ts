// Property tests of the paratext rules: random story text with random paratext at its edges never loses a story word,
// and a paragraph of dialogue or narration is never classified as a note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { wordsOf } from '../../src/audit/index.ts';
import { noteEvidence } from '../../src/normalise/evidence.ts';
import { normaliseStory } from '../../src/normalise/index.ts';

const name = fc.constantFrom('Mara', 'Jonah', 'Elena', 'Tobias', 'Ren', 'Aiko', 'Grace', 'Pavel', 'Sorin', 'Lucía');
const subject = fc.oneof(name, fc.constantFrom('She', 'He', 'They', 'The old man', 'Her brother', 'Nobody', 'The captain'));
const verb = fc.constantFrom('walked to', 'looked at', 'read', 'wrote', 'opened', 'closed', 'remembered', 'posted', 'reviewed', 'thanked', 'followed', 'updated', 'voted for', 'commented on', 'finished');
// Objects with the words notes use, as a story uses them.
const object = fc.constantFrom(
  'the door', 'the last chapter of the book', 'a note for her mother', 'the story her father told', 'the letter', 'the window',
  'the comments on the report', 'the review of the case', 'the author of the map', 'the readers of the paper', 'the next chapter of his life',
  'the new update from the front', 'the link between them', 'the beta version of the engine', 'the warning on the gate', 'the summary of the trial',
);
const tail = fc.constantFrom('', ' before dawn', ' without a word', ' again', ' in the rain', ', and then she left', ', because nobody else would');
const sentence = fc.tuple(subject, verb, object, tail).map(([s, v, o, t]) => `${s} ${v} ${o}${t}.`);
const firstPerson = fc.tuple(fc.constantFrom('I', 'We'), verb, object, tail).map(([s, v, o, t]) => `${s} ${v} ${o}${t}.`);
// Speech may say anything a note says: the quotation marks make it story.
const spoken = fc.constantFrom(
  'Thank you for reading it to me', 'Please, you have to believe me', 'I hope you like it', 'Let me know what you think', 'I will update you tomorrow',
  'This story is not over', 'Follow me', 'Check out my new sword', 'Thanks for the review, I guess', 'Don’t forget to vote',
);
const dialogue = fc.tuple(spoken, name, fc.constantFrom('said', 'asked', 'whispered', 'shouted')).map(([s, n, v]) => `"${s}," ${n} ${v}.`);
const narration = fc.array(fc.oneof({ weight: 3, arbitrary: sentence }, { weight: 1, arbitrary: firstPerson }), { minLength: 1, maxLength: 5 }).map((s) => s.join(' '));
const storyParagraph = fc.oneof({ weight: 3, arbitrary: narration }, { weight: 1, arbitrary: dialogue });

const paratext = fc.constantFrom(
  'A/N: Thanks so much for all the reviews! Next chapter on Friday :)',
  'Disclaimer: I do not own these characters.',
  "Author's Note: this is my first fic, be gentle!",
  'Please review!',
  'Title: The Long Way\n\nAuthor: someone_42\n\nRating: T\n\nWords: 2,000',
  '**Thank you to my beta reader for the help!**',
  'Follow me on tumblr for updates: www.example.com',
  'Hey guys! I hope you enjoy this chapter, let me know in the comments :D',
  'Liebe Grüße,\n\neure Lisa',
  'Note: This takes place after season two.',
  '~ Lisa',
  'Chapter 1',
  '* * *',
);
const edge = fc.array(paratext, { maxLength: 3 });

test('random story text with random paratext at its edges never loses a story word', () => {
  fc.assert(
    fc.property(edge, fc.boolean(), fc.array(storyParagraph, { minLength: 2, maxLength: 8 }), fc.boolean(), edge, (start, breakBefore, story, breakAfter, end) => {
      const text = [...start, ...(breakBefore ? ['* * *'] : []), ...story, ...(breakAfter ? ['* * *'] : []), ...end].join('\n\n');
      const result = normaliseStory(Buffer.from(text), { file: 'p.txt', language: 'en', notes: 'endnotes', idPrefix: 's01' });
      const kept = ` ${wordsOf(result.wordText).join(' ')} `;
      for (const p of story) assert.ok(kept.includes(` ${wordsOf(p).join(' ')} `), `story paragraph lost: ${p}\n--- source:\n${text}`);
    }),
    { numRuns: 400, seed: 1515 },
  );
});

test('a paragraph of dialogue or narration is never classified as a note', () => {
  fc.assert(
    fc.property(storyParagraph, (p) => {
      const e = noteEvidence(p);
      assert.ok(e.points < 3 || !e.voice, `${p} → ${e.points} (${e.reasons.join(' + ')})`);
    }),
    { numRuns: 500, seed: 2 },
  );
});
