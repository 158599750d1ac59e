// Config loading: valid configs resolve paths; every invalid one names the file, line and key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inputSpec, loadConfig, parseConfig } from '../../src/config/load.ts';
import { readInput } from '../../src/common/input-file.ts';
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
  await rejects('stories:\n  - source: story.txt\n', /title: missing: add "title:" \(a string\)/);
  // A misspelt key is named as unknown, where it stands (not as the key it leaves missing).
  await rejects('title: T\nstories:\n  - file: story.txt\n', /anthology\.yaml:3: stories\[0\]\.file: unknown key "file"/, 3);
  await rejects('title: T\nstories:\n  - title: X\n', /stories\[0\]\.source: missing: add "source:"/);
  await rejects('title: T\nstories: []\n', /stories: list at least one story/);
  await rejects('title: T\nlanguage: english!\nstories:\n  - source: story.txt\n', /language: use a BCP 47/, 2);
  await rejects('title: T\nnotes: footnotes\nstories:\n  - source: story.txt\n', /notes: /);
});

test('invalid YAML gives the line', async () => {
  await rejects('title: T\nstories:\n  - source: [\n', /invalid YAML/);
});

test('paths may not escape the config folder, by real path (symlinks resolved); URLs are refused', async () => {
  const outside = tempDir('quire-outside-');
  writeFileSync(path.join(outside, 'secret.txt'), 'Not a story of this book.\n');
  const file = configFile('title: T\nstories:\n  - source: story.txt\n  - source: ../x.txt\n  - source: link/secret.txt\n');
  symlinkSync(outside, path.join(path.dirname(file), 'link'));
  const config = await loadConfig(file);
  const read = (i: number, c = config) => readInput(c.stories[i]!.path, inputSpec(c, c.stories[i]!.path, 'story', c.stories[i]!.source));
  assert.equal(String(await read(0)), 'Once.\n');
  await assert.rejects(read(1), (e: unknown) => e instanceof QuireError && e.file === file && e.line === 4 && /^stories\[1\]\.source: "\.\.\/x\.txt" is outside the config's folder .*--allow-outside$/.test(e.message));
  await assert.rejects(read(2), (e: unknown) => e instanceof QuireError && e.line === 5 && e.message.includes(`(it is ${realpathSync(outside)}/secret.txt)`));
  const allowed = await loadConfig(file, { allowOutside: true });
  assert.equal(allowed.stories[1]!.path, path.resolve(path.dirname(file), '../x.txt'));
  assert.equal(String(await read(2, allowed)), 'Not a story of this book.\n');
  await rejects('title: T\ncover: https://example.com/c.png\nstories:\n  - source: story.txt\n', /cover: .*URL.*never fetches/);
});

test('a missing config file is a one-line error naming it', async () => {
  await assert.rejects(loadConfig('/nonexistent/anthology.yaml'), /^QuireError: the config file cannot be read: no such file$/m);
});

test('hostile YAML: alias bombs, alias loops, custom and typed tags, deep nesting, duplicate keys are refused at their line', async () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`), 'title: T', 'stories:', '  - source: story.txt'].join('\n');
  await rejects(bomb, /invalid YAML: aliases \(\*name\) expand too much/);
  await rejects('x: &a [*a]\ntitle: T\nstories:\n  - source: story.txt\n', /invalid YAML: an alias \(\*name\) refers to a value that holds it/);
  await rejects('title: !!js/function "function () {}"\nstories:\n  - source: story.txt\n', /anthology\.yaml:1: the tag !!js\/function is not allowed/, 1);
  await rejects('title: T\nsubtitle: !shout loud\nstories:\n  - source: story.txt\n', /the tag !shout is not allowed/, 2);
  await rejects('title: !!binary aGVsbG8=\nstories:\n  - source: story.txt\n', /the tag !!binary is not allowed/);
  await rejects(`title: T\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\nstories:\n  - source: story.txt\n`, /invalid YAML: nested/);
  await rejects(`title: T\nx: ${'['.repeat(100_000)}\n`, /invalid YAML/);
  await rejects('title: T\ntitle: U\nstories:\n  - source: story.txt\n', /invalid YAML: Map keys must be unique/, 2);
  assert.equal((await loadConfig(configFile('title: !!str 1984\nstories:\n  - source: story.txt\n'))).title, '1984', 'a plain tag is fine');
});

test('dates: a real day of the calendar, in four-digit years', async () => {
  await rejects('title: T\ndate: 2026-02-30\nstories:\n  - source: story.txt\n', /anthology\.yaml:2: date: "2026-02-30" is not a day of the calendar \(that month has 28 days\)/, 2);
  await rejects('title: T\ndate: 2026-13-01\nstories:\n  - source: story.txt\n', /date: .*months go from 01 to 12/, 2);
  await rejects('title: T\ndate: next tuesday\nstories:\n  - source: story.txt\n', /date: "next tuesday" is not a date: write it as YYYY-MM-DD/, 2);
  await rejects('title: T\ndate: 2026-03-01T25:00\nstories:\n  - source: story.txt\n', /is not a time of day/, 2);
  await rejects('title: T\ndate: 99999-01-01\nstories:\n  - source: story.txt\n', /date: /, 2);
  for (const [given, iso] of [['2200-01-01', '2200-01-01T00:00:00.000Z'], ['1900-06-30', '1900-06-30T00:00:00.000Z'], ['2024-02-29 12:30', '2024-02-29T12:30:00.000Z'], ['2026-03-14T10:00:00+02:00', '2026-03-14T08:00:00.000Z']]) {
    const config = await loadConfig(configFile(`title: T\ndate: ${given}\nstories:\n  - source: story.txt\n`));
    assert.equal(config.date?.toISOString(), iso, given);
  }
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
