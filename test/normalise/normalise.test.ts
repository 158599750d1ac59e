// normaliseStory as the build calls it: metadata precedence, notes policies, front matter that parseChapter reads back, messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { wordsOf } from '../../src/audit/index.ts';
import { QuireError } from '../../src/common/diagnostics.ts';
import { parseChapter } from '../../src/model/parse.ts';
import { normaliseStory } from '../../src/normalise/index.ts';
import type { NormaliseOptions } from '../../src/normalise/types.ts';

const base: NormaliseOptions = { file: 'stories/x.txt', language: 'en', notes: 'endnotes', idPrefix: 's07' };
const gutenberg = 'Title: The Header Title\nAuthor: Header Author\n\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\nThe story itself, which is short.\n\n*** END OF THE PROJECT GUTENBERG EBOOK X ***\nLicence text.\n';

test('title and author: options win over a Gutenberg header, which wins over nothing', () => {
  const fromHeader = normaliseStory(Buffer.from(gutenberg), base);
  assert.equal(fromHeader.frontMatter.title, 'The Header Title');
  assert.deepEqual(fromHeader.frontMatter.author, ['Header Author']);
  const fromOptions = normaliseStory(Buffer.from(gutenberg), { ...base, title: 'Config Title', authors: ['Config Author'], summary: 'S' });
  assert.equal(fromOptions.frontMatter.title, 'Config Title');
  assert.deepEqual(fromOptions.frontMatter.author, ['Config Author']);
  assert.equal(fromOptions.frontMatter.summary, 'S');
  assert.deepEqual(wordsOf(fromOptions.wordText), ['the', 'story', 'itself', 'which', 'is', 'short']);
  assert.equal(fromOptions.removed.filter((r) => r.kind === 'boilerplate').length, 2);
});

const withNotes = 'A/N: start note.\n\nStory one (A/N: inline note) goes on.\n\nStory two.\n\nAuthor\'s Note: end note.\n\nPlease review!\n';

test('notes: endnotes and keep write footnotes with positions; drop removes them but reports them', () => {
  for (const notes of ['endnotes', 'keep'] as const) {
    const r = normaliseStory(Buffer.from(withNotes), { ...base, title: 'N', notes });
    assert.deepEqual(r.frontMatter.notes?.map((n) => [n.id, n.position, n.line]), [['s07-n1', 'start', 1], ['s07-n2', 'inline', 3], ['s07-n3', 'end', 7]]);
    const parsed = parseChapter(r.markdown, 'n.md', 's07');
    assert.deepEqual(parsed.notes.map((n) => [n.id, n.position, n.blocks.length]).sort(), [['s07-n1', 'start', 1], ['s07-n2', 'inline', 1], ['s07-n3', 'end', 2]]);
    const first = parsed.blocks[0]!;
    assert.ok(first.type === 'paragraph' && first.content.some((i) => i.type === 'noteRef' && i.noteId === 's07-n2'));
    assert.deepEqual(wordsOf(r.wordText), ['story', 'one', 'goes', 'on', 'story', 'two']);
  }
  const dropped = normaliseStory(Buffer.from(withNotes), { ...base, title: 'N', notes: 'drop' });
  assert.equal(dropped.frontMatter.notes, undefined);
  assert.doesNotMatch(dropped.markdown, /\[\^|note/);
  assert.deepEqual(dropped.removed.filter((r) => r.kind === 'authorNote').map((r) => [r.action, r.line]), [['removed', 1], ['removed', 3], ['removed', 7], ['removed', 9]]);
  assert.deepEqual(wordsOf(dropped.wordText), ['story', 'one', 'goes', 'on', 'story', 'two']);
});

test('disclaimers carry their owner into front matter, which parseChapter reads back', () => {
  const r = normaliseStory(Buffer.from('Disclaimer: I do not own Star Trek or any of its characters.\n\nThe story.\n'), { ...base, title: 'D' });
  assert.deepEqual(r.frontMatter.disclaimers, [{ line: 1, text: 'Disclaimer: I do not own Star Trek or any of its characters.', owner: 'Star Trek' }]);
  assert.deepEqual(parseChapter(r.markdown, 'd.md', 's07').frontMatter.disclaimers, r.frontMatter.disclaimers);
  assert.ok(r.messages.some((m) => m.rule === 'disclaimer' && m.line === 1 && m.file === 'stories/x.txt'));
});

test('chapters: headings are level 2 and listed in front matter', () => {
  const r = normaliseStory(Buffer.from('Chapter 1: Start\n\nText one.\n\nChapter 2 - End\n\nText two.\n'), { ...base, title: 'C' });
  assert.deepEqual(r.frontMatter.chapters, ['Chapter 1: Start', 'Chapter 2—End']);
  const parsed = parseChapter(r.markdown, 'c.md', 's07');
  assert.deepEqual(parsed.chapters.map((c) => c.title), ['Chapter 1: Start', 'Chapter 2—End']);
  assert.deepEqual(parsed.blocks.map((b) => b.type), ['heading', 'paragraph', 'heading', 'paragraph']);
});

test('empty and whitespace-only input give an empty story, not an error', () => {
  for (const text of ['', '\n\n  \n', '\uFEFF']) {
    const r = normaliseStory(Buffer.from(text), { ...base, title: 'E' });
    assert.deepEqual(wordsOf(r.wordText), []);
    assert.deepEqual(parseChapter(r.markdown, 'e.md', 's07').blocks, []);
  }
});

test('random bytes: a result or a QuireError naming the file, never another exception', () => {
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.string({ maxLength: 200 }).map((s) => iconv.encode(s, 'utf-16le')), fc.string({ maxLength: 200 }).map((s) => iconv.encode(s, 'win1252'))), (bytes) => {
      try {
        const r = normaliseStory(bytes, { ...base, title: 'B' });
        parseChapter(r.markdown, 'b.md', 's07');
      } catch (error) {
        assert.ok(error instanceof QuireError, String(error));
        assert.equal(error.file, 'stories/x.txt');
      }
    }),
    { numRuns: 500, seed: 42 },
  );
});

test("a disclaimer inside an author's note stays in the note and is listed with its owner", () => {
  const r = normaliseStory(Buffer.from("A/N: Thanks for reading. Disclaimer: I don't own Naruto.\n\nThe story.\n"), { ...base, title: 'AN' });
  assert.deepEqual(r.frontMatter.disclaimers, [{ line: 1, text: "Disclaimer: I don't own Naruto.", owner: 'Naruto' }]);
  assert.equal(r.frontMatter.notes?.length, 1);
  assert.deepEqual(wordsOf(r.wordText), ['the', 'story']);
});
