// The CLI contract: arbitrary files build, errors are one line naming the path/key, exit codes 0/1/2, nothing half-written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { quire, tempDir } from './helpers.ts';

function stories(): { dir: string; a: string; b: string } {
  const dir = tempDir();
  const a = path.join(dir, 'harbour-lights.txt');
  const b = path.join(dir, 'the_long_night.txt');
  writeFileSync(a, 'The lights came on one by one.\n\n"Look," she said -- and pointed.\n');
  writeFileSync(b, 'It was a long night...\n\n* * *\n\nMorning came.\n');
  return { dir, a, b };
}

const oneLine = (stderr: string): void => {
  const lines = stderr.trim().split('\n').filter((l) => !l.startsWith('Run `quire --help`'));
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
};

test('quire build FILES --title builds an EPUB from arbitrary files; titles come from file names', () => {
  const { a, b } = stories();
  const out = tempDir();
  const r = quire(['build', a, b, '--title', 'T', '--out', out, '--formats', 'epub']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['markdown', 't.epub', 't.report.json', 't.review.html']);
  const report = JSON.parse(readFileSync(path.join(out, 't.report.json'), 'utf8'));
  assert.equal(report.book.title, 'T');
  assert.deepEqual(report.stories.map((s: { title: string }) => s.title), ['Harbour Lights', 'The Long Night']);
  assert.deepEqual(readdirSync(path.join(out, 'markdown')).sort(), ['.quire-chapters.json', '01-harbour-lights.md', '02-the-long-night.md']);
  assert.match(r.stdout, /t\.epub/);
});

test('a missing story file: exit 1, one line naming it, output folder untouched', () => {
  const { a, dir } = stories();
  const out = tempDir();
  writeFileSync(path.join(out, 'keep.txt'), 'previous');
  const missing = path.join(dir, 'nope.txt');
  const r = quire(['build', a, missing, '--title', 'T', '--out', out]);
  assert.equal(r.code, 1);
  oneLine(r.stderr);
  assert.match(r.stderr, /nope\.txt: the story file cannot be read: no such file/);
  assert.deepEqual(readdirSync(out), ['keep.txt']);
});

test('a directory as a story: exit 1 naming it', () => {
  const { a, dir } = stories();
  const sub = path.join(dir, 'folder.txt');
  mkdirSync(sub);
  const out = tempDir();
  const r = quire(['build', a, sub, '--title', 'T', '--out', out]);
  assert.equal(r.code, 1);
  oneLine(r.stderr);
  assert.match(r.stderr, /folder\.txt: the story file is a directory, not a regular file/);
  assert.deepEqual(readdirSync(out), []);
});

test('an unreadable story file: exit 1 naming it', { skip: process.getuid?.() === 0 ? 'root can read every file' : false }, () => {
  const { a } = stories();
  chmodSync(a, 0o000);
  const r = quire(['build', a, '--title', 'T', '--out', tempDir()]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /harbour-lights\.txt: cannot read story: permission denied/);
});

test('an invalid config key: exit 1 naming file, line and key', () => {
  const { dir } = stories();
  const config = path.join(dir, 'anthology.yaml');
  writeFileSync(config, 'title: T\nstories:\n  - source: harbour-lights.txt\n    writer: Ann\n');
  const r = quire(['build', '--config', config, '--out', tempDir()]);
  assert.equal(r.code, 1);
  oneLine(r.stderr);
  assert.match(r.stderr, /anthology\.yaml:4: stories\[0\]\.writer: unknown key "writer"/);
});

test('usage errors exit 2: unknown format, unknown option, bad trim, no command', () => {
  const { a } = stories();
  const unknownFormat = quire(['build', a, '--formats', 'epub,docx', '--out', tempDir()]);
  assert.equal(unknownFormat.code, 2);
  assert.match(unknownFormat.stderr, /unknown format "docx"/);
  assert.equal(quire(['build', a, '--frobnicate']).code, 2);
  assert.equal(quire(['build', a, '--trim', 'b5']).code, 2);
  assert.equal(quire([]).code, 2);
});

test('arguments after `--` are story files, even one named like an option; inside the project folder the seeds are not built instead', () => {
  const { dir, a } = stories();
  const dashed = path.join(dir, '-dashed.txt');
  writeFileSync(dashed, 'A story whose file name starts with a dash.\n');
  const out = tempDir();
  // From the repository root, where seeds/anthology.yaml would be the default.
  const r = quire(['build', '--title', 'T', '--out', out, '--formats', 'epub', '--', a, dashed]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(path.join(out, 't.report.json'), 'utf8'));
  assert.deepEqual(report.stories.map((s: { title: string }) => s.title), ['Harbour Lights', 'Dashed']);
  assert.match(r.stdout, /Built “T”: 2 stories/);
});

test('--help shows examples, --version the package version', () => {
  const help = quire(['build', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Examples:/);
  assert.match(help.stdout, /--formats/);
  const version = quire(['--version']);
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
});

test('quire normalise writes only markdown chapters', () => {
  const { a } = stories();
  const out = tempDir();
  const r = quire(['normalise', a, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(out), ['01-harbour-lights.md']);
  const md = readFileSync(path.join(out, '01-harbour-lights.md'), 'utf8');
  assert.match(md, /^---\ntitle: Harbour Lights\n/);
  assert.match(md, /“Look,” she said—and pointed\./);
  assert.ok(!existsSync(path.join(out, 'harbour-lights.epub')));
});

test('the markdown is an editable intermediate: edit a chapter, build from the .md files', () => {
  const { a, b } = stories();
  const first = tempDir();
  assert.equal(quire(['build', a, b, '--title', 'T', '--out', first, '--formats', 'epub']).code, 0);
  const chapter = path.join(first, 'markdown', '01-harbour-lights.md');
  writeFileSync(chapter, readFileSync(chapter, 'utf8').replace('The lights came on one by one.', 'The lights came on, *all at once*.'));
  const second = tempDir();
  const md = readdirSync(path.join(first, 'markdown')).filter((f) => f.endsWith('.md')).map((f) => path.join(first, 'markdown', f));
  const r = quire(['build', ...md, '--title', 'T', '--out', second, '--formats', 'epub,pdf']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(path.join(second, 't.report.json'), 'utf8'));
  assert.deepEqual(report.stories.map((s: { title: string }) => s.title), ['Harbour Lights', 'The Long Night']);
  assert.ok(report.stories.every((s: { audit: { epub: { ok: boolean }; pdf: { ok: boolean } } }) => s.audit.epub.ok && s.audit.pdf.ok));
  assert.match(readFileSync(path.join(second, 'markdown', '01-harbour-lights.md'), 'utf8'), /The lights came on, \*all at once\*\./);
  const bad = path.join(tempDir(), 'plain.md');
  writeFileSync(bad, 'Just text, no front matter.\n');
  const refused = quire(['build', bad, '--title', 'T', '--out', tempDir()]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /plain\.md:1: a \.md story must be a quire chapter file/);
});

test('metadata precedence: a Gutenberg header beats the file name; --author fills only stories that name none', () => {
  const { a, dir } = stories();
  const gutenberg = path.join(dir, 'pg-1234.txt');
  writeFileSync(
    gutenberg,
    [
      'The Project Gutenberg eBook of The Tide Clock, by Mara Quill',
      '',
      'Title: The Tide Clock',
      '',
      'Author: Mara Quill',
      '',
      '*** START OF THE PROJECT GUTENBERG EBOOK THE TIDE CLOCK ***',
      '',
      'The clock in the harbour ran on tides, not hours.',
      '',
      '*** END OF THE PROJECT GUTENBERG EBOOK THE TIDE CLOCK ***',
      '',
      'Updated editions will replace the previous one.',
      '',
    ].join('\n'),
  );
  const out = tempDir();
  const r = quire(['build', gutenberg, a, '--title', 'T', '--author', 'Ann Example', '--out', out, '--formats', 'epub']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(path.join(out, 't.report.json'), 'utf8'));
  assert.deepEqual(
    report.stories.map((s: { title: string; authors: string[] }) => [s.title, s.authors]),
    [
      ['The Tide Clock', ['Mara Quill']],
      ['Harbour Lights', ['Ann Example']],
    ],
  );
  assert.ok(report.stories[0].removed.some((x: { kind: string }) => x.kind === 'boilerplate'));
});

test('--author with a config fills the stories the config leaves without an author', () => {
  const { dir } = stories();
  const config = path.join(dir, 'anthology.yaml');
  writeFileSync(config, 'title: T\nstories:\n  - source: harbour-lights.txt\n  - { source: the_long_night.txt, author: Bo Named }\n');
  const out = tempDir();
  const r = quire(['build', '--config', config, '--author', 'Ann Example', '--out', out, '--formats', 'epub']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(readFileSync(path.join(out, 't.report.json'), 'utf8'));
  assert.deepEqual(report.stories.map((s: { authors: string[] }) => s.authors), [['Ann Example'], ['Bo Named']]);
});
