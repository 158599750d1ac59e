// Property tests: random stories of words, punctuation, separators and paratext markers never throw and lose no word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { auditTexts, wordsOf } from '../../src/audit/index.ts';
import { parseChapter } from '../../src/model/parse.ts';
import { blocksText } from '../../src/model/types.ts';
import { normaliseStory } from '../../src/normalise/index.ts';
import type { NormaliseOptions } from '../../src/normalise/types.ts';

const word = fc.oneof(
  fc.constantFrom('the', 'Spock', 'captain', "don't", "'em", 'whipcord-taut', 'twenty-one', '1914-1918', 'U.S.S.', 'Dr.', 'Mr.', 'café', 'naïve', 'An', 'I', 'x', 'o', 'Chapter', 'review', 'own', 'belongs'),
  fc.stringMatching(/^[a-zA-Z]{1,8}$/),
);
const punctuation = fc.constantFrom(',', '.', '!', '?', '...', '. . .', '--', ' - ', '-', '"', "'", '(', ')', '*', '_', '**', '[', ']', '<', '>', '#', '|', '\\', '&', '`', '~', ':', ';', '1.', '—', '<script>', '[x](y)', '&amp;');
const marker = fc.constantFrom('A/N:', 'AN:', 'A.N.', "Author's Note:", 'Disclaimer:', "I don't own Star Trek.", '(A/N: a note)', '[A/N another]', 'Please review!', 'R&R', 'N/A :');
const separator = fc.constantFrom('* * *', '***', 'xXx', 'oOo', ':::::::', '~~~', '—', '-o-o-o-', '#', '1', 'I.', '...', '-', '"—"', 'Chapter 1', 'Chapter Two: Title', 'CHAPTER IV.', 'Prologue', 'Part II', '---', '===');
const line = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(fc.tuple(fc.oneof({ weight: 5, arbitrary: word }, { weight: 2, arbitrary: punctuation }, { weight: 1, arbitrary: marker }), fc.constantFrom(' ', ' ', ' ', '', '\t')), { minLength: 1, maxLength: 25 })
      .map((parts) => parts.map(([p, glue]) => p + glue).join('')),
  },
  { weight: 1, arbitrary: separator },
  { weight: 1, arbitrary: marker },
);
const lineBreak = fc.constantFrom('\n', '\n\n', '\n\n\n', '\n    ', '\r\n', '\r\n\r\n');
const story = fc.array(fc.tuple(line, lineBreak), { minLength: 1, maxLength: 30 }).map((pairs) => pairs.map(([l, b]) => l + b).join(''));
const options = fc.record({
  language: fc.constantFrom('en', 'fr'),
  notes: fc.constantFrom('endnotes', 'keep', 'drop') as fc.Arbitrary<NormaliseOptions['notes']>,
});

function multiset(words: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

test('random stories: never throws, markdown reads back to the kept words, kept + removed = source words', () => {
  fc.assert(
    fc.property(story, options, (text, opts) => {
      const result = normaliseStory(Buffer.from(text, 'utf8'), { file: 'random.txt', title: 'Random', idPrefix: 's01', ...opts });
      const parsed = parseChapter(result.markdown, 'random.md', 's01');
      const words = wordsOf(result.wordText);
      assert.deepEqual(wordsOf(blocksText(parsed.blocks)), words);
      // The count is of the same words, counted without making them.
      assert.equal(result.wordCount, words.length);
      assert.deepEqual(auditTexts(result.wordText, blocksText(parsed.blocks)), { ok: true });
      const removed = result.removed.filter((r) => r.kind !== 'controlChar').flatMap((r) => wordsOf(r.text));
      assert.deepEqual(multiset([...words, ...removed]), multiset(wordsOf(text)));
    }),
    { numRuns: 300, seed: 20261121 },
  );
});

test('arbitrary Unicode text never throws and keeps every word', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
      const result = normaliseStory(Buffer.from(text, 'utf8'), { file: 'u.txt', title: 'U', idPrefix: 's01', language: 'en', notes: 'endnotes' });
      const parsed = parseChapter(result.markdown, 'u.md', 's01');
      assert.deepEqual(wordsOf(blocksText(parsed.blocks)), wordsOf(result.wordText));
      assert.equal(result.wordCount, wordsOf(result.wordText).length);
    }),
    { numRuns: 200, seed: 7 },
  );
});

/** Greedy hard wrap at `width` columns, as e-text producers do. */
function wrap(words: string[], width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

test('hard-wrapped paragraphs (blank lines between) unwrap to exactly the original paragraphs', () => {
  const proseWord = fc.stringMatching(/^[a-z]{1,8}[,.;]?$/);
  const paragraph = fc.array(proseWord, { minLength: 20, maxLength: 250 });
  fc.assert(
    fc.property(fc.array(paragraph, { minLength: 2, maxLength: 12 }), fc.integer({ min: 50, max: 90 }), (paragraphs, width) => {
      const text = paragraphs.map((p) => wrap(p, width)).join('\n\n');
      const result = normaliseStory(Buffer.from(text), { file: 'w.txt', title: 'W', idPrefix: 's01', language: 'en', notes: 'endnotes' });
      const blocks = parseChapter(result.markdown, 'w.md', 's01').blocks;
      assert.deepEqual(blocks.map((b) => wordsOf(blocksText([b]))), paragraphs.map((p) => wordsOf(p.join(' '))));
    }),
    { numRuns: 150, seed: 99 },
  );
});

test('indented paragraphs without blank lines unwrap to exactly the original paragraphs', () => {
  const proseWord = fc.stringMatching(/^[a-z]{1,8}[,.;]?$/);
  const paragraph = fc.array(proseWord, { minLength: 20, maxLength: 250 });
  fc.assert(
    fc.property(fc.array(paragraph, { minLength: 3, maxLength: 12 }), fc.integer({ min: 40, max: 90 }), fc.constantFrom('    ', '  ', '\t'), (paragraphs, width, indent) => {
      const text = paragraphs.map((p) => indent + wrap(p, width)).join('\n');
      const result = normaliseStory(Buffer.from(text), { file: 'i.txt', title: 'I', idPrefix: 's01', language: 'en', notes: 'endnotes' });
      const blocks = parseChapter(result.markdown, 'i.md', 's01').blocks;
      assert.deepEqual(blocks.map((b) => wordsOf(blocksText([b]))), paragraphs.map((p) => wordsOf(p.join(' '))));
    }),
    { numRuns: 150, seed: 5 },
  );
});
