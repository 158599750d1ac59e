// DAISY Ace (the accessibility checker for EPUB, with Debian's Chromium) finds no violation in the seeds book nor in a two-book anthology.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normaliseStory } from '../../src/normalise/index.ts';
import { renderEpub } from '../../src/render/epub/index.ts';
import { renderPdf, storyPageStarts } from '../../src/render/pdf/index.ts';
import { bookFromMarkdown, makeContext, SEEDS, seedsBook } from './book.ts';
import { longStory } from './long-story.ts';

/** The browser Ace drives: PUPPETEER_EXECUTABLE_PATH, else Debian's Chromium. */
function chromium(): string | undefined {
  const candidates = [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

const browser = chromium();
const skip = browser ? false : 'Chromium is missing: install it (Debian: apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH to run DAISY Ace';
const ace = path.join(path.dirname(createRequire(import.meta.url).resolve('@daisy/ace-cli/package.json')), 'bin', 'ace.js');

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions: Array<{ 'earl:testSubject': { url: string }; assertions?: Array<{ 'earl:test': { 'dct:title': string; 'earl:impact': string }; 'earl:result': { 'earl:outcome': string; 'dct:description': string } }> }>;
}

/** Ace's verdict on one EPUB: its outcome and every violation (`file: rule (impact): what`). */
function runAce(bytes: Uint8Array, name: string): { outcome: string; violations: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-ace-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    const out = path.join(dir, 'report');
    // ACE_TIMEOUT_INITIAL: how long Chromium may take to start (Ace's 5 s is short on a busy machine).
    const r = spawnSync(process.execPath, [ace, '--silent', '--force', '--outdir', out, file], {
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: browser!, ACE_TIMEOUT_INITIAL: '120000' },
      encoding: 'utf8',
      timeout: 600_000,
    });
    const reportFile = path.join(out, 'report.json');
    assert.ok(existsSync(reportFile), `Ace wrote no report (exit ${r.status}): ${r.stderr.slice(-2000)}`);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as AceReport;
    const violations = report.assertions.flatMap((doc) =>
      (doc.assertions ?? [])
        .filter((a) => a['earl:result']['earl:outcome'] === 'fail')
        .map((a) => `${doc['earl:testSubject'].url}: ${a['earl:test']['dct:title']} (${a['earl:test']['earl:impact']}): ${a['earl:result']['dct:description']}`),
    );
    return { outcome: report['earl:result']['earl:outcome'], violations };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('DAISY Ace: no violation in the seeds book', { skip, timeout: 600_000 }, async () => {
  const { book } = await seedsBook();
  const r = runAce(await renderEpub(book, makeContext()), 'seeds.epub');
  assert.deepEqual(r.violations, []);
  assert.equal(r.outcome, 'pass');
});

test('DAISY Ace: no violation in a two-book anthology (a seed and a novel: Sherlock Holmes from the corpus, else an invented one), with the print edition\'s page list', { skip, timeout: 600_000 }, async () => {
  const holmes = path.resolve(import.meta.dirname, '../../../shared/corpus/sherlock-holmes.txt');
  const seed = path.join(SEEDS, 'four-words.txt');
  const normalise = (file: string, title: string, idPrefix: string): string =>
    normaliseStory(readFileSync(file), { file, language: 'en', notes: 'endnotes', title, authors: ['Anonymous'], idPrefix }).markdown;
  const chapters = [normalise(seed, 'Four Words', 's01'), existsSync(holmes) ? normalise(holmes, 'The Adventures of Sherlock Holmes', 's02') : longStory().markdown];
  const book = bookFromMarkdown(chapters, { title: 'Two Books', subtitle: 'A Test Anthology' });
  const ctx = makeContext({ trim: 'a5' });
  const breaks = storyPageStarts((await renderPdf(book, ctx)).layout);
  const r = runAce(await renderEpub(book, ctx, { pageList: { source: 'Two Books, print edition (test)', breaks } }), 'two-books.epub');
  assert.deepEqual(r.violations, []);
  assert.equal(r.outcome, 'pass');
});
