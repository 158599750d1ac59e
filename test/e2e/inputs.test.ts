// Hostile and broken input classes through `quire build`: exit code, message, and an output folder that is valid or untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import iconv from 'iconv-lite';
import { quire, tempDir } from './helpers.ts';

const GOOD = 'The harbour lights came on one by one, and she watched them from the wall.\n';

interface Case {
  out: string;
  dir: string;
  code: number | null;
  stdout: string;
  stderr: string;
  report?: { stories: Array<Record<string, unknown>>; skipped: Array<{ source: string }>; warnings: Array<{ rule: string; reason: string }> };
}

/** Write the given files into a fresh folder, put a previous file into a fresh out folder, build. */
function buildFiles(files: Record<string, string | Uint8Array>, args: string[] = [], formats = 'epub'): Case {
  const dir = tempDir('quire-in-');
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  const out = tempDir('quire-out-');
  writeFileSync(path.join(out, 'previous.txt'), 'keep me');
  const r = quire(['build', ...Object.keys(files).map((f) => path.join(dir, f)), '--title', 'Inputs', '--out', out, '--formats', formats, ...args]);
  // Inputs are only ever read.
  for (const [name, content] of Object.entries(files)) assert.ok(readFileSync(path.join(dir, name)).equals(Buffer.from(content)), `${name} was modified`);
  const reportFile = path.join(out, 'inputs.report.json');
  let report: Case['report'];
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8'));
  } catch {
    report = undefined;
  }
  return { out, dir, ...r, ...(report && { report }) };
}

function untouched(c: Case): void {
  assert.deepEqual(readdirSync(c.out), ['previous.txt'], 'the output folder holds only its previous files');
  assert.equal(readFileSync(path.join(c.out, 'previous.txt'), 'utf8'), 'keep me');
}

function oneLineError(c: Case, pattern: RegExp): void {
  assert.equal(c.code, 1, c.stderr);
  const lines = c.stderr.trim().split('\n');
  assert.equal(lines.length, 1, c.stderr);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(c.stderr, /\n\s+at /);
}

async function epubText(c: Case): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path.join(c.out, 'inputs.epub')));
  const names = Object.keys(zip.files).filter((n) => n.endsWith('.xhtml')).sort();
  return (await Promise.all(names.map((n) => zip.file(n)!.async('string')))).join('\n');
}

test('an empty story is skipped with a warning; alone it is an error; --strict fails', () => {
  const c = buildFiles({ 'empty.txt': '', 'good.txt': GOOD });
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stderr, /empty\.txt: the story is empty after normalising.*skipped \[warning\]/);
  assert.deepEqual(c.report!.skipped.map((s) => path.basename(s.source)), ['empty.txt']);
  assert.equal(c.report!.stories.length, 1);

  const alone = buildFiles({ 'empty.txt': '' });
  oneLineError(alone, /empty\.txt: the story is empty after normalising.*nothing to build/);
  untouched(alone);

  const strict = buildFiles({ 'empty.txt': '', 'good.txt': GOOD }, ['--strict']);
  oneLineError(strict, /empty\.txt: the story is empty after normalising.*--strict/);
  untouched(strict);
});

test('a story of only whitespace, or only a disclaimer and an author\'s note, is empty', () => {
  const c = buildFiles({
    'blank.txt': ' \n\t\n   \r\n\n',
    'paratext.txt': 'Disclaimer: I do not own Star Trek.\n\nA/N: Thanks for reading! Please review!\n',
    'good.txt': GOOD,
  });
  assert.equal(c.code, 0, c.stderr);
  assert.deepEqual(c.report!.skipped.map((s) => path.basename(s.source)).sort(), ['blank.txt', 'paratext.txt']);
});

test('binary data is a clear error naming the file', () => {
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  bytes[10] = 0;
  const c = buildFiles({ 'image.txt': bytes, 'good.txt': GOOD });
  oneLineError(c, /image\.txt: .*binary/i);
  untouched(c);
});

test('invalid UTF-8 and UTF-16 decode, and the report says which encoding', () => {
  const latin = Buffer.from('Caf\xe9 cr\xe8me \x93quoted\x94 and na\xefve.\n', 'latin1');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Sixteen bits “wide” text.\n', 'utf16le')]);
  const c = buildFiles({ 'legacy.txt': latin, 'wide.txt': utf16 });
  assert.equal(c.code, 0, c.stderr);
  const [legacy, wide] = c.report!.stories as Array<{ encoding: string; words: number }>;
  assert.match(legacy!.encoding, /windows-1252|latin|iso-8859/i);
  assert.match(wide!.encoding, /utf-16/i);
  const md = readFileSync(path.join(c.out, 'markdown/01-legacy.md'), 'utf8');
  assert.match(md, /Café crème “quoted” and naïve\./);
  assert.equal(iconv.decode(utf16, 'utf16le').includes('Sixteen'), true);
});

test('a 60,000-character word and a 1 MB paragraph build into EPUB and PDF', () => {
  const word = 'a'.repeat(60_000);
  const paragraph = Array.from({ length: 180_000 }, (_, i) => ['the', 'harbour', 'lights', 'came', 'on', 'slowly'][i % 6]).join(' ') + '.\n';
  assert.ok(paragraph.length > 1_000_000, `a 1 MB paragraph (${paragraph.length} bytes)`);
  const c = buildFiles({ 'long-word.txt': `Before ${word} after.\n`, 'big.txt': paragraph }, [], 'epub,pdf');
  assert.equal(c.code, 0, c.stderr);
  const stories = c.report!.stories as Array<{ audit: { epub: { ok: boolean }; pdf: { ok: boolean } } }>;
  for (const s of stories) {
    assert.equal(s.audit.epub.ok, true);
    assert.equal(s.audit.pdf.ok, true);
  }
});

test('duplicate titles get unique slugs and ids', async () => {
  const dir = tempDir('quire-dup-');
  writeFileSync(path.join(dir, 'a.txt'), GOOD);
  writeFileSync(path.join(dir, 'b.txt'), 'Another story entirely.\n');
  writeFileSync(path.join(dir, 'anthology.yaml'), 'title: Inputs\nstories:\n  - { source: a.txt, title: Same }\n  - { source: b.txt, title: Same }\n');
  const out = tempDir('quire-out-');
  const r = quire(['build', '--config', path.join(dir, 'anthology.yaml'), '--out', out, '--formats', 'epub']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(path.join(out, 'markdown')).sort(), ['.quire-chapters.json', '01-same.md', '02-same-2.md']);
});

test('markup, XML breakers, control characters, emoji, CJK and RTL text stay text', async () => {
  const nasty = [
    'She typed <script>alert(1)</script> and ]]> and <!-- a comment --> & more &amp; entities.',
    'Control\u0001chars\u0007here\u001b and\u0085there.',
    'Emoji 🚀✨ and CJK 東京の夜 and Arabic مرحبا بالعالم and Hebrew שלום.',
  ].join('\n\n');
  const c = buildFiles({ 'nasty.txt': nasty + '\n' }, [], 'epub,pdf');
  assert.equal(c.code, 0, c.stderr);
  const text = await epubText(c);
  assert.doesNotMatch(text, /<script/i);
  assert.match(text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(text, /\]\]&gt;/);
  assert.match(text, /&lt;!-- a comment --&gt;/);
  assert.match(text, /東京の夜/);
  assert.match(text, /مرحبا/);
  assert.doesNotMatch(text, /[\u0001\u0007\u001b\u0085]/);
});

test('config errors: wrong type, unknown key, missing story, cover that is not an image', () => {
  const dir = tempDir('quire-cfg-');
  writeFileSync(path.join(dir, 'a.txt'), GOOD);
  writeFileSync(path.join(dir, 'cover.png'), 'this is not a png');
  const cases: Array<[string, RegExp]> = [
    ['title: [1, 2]\nstories:\n  - source: a.txt\n', /anthology\.yaml:1: title: /],
    ['title: T\nstories:\n  - source: a.txt\n    pages: 3\n', /anthology\.yaml:4: stories\[0\]\.pages: unknown key/],
    ['title: T\nstories:\n  - source: missing.txt\n', /anthology\.yaml:3: stories\[0\]\.source: "missing\.txt" cannot be read: no such file/],
    ['title: T\ncover: cover.png\nstories:\n  - source: a.txt\n', /anthology\.yaml:2: cover: "cover\.png" is not a PNG or JPEG image; give a PNG or JPEG image/],
  ];
  for (const [yaml, pattern] of cases) {
    writeFileSync(path.join(dir, 'anthology.yaml'), yaml);
    const out = tempDir('quire-out-');
    writeFileSync(path.join(out, 'previous.txt'), 'keep me');
    const r = quire(['build', '--config', path.join(dir, 'anthology.yaml'), '--out', out]);
    oneLineError({ out, dir, ...r }, pattern);
    untouched({ out, dir, ...r });
  }
});

test('2,000 tiny stories build: one chapter file, one EPUB page and one PDF opener each', async () => {
  const files: Record<string, string> = {};
  const words = ['the', 'harbour', 'lights', 'came', 'on', 'one', 'by', 'and', 'she', 'watched'];
  for (let i = 0; i < 2000; i++) files[`tiny-${String(i).padStart(4, '0')}.txt`] = `${words.slice(0, 3 + (i % 7)).join(' ')} ${i}.\n`;
  const c = buildFiles(files, [], 'epub,pdf');
  assert.equal(c.code, 0, c.stderr);
  assert.equal(c.report!.stories.length, 2000);
  assert.equal(readdirSync(path.join(c.out, 'markdown')).filter((f) => f.endsWith('.md')).length, 2000);
  const zip = await JSZip.loadAsync(readFileSync(path.join(c.out, 'inputs.epub')));
  assert.equal(Object.keys(zip.files).filter((n) => /\/s\d{4}-/.test(n)).length, 2000);
  const pdf = (c.report as unknown as { outputs: Array<{ format: string; pages: number }> }).outputs.find((o) => o.format === 'pdf')!;
  assert.ok(pdf.pages >= 4000, `every story opens on a recto: ${pdf.pages} pages`);
});
