// Config loading: valid configs resolve paths; every invalid one names the file, line and key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, parseConfig } from '../../src/config/load.ts';
import { QuireError } from '../../src/common/diagnostics.ts';
import { tempDir } from '../e2e/helpers.ts';

function configFile(yaml: string): string {
  const dir = tempDir('quire-config-');
  writeFileSync(path.join(dir, 'story.txt'), 'Once.\n');
  const file = path.join(dir, 'anthology.yaml');
  writeFileSync(file, yaml);
  return file;
}

async function rejects(yaml: string, pattern: RegExp, line?: number): Promise<void> {
  const file = configFile(yaml);
  await assert.rejects(loadConfig(file), (error: unknown) => {
    assert.ok(error instanceof QuireError, String(error));
    assert.match(error.format(), pattern);
    assert.equal(error.file, file);
    if (line !== undefined) assert.equal(error.line, line);
    return true;
  });
}

test('the seeds config is valid and resolves story paths', async () => {
  const config = await loadConfig('seeds/anthology.yaml');
  assert.equal(config.title, 'Four Words');
  assert.equal(config.language, 'en');
  assert.equal(config.stories.length, 3);
  assert.deepEqual(config.stories.map((s) => s.title), ['Four Words', 'The Leap', 'Outlaws Together']);
  assert.ok(config.stories.every((s) => path.isAbsolute(s.path) && s.path.endsWith('.txt')));
  assert.deepEqual(config.stories[0]!.authors, ['Anonymous']);
});

test('defaults: language en, notes endnotes, trim a5', async () => {
  const config = await loadConfig(configFile('title: T\nstories:\n  - source: story.txt\n'));
  assert.equal(config.language, 'en');
  assert.equal(config.notes, 'endnotes');
  assert.equal(config.trim, 'a5');
});

test('strings are trimmed; an author is one name or a list; the date may be a string or a Date', async () => {
  const config = await loadConfig(configFile('title: "  Harbour Lights "\nsubtitle: " Stories "\ndate: 2026-11-21\nstories:\n  - source: story.txt\n    title: " One "\n    author: [" Ann ", Bo]\n  - source: story.txt\n    author: " Cy "\n'));
  assert.equal(config.title, 'Harbour Lights');
  assert.equal(config.subtitle, 'Stories');
  assert.equal(config.date?.toISOString(), '2026-11-21T00:00:00.000Z');
  assert.deepEqual(config.stories.map((s) => [s.title, s.authors]), [['One', ['Ann', 'Bo']], [undefined, ['Cy']]]);
  const parsed = parseConfig({ title: 'T', date: new Date(Date.UTC(2020, 0, 1)), stories: [{ source: 'a.txt' }] }, '/books');
  assert.equal(parsed.date?.getUTCFullYear(), 2020);
  assert.equal(parsed.stories[0]!.path, path.resolve('/books/a.txt'));
  assert.throws(() => parseConfig({ title: 'T', stories: [{ source: 'a.txt', author: [] }] } as never, '/books'), /^QuireError: stories\[0\]\.author: Too small: expected array to have >=1 items$/m);
});

test('an unknown key is named with its line', async () => {
  await rejects('title: T\ncolour: red\nstories:\n  - source: story.txt\n', /anthology\.yaml:2: colour: unknown key "colour"/, 2);
});

test('a wrong type names the nested key and line', async () => {
  await rejects('title: T\nstories:\n  - source: story.txt\n    title: 42\n', /stories\[0\]\.title: .*string/i, 4);
});

test('an unknown key inside a story is named', async () => {
  await rejects('title: T\nstories:\n  - source: story.txt\n    autor: X\n', /stories\[0\]\.autor: unknown key/);
});

test('missing title, empty stories, bad language, bad notes policy', async () => {
  await rejects('stories:\n  - source: story.txt\n', /title: /);
  await rejects('title: T\nstories: []\n', /stories: list at least one story/);
  await rejects('title: T\nlanguage: english!\nstories:\n  - source: story.txt\n', /language: use a BCP 47/, 2);
  await rejects('title: T\nnotes: footnotes\nstories:\n  - source: story.txt\n', /notes: /);
});

test('invalid YAML gives the line', async () => {
  await rejects('title: T\nstories:\n  - source: [\n', /invalid YAML/);
});

test('paths may not escape the config folder, URLs are refused', async () => {
  await rejects('title: T\nstories:\n  - source: ../../etc/passwd\n', /outside the config's folder.*--allow-outside/);
  await rejects('title: T\ncover: https://example.com/c.png\nstories:\n  - source: story.txt\n', /cover: .*URL.*never fetches/);
  const file = configFile('title: T\nstories:\n  - source: ../x.txt\n');
  const config = await loadConfig(file, { allowOutside: true });
  assert.equal(config.stories[0]!.path, path.resolve(path.dirname(file), '../x.txt'));
});

test('a missing config file is a one-line error naming it', async () => {
  await assert.rejects(loadConfig('/nonexistent/anthology.yaml'), /cannot read config: no such file/);
});

test('overrides: one entry or a list, texts and line numbers, each with its config line; a notes policy per story', async () => {
  const config = await loadConfig(configFile('title: T\nstories:\n  - source: story.txt\n    notes: keep\n    keep:\n      - "Thanks for reading"\n      - 12\n    paratext: I wrote this at 3am\n    headings: [The Lighthouse, 40]\n'));
  const story = config.stories[0]!;
  assert.equal(story.notes, 'keep');
  assert.deepEqual(story.overrides, {
    config: story.overrides!.config,
    at: 'stories[0]',
    entries: {
      keep: [{ match: 'Thanks for reading', line: 6 }, { match: 12, line: 7 }],
      paratext: [{ match: 'I wrote this at 3am', line: 8 }],
      headings: [{ match: 'The Lighthouse', line: 9 }, { match: 40, line: 9 }],
    },
  });
  assert.match(story.overrides!.config, /anthology\.yaml$/);
  assert.equal((await loadConfig(configFile('title: T\nstories:\n  - source: story.txt\n'))).stories[0]!.overrides, undefined);
});

test('a bad override entry names the key and its line', async () => {
  await rejects('title: T\nstories:\n  - source: story.txt\n    keep: [true]\n', /anthology\.yaml:4: stories\[0\]\.keep: give the start of a paragraph's text or a source line number/, 4);
  await rejects('title: T\nstories:\n  - source: story.txt\n    breaks:\n      - 0\n', /stories\[0\]\.breaks/);
  await rejects('title: T\nstories:\n  - source: story.txt\n    keep: ["  "]\n', /stories\[0\]\.keep/);
  await rejects('title: T\nstories:\n  - source: story.txt\n    notes: footnotes\n', /anthology\.yaml:4: stories\[0\]\.notes: /, 4);
  await rejects('title: T\nstories:\n  - source: story.txt\n    heading: [X]\n', /stories\[0\]\.heading: unknown key "heading"/, 4);
});
