// The review page: written by every build, every removed or moved item on it with its text, the source lines on it, nothing from the network, rendered by headless Chromium without console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { quire, tempDir } from './helpers.ts';
import { LANTERNS, reviewBook, TIDEWATER } from './review-fixture.ts';

interface Report {
  review: string;
  stories: Array<{ id: string; removed: Array<{ kind: string; line: number; text: string; lastLine?: number }>; summary: string }>;
}

/** The text a person reads on the page (tags out, entities decoded, whitespace collapsed). */
function pageText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

test('every build writes <book>.review.html, also with --formats epub alone; the summary ends with its path', () => {
  const book = reviewBook();
  const out = tempDir();
  const r = quire(['build', '-c', book.config, '--out', out, '--formats', 'epub']);
  assert.equal(r.code, 0, r.stderr);
  const file = path.join(out, 'harbour-lights.review.html');
  assert.ok(existsSync(file));
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[lines.length - 1], `Review what was changed: ${file}`);
  assert.match(r.stdout, /^ {2}Lanterns: 2 author's notes moved, 1 disclaimer moved to the notices, 1 scene break, 2 chapters$/m);
  const report = JSON.parse(readFileSync(path.join(out, 'harbour-lights.report.json'), 'utf8')) as Report;
  assert.equal(report.review, file);
  const quiet = quire(['build', '-c', book.config, '--out', tempDir(), '--formats', 'epub', '--quiet']);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.equal(quiet.stdout, '');
});

test('every removed or moved item is on the page with its text, and at least 95 % of the source lines', () => {
  const book = reviewBook();
  const out = tempDir();
  assert.equal(quire(['build', '-c', book.config, '--out', out, '--formats', 'epub']).code, 0);
  const html = readFileSync(path.join(out, 'harbour-lights.review.html'), 'utf8');
  const report = JSON.parse(readFileSync(path.join(out, 'harbour-lights.report.json'), 'utf8')) as Report;
  const kinds = new Set(report.stories.flatMap((s) => s.removed.map((x) => x.kind)));
  for (const kind of ['authorNote', 'disclaimer', 'metadata', 'titleLine', 'sceneBreak']) assert.ok(kinds.has(kind), `the fixture has a ${kind}`);
  for (const story of report.stories) {
    const section = html.slice(html.indexOf(`<section class="story" id="${story.id}">`));
    const text = pageText(section.slice(0, section.indexOf('</section>')));
    for (const item of story.removed) {
      assert.ok(text.includes(collapse(item.text)), `${story.id}: the ${item.kind} at line ${item.line} is on the page with its text: ${item.text}`);
      assert.match(section, new RegExp(`id="${story.id}-L${item.line}"`), `${story.id}: line ${item.line} is marked`);
    }
  }
  // The source lines, as decoded (the mojibake line repaired), each whole on the page.
  const source = [...LANTERNS.replace('donâ€™t', 'don’t').split('\n'), ...TIDEWATER.split('\n')].map((l) => l.trim()).filter(Boolean);
  const text = pageText(html);
  const found = source.filter((l) => text.includes(l)).length;
  assert.ok(found / source.length >= 0.95, `${found} of ${source.length} source lines on the page`);
  assert.equal(found, source.length);
  // Decisions with what reverses them: a moved note, a heading, a break, a disclaimer.
  assert.match(html, /<code class="cfg">keep: \[&quot;Thanks for reading, everyone&quot;\]<\/code>/);
  assert.match(html, /Heading, level 2: “Chapter 2: The Lamp”/);
  assert.match(html, /<code class="cfg">keep: \[15\]<\/code>/);
  assert.match(html, /Mojibake: repaired/);
});

test('the page references nothing over the network and no other file', () => {
  const book = reviewBook();
  const out = tempDir();
  assert.equal(quire(['build', '-c', book.config, '--out', out, '--formats', 'epub']).code, 0);
  const html = readFileSync(path.join(out, 'harbour-lights.review.html'), 'utf8');
  const refs = [...html.matchAll(/\b(?:src|href|action|poster|data)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
  assert.ok(refs.length > 0);
  for (const ref of refs) assert.match(ref, /^#[\w-]+$/, `only links inside the page: ${ref}`);
  assert.doesNotMatch(html, /https?:|\/\/[a-z]|url\(|@import|<link\b|<img\b|<iframe\b|<object\b/i);
});

const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome'].find((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0);

test('headless Chromium renders the page with no console errors, and its script runs', { skip: CHROMIUM ? false : 'Chromium is not installed (apt-get install chromium); the review page was not rendered' }, () => {
  const book = reviewBook();
  const out = tempDir();
  assert.equal(quire(['build', '-c', book.config, '--out', out, '--formats', 'epub']).code, 0);
  const page = path.join(out, 'harbour-lights.review.html');
  const profile = tempDir('quire-chromium-');
  const shot = path.join(out, 'review.png');
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--enable-logging=stderr', '--v=0'];
  const dom = spawnSync(CHROMIUM!, [...flags, '--dump-dom', `file://${page}`], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(dom.status, 0, dom.stderr);
  const console = dom.stderr.split('\n').filter((l) => /CONSOLE/.test(l));
  assert.deepEqual(console, [], 'no console messages (errors, failed loads)');
  assert.match(dom.stdout, /<html lang="en" class="js">/, 'the script ran');
  assert.ok((dom.stdout.match(/<button type="button" class="copy">copy<\/button>/g) ?? []).length >= 10, 'copy buttons beside the config lines');
  const screenshot = spawnSync(CHROMIUM!, [...flags, '--window-size=1000,1400', `--screenshot=${shot}`, `file://${page}`], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(screenshot.status, 0, screenshot.stderr);
  assert.ok(readFileSync(shot).byteLength > 20_000, 'a screenshot with something on it');
});

test('a story skipped as empty is on the page with what took its text, and the line that keeps it', () => {
  const book = reviewBook();
  writeFileSync(path.join(book.dir, 'only-notes.txt'), 'A/N: Sorry this is not a real chapter, I will post the story next week, thanks for waiting!\n');
  writeFileSync(book.config, `${readFileSync(book.config, 'utf8')}  - source: only-notes.txt\n`);
  const out = tempDir();
  const r = quire(['build', '-c', book.config, '--out', out, '--formats', 'epub']);
  assert.equal(r.code, 0, r.stderr);
  const html = readFileSync(path.join(out, 'harbour-lights.review.html'), 'utf8');
  assert.match(html, /<li><a href="#skipped-1">[^<]*only-notes\.txt<\/a>: the story is empty after normalising/);
  const section = html.slice(html.indexOf('<section class="story" id="skipped-1">'));
  assert.match(section, /<h2>Skipped: Only Notes<\/h2>/);
  assert.match(section, /A\/N: Sorry this is not a real chapter/);
  assert.match(section, /<code class="cfg">keep: \[&quot;A\/N: Sorry this is not&quot;\]<\/code>/);
});

test('a download on the page: what its reader took from the structure, and every item it took out with its text', () => {
  const out = tempDir();
  const file = path.resolve(import.meta.dirname, '../readers/fixtures/ao3-multichapter.html');
  const r = quire(['build', file, '--title', 'Downloads', '--out', out, '--formats', 'epub']);
  assert.equal(r.code, 0, r.stderr);
  const html = readFileSync(path.join(out, 'downloads.review.html'), 'utf8');
  const report = JSON.parse(readFileSync(path.join(out, 'downloads.report.json'), 'utf8')) as Report;
  assert.match(html, /What the ao3-html reader took from the file's structure/);
  assert.match(html, /<th scope="row">Fandoms<\/th>/);
  const text = pageText(html);
  assert.ok(report.stories[0]!.removed.length > 5);
  for (const item of report.stories[0]!.removed) assert.ok(text.includes(collapse(item.text)), `the ${item.kind} at line ${item.line} is on the page: ${item.text}`);
  // A note the download marks is brought back by its line.
  assert.match(html, /<code class="cfg">keep: \[\d+\]<\/code>/);
  assert.match(html, /This book was built from story files without a config/);
});

test('every config line the page offers does what it says: all of them together bring every decision back into the story text', () => {
  const plain = reviewBook();
  const first = tempDir();
  assert.equal(quire(['build', '-c', plain.config, '--out', first, '--formats', 'epub']).code, 0);
  const html = readFileSync(path.join(first, 'harbour-lights.review.html'), 'utf8');
  const before = JSON.parse(readFileSync(path.join(first, 'harbour-lights.report.json'), 'utf8')) as Report & { stories: Array<{ chapters: unknown[] }> };
  /** The config lines offered in a story's section, one list per key. */
  const offered = (id: string): string => {
    const section = html.slice(html.indexOf(`<section class="story" id="${id}">`));
    const byKey = new Map<string, string[]>();
    for (const [, key, list] of section.slice(0, section.indexOf('</section>')).matchAll(/<code class="cfg">(\w+): \[(.*?)\]<\/code>/g)) {
      byKey.set(key!, [...(byKey.get(key!) ?? []), list!.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'")]);
    }
    return [...byKey].map(([key, entries]) => `    ${key}: [${entries.join(', ')}]\n`).join('');
  };
  const [lanterns, tidewater] = before.stories.map((s) => offered(s.id));
  assert.match(lanterns!, /keep: \[/);
  const book = reviewBook(lanterns);
  writeFileSync(book.config, readFileSync(book.config, 'utf8').replace('  - source: tidewater.txt\n', `  - source: tidewater.txt\n${tidewater}`));
  const out = tempDir();
  const r = quire(['build', '-c', book.config, '--out', out, '--formats', 'epub']);
  assert.equal(r.code, 0, r.stderr);
  const after = JSON.parse(readFileSync(path.join(out, 'harbour-lights.report.json'), 'utf8')) as typeof before;
  for (const story of after.stories) {
    assert.deepEqual(story.removed.filter((x) => x.kind !== 'emptyLine'), [], `${story.id}: nothing taken out or converted`);
    assert.ok(story.chapters.length <= 1, `${story.id}: no heading found`);
  }
  assert.ok(before.stories.every((s) => s.removed.length > 0));
});
