// Golden tests of the normaliser: fixtures/<case>.txt → fixtures/<case>.md and the three seeds → seeds/<name>.md (UPDATE_GOLDEN=1 rewrites them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { wordsOf } from '../../src/audit/index.ts';
import { parseChapter } from '../../src/model/parse.ts';
import { blocksText } from '../../src/model/types.ts';
import { normaliseStory } from '../../src/normalise/index.ts';
import type { NormaliseOptions } from '../../src/normalise/types.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const FIXTURES = path.join(HERE, 'fixtures');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/**
 * Fixtures are readable UTF-8 text; a case named `enc-<transform>…` is turned into the bytes it stands for by
 * this declared transform before normalising (so a reviewer reads the .txt, the normaliser gets the encoding).
 * In control-character fixtures `␀ ␇ ␛ ␟` stand for U+0000 U+0007 U+001B U+001F and `⏎` for a lone CR.
 */
const TRANSFORMS: Record<string, (text: string) => Uint8Array> = {
  'utf8-bom': (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
  utf16le: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(t, 'utf-16le')]),
  utf16be: (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(t, 'utf-16be')]),
  'utf16le-nobom': (t) => iconv.encode(t, 'utf-16le'),
  windows1252: (t) => iconv.encode(t, 'win1252'),
  latin1: (t) => iconv.encode(t, 'latin1'),
  // UTF-8 bytes read as Windows-1252 (undefined bytes as Latin-1, as browsers do) and saved as UTF-8 again, once or twice.
  mojibake: (t) => Buffer.from(misread(t), 'utf8'),
  'mojibake-double': (t) => Buffer.from(misread(misread(t)), 'utf8'),
  // Line by line: a line starting `[utf-8] ` is UTF-8, `[misread] ` is UTF-8 misread as Windows-1252 (then saved as
  // Windows-1252 where it can be, as the rest), any other line Windows-1252; `mixed-utf8`: the other lines are UTF-8.
  mixed: (t) => mixedLines(t, 'win1252'),
  'mixed-utf8': (t) => mixedLines(t, 'utf8'),
  'crlf-control': (t) => Buffer.from(t.replace(/\n/g, '\r\n').replace(/⏎\r\n/g, '\r').replace(/␀/g, '\0').replace(/␇/g, '\x07').replace(/␛/g, '\x1b').replace(/␟/g, '\x1f'), 'utf8'),
};

function misread(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => {
    const c = iconv.decode(Buffer.from([b]), 'win1252');
    return c === '\uFFFD' ? String.fromCharCode(b) : c;
  }).join('');
}

function mixedLines(text: string, rest: 'win1252' | 'utf8'): Uint8Array {
  return Buffer.concat(
    text.split('\n').map((line, i, all) => {
      const eol = i < all.length - 1 ? '\n' : '';
      if (line.startsWith('[utf-8] ')) return Buffer.from(line.slice(8) + eol, 'utf8');
      if (line.startsWith('[misread] ')) return iconv.encode(misread(line.slice(10)) + eol, rest);
      return iconv.encode(line + eol, rest);
    }),
  );
}

function bytesOf(name: string, text: string): Uint8Array {
  const m = /^enc-(.+?)(?:--.*)?$/.exec(name);
  if (!m) return Buffer.from(text, 'utf8');
  const transform = TRANSFORMS[m[1]!];
  assert.ok(transform, `unknown transform in fixture name ${name}`);
  return transform(text);
}

/**
 * Options from the case name: `fr-…`, `de-…`, `es-…`, `ja-…` set the language; `…notes-drop…`/`…notes-keep…` the
 * notes policy; `gutenberg…`, `title-…` and `ja-aozora` cases get no title or author from the config (the text states them).
 */
function optionsOf(name: string): NormaliseOptions {
  const language = /^(fr|de|es|ja)-/.exec(name)?.[1] ?? 'en';
  return {
    file: `${name}.txt`,
    language,
    notes: name.includes('notes-drop') ? 'drop' : name.includes('notes-keep') ? 'keep' : 'endnotes',
    ...(!/^(?:gutenberg|title-|ja-aozora)/.test(name) && { title: name, authors: ['Anonymous'] }),
    ...(name.startsWith('title-') && { fallbackTitle: 'From The File Name' }),
    idPrefix: 'g01',
  };
}

/** The markdown reads back (with quire's markdown-it) to exactly the words the normaliser says it kept. */
function assertRoundTrip(markdown: string, words: string[], idPrefix: string, label: string): void {
  const parsed = parseChapter(markdown, label, idPrefix);
  assert.deepEqual(wordsOf(blocksText(parsed.blocks)), words, `${label}: markdown does not read back to the story's words`);
  for (const b of parsed.blocks) assert.ok(b.type === 'paragraph' || b.type === 'heading' || b.type === 'sceneBreak', `${label}: unexpected ${b.type} block at line ${b.line}`);
}

function checkGolden(expectedFile: string, actual: string): void {
  if (UPDATE || !existsSync(expectedFile)) {
    if (!UPDATE) assert.fail(`missing ${path.relative(ROOT, expectedFile)}; run with UPDATE_GOLDEN=1 and review it`);
    writeFileSync(expectedFile, actual);
    return;
  }
  assert.equal(actual, readFileSync(expectedFile, 'utf8'), `${path.relative(ROOT, expectedFile)} differs (UPDATE_GOLDEN=1 rewrites it)`);
}

const cases = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();

test('there are at least 30 golden fixtures', () => {
  assert.ok(cases.length >= 30, `${cases.length} fixtures`);
});

for (const name of cases) {
  test(`golden: ${name}`, () => {
    const text = readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8');
    const options = optionsOf(name);
    const result = normaliseStory(bytesOf(name, text), options);
    checkGolden(path.join(FIXTURES, `${name}.md`), result.markdown);
    assertRoundTrip(result.markdown, wordsOf(result.wordText), options.idPrefix, name);
  });
}

const SEEDS = [
  { file: 'four-words.txt', title: 'Four Words', idPrefix: 's01', summary: 'Khan holds the captain, and Spock must bargain with logic alone.' },
  { file: 'the-leap.txt', title: 'The Leap', idPrefix: 's02', summary: "In the medbay, Khan tells Spock why Kirk's leap decided everything." },
  { file: 'outlaws-together.txt', title: 'Outlaws Together', idPrefix: 's03', summary: 'Ordered home in disgrace, Kirk and Spock take a vacation instead.' },
];

for (const seed of SEEDS) {
  test(`golden seed: ${seed.file}`, () => {
    const bytes = readFileSync(path.join(ROOT, 'seeds', seed.file));
    const result = normaliseStory(bytes, { file: `seeds/${seed.file}`, language: 'en', notes: 'endnotes', title: seed.title, authors: ['Anonymous'], summary: seed.summary, idPrefix: seed.idPrefix });
    checkGolden(path.join(HERE, 'seeds', seed.file.replace(/\.txt$/, '.md')), result.markdown);
    assertRoundTrip(result.markdown, wordsOf(result.wordText), seed.idPrefix, seed.file);
    const body = result.markdown.split('\n---\n').slice(1).join('\n---\n');
    // The acceptance for the seeds: no paratext in the bodies, typographic dashes and ellipses.
    const story = body.replace(/^\[\^[^\]]+\]:[\s\S]*$/m, '');
    assert.doesNotMatch(story, /A\/N|Disclaimer|I do not own/);
    assert.doesNotMatch(story, /\s-\s|--|\.\.\.|(?<=\w)-\s/);
    assert.doesNotMatch(story, /["']/, 'straight quotes left');
    for (const r of result.removed) assert.ok(r.line > 0 && r.text.length > 0);
    const expected = { 'four-words.txt': { breaks: 0, disclaimers: 1, notes: 0 }, 'the-leap.txt': { breaks: 0, disclaimers: 0, notes: 1 }, 'outlaws-together.txt': { breaks: 1, disclaimers: 0, notes: 0 } }[seed.file]!;
    assert.deepEqual({ breaks: result.sceneBreaks, disclaimers: result.frontMatter.disclaimers?.length ?? 0, notes: result.frontMatter.notes?.length ?? 0 }, expected);
    assert.equal(result.removed.filter((r) => r.kind === 'disclaimer' || r.kind === 'authorNote').length, expected.disclaimers + expected.notes);
  });
}
