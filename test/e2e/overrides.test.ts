// Overrides in the config, end to end: keep and paratext change the story text in the EPUB and the PDF, survive a rebuild, are reported and shown on the review page; an entry matching nothing fails the build with config:line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openEpub } from '../epub/read.ts';
import { quire, run, tempDir } from './helpers.ts';
import { reviewBook } from './review-fixture.ts';

const OVERRIDES = '    keep: ["thanks for reading, everyone"]\n    paratext:\n      - 11\n';
const TIDEWATER_OVERRIDES = '    paratext: ["I wrote this at three"]\n    notes: keep\n';

/** The running text of the EPUB's story files (tags out, whitespace collapsed). */
async function epubStoryText(file: string): Promise<string> {
  const epub = await openEpub(readFileSync(file));
  const texts = await Promise.all(epub.names.filter((n) => /s0\d-.*\.xhtml$/.test(n)).map((n) => epub.text(n)));
  return texts.join(' ').replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');
}

function pdfText(file: string): string {
  return run('pdftotext', ['-layout', file, '-']).stdout.replace(/-\n\s*/g, '').replace(/\s+/g, ' ');
}

function build(book: ReturnType<typeof reviewBook>, out: string) {
  const r = quire(['build', '-c', book.config, '--out', out, '--formats', 'epub,pdf']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(readFileSync(path.join(out, 'harbour-lights.report.json'), 'utf8'));
}

test('keep and paratext change the story text in the EPUB and the PDF, are reported, and survive a rebuild', async () => {
  const plain = reviewBook();
  const before = tempDir();
  build(plain, before);
  const book = reviewBook(OVERRIDES);
  writeFileSync(book.config, readFileSync(book.config, 'utf8').replace('  - source: tidewater.txt\n', `  - source: tidewater.txt\n${TIDEWATER_OVERRIDES}`));
  const out = tempDir();
  const report = build(book, out);
  const epubBefore = await epubStoryText(path.join(before, 'harbour-lights.epub'));
  const epub = await epubStoryText(path.join(out, 'harbour-lights.epub'));
  const pdf = pdfText(path.join(out, 'harbour-lights.pdf'));
  // keep: the closing thanks, a note by the normaliser's rules, stays in the story text.
  assert.doesNotMatch(epubBefore, /Thanks for reading, everyone! Please leave a review/);
  assert.match(epub, /Thanks for reading, everyone! Please leave a review/);
  assert.match(pdf, /Thanks for reading, everyone! Please leave a review/);
  // paratext (by line): the Ollie paragraph (lines 11–13) leaves the story; its words stay in the book, as a note.
  assert.match(epubBefore, /Ollie counted the lamps/);
  const [lanterns] = report.stories;
  const item = lanterns.removed.find((x: { line: number }) => x.line === 11);
  assert.deepEqual([item.kind, item.action, item.rule, item.lastLine], ['authorNote', 'moved', 'config', 13]);
  assert.match(item.evidence, /paratext: line 11 \(.*anthology\.yaml:\d+\)/);
  const markdown = readFileSync(path.join(out, 'markdown', readdirSync(path.join(out, 'markdown')).find((f) => f.startsWith('01-'))!), 'utf8');
  assert.match(markdown, /^\[\^s01-n\d\]: Ollie counted the lamps/m);
  assert.doesNotMatch(markdown.slice(0, markdown.indexOf('[^s01-n1]:')), /^Ollie counted/m);
  assert.deepEqual(lanterns.overrides.map((o: { key: string; lines: number[] }) => [o.key, o.lines]), [['keep', [29]], ['paratext', [11]]]);
  // The second story's own notes policy (keep) with a paragraph the config makes a note.
  const tidewater = report.stories[1];
  assert.ok(tidewater.removed.some((x: { rule: string; text: string }) => x.rule === 'config' && x.text.startsWith('I wrote this at three')));
  assert.match(pdf, /I wrote this at three in the morning/);
  // On the review page, as decided by the config.
  const html = readFileSync(path.join(out, 'harbour-lights.review.html'), 'utf8');
  assert.match(html, /Kept as story text/);
  assert.match(html, /Decided by the config \(<code>paratext: \[11\]<\/code>, .*anthology\.yaml:\d+\)/);
  // A rebuild gives the same chapter and the same report of what the config decided.
  const again = tempDir();
  const second = build(book, again);
  assert.deepEqual(second.stories.map((s: { overrides: unknown }) => s.overrides), report.stories.map((s: { overrides: unknown }) => s.overrides));
  assert.equal(readFileSync(path.join(again, 'markdown', readdirSync(path.join(again, 'markdown')).find((f) => f.startsWith('01-'))!), 'utf8'), markdown);
});

test('an entry that matches nothing fails the build with config:line naming the entry, and writes nothing', () => {
  const book = reviewBook('    keep:\n      - "Thanks for reading"\n      - "Thanks for redaing"\n');
  const out = tempDir();
  writeFileSync(path.join(out, 'keep.txt'), 'previous');
  const r = quire(['build', '-c', book.config, '--out', out, '--formats', 'epub']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /anthology\.yaml:10: stories\[0\]\.keep\[1\]: "Thanks for redaing" matches no paragraph of .*lanterns\.txt/);
  assert.deepEqual(readdirSync(out), ['keep.txt']);
});
