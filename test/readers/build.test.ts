// Downloads built into a book: the EPUB is epubcheck-clean, both audits pass against the readers' story text, the
// notes section holds the notes, the opener shows rating and warnings, nothing of the source's markup survives,
// and the report says which reader took what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { build } from '../../src/pipeline/index.ts';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import type { BuildReport } from '../../src/pipeline/report.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const SOURCES = ['ao3-multichapter.html', 'ao3-multichapter.epub', 'ao3-oneshot.html', 'ao3-oneshot.epub', 'fanficfare.epub', 'fanficfare.html', 'web-page.html'];

test('a book of every download: epubcheck clean, audits pass, notes in the notes section, no markup from the sources', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'quire-readers-'));
  try {
    const { report, files } = await build({ files: SOURCES.map((f) => path.join(FIXTURES, f)), title: 'Downloads', out, formats: ['epub', 'pdf'], sourceDateEpoch: 1763683200 });
    const epubFile = files.find((f) => f.endsWith('.epub'))!;
    const check = await runEpubcheck(epubFile);
    assert.deepEqual({ fatals: check.fatals, errors: check.errors, warnings: check.warnings }, { fatals: 0, errors: 0, warnings: 0 }, JSON.stringify(check.messages.slice(0, 10), null, 1));
    for (const story of report.stories) {
      assert.equal(story.audit.epub?.ok, true, `${story.source}: EPUB audit`);
      assert.equal(story.audit.pdf?.ok, true, `${story.source}: PDF audit`);
    }
    const readers = Object.fromEntries(report.stories.map((s) => [path.basename(s.source), s.reader]));
    assert.deepEqual(readers, {
      'ao3-multichapter.html': 'ao3-html',
      'ao3-multichapter.epub': 'ao3-epub',
      'ao3-oneshot.html': 'ao3-html',
      'ao3-oneshot.epub': 'ao3-epub',
      'fanficfare.epub': 'fanficfare-epub',
      'fanficfare.html': 'fanficfare-html',
      'web-page.html': 'web-page',
    });
    const multi = report.stories[0]!;
    assert.equal(multi.title, 'The Tidewater Letters');
    assert.deepEqual(multi.authors, ['Wren_Ashby', 'quillfeather']);
    assert.deepEqual(multi.chapters, ['Chapter 1: The First Letter', 'Chapter 2: Low Water', 'Chapter 3: Spring Tide']);
    assert.equal(multi.structure?.meta.rating, 'Teen And Up Audiences');
    assert.deepEqual(multi.structure?.meta.tags, ['Epistolary', 'Lighthouses', 'Slow Burn', 'Hurt/Comfort']);
    assert.match(multi.structure?.summary ?? '', /lighthouse keeper/);
    assert.ok(multi.structure?.notes.some((n) => n.kind === 'chapterEndNotes' && n.chapter === 'Chapter 1: The First Letter'));
    assert.ok(multi.removed.some((r) => r.kind === 'metadata' && /^Archive Warnings:/.test(r.text)));
    assert.ok(multi.removed.some((r) => /Posted originally/.test(r.text)));
    // The saved report says the same.
    const saved = JSON.parse(readFileSync(files.find((f) => f.endsWith('.report.json'))!, 'utf8')) as BuildReport;
    assert.equal(saved.stories[6]!.reader, 'web-page');

    const zip = await JSZip.loadAsync(readFileSync(epubFile));
    const xhtml = (await Promise.all(Object.values(zip.files).filter((f) => f.name.endsWith('.xhtml')).map((f) => f.async('string')))).join('\n');
    for (const bad of ['<script', 'onclick', 'onload', '<iframe', '<form', 'javascript:', 'Injected', 'Leave a reply', 'Posted originally', 'drop by the Archive']) assert.ok(!xhtml.includes(bad), `${bad} in the EPUB`);
    // Notes: in the notes section, linked both ways, attributed to their chapter.
    const notes = await zip.file(/notes\.xhtml$/)[0]!.async('string');
    for (const text of ['The dog is fine', 'Chapter 1: The First Letter — end notes', 'No boats were harmed', 'Come find me on']) assert.ok(notes.includes(text), `${text} not in the notes section`);
    assert.match(notes, /epub:type="backlink"/);
    // The opener shows rating and warnings.
    assert.match(xhtml, /<p class="story-tags">Teen And Up Audiences · Graphic Depictions Of Violence, Major Character Death<\/p>/);
    assert.match(xhtml, /<p class="story-tags">General Audiences<\/p>/);
    // Emphasis, small caps, line breaks, block quotes survive.
    assert.match(xhtml, /<em>red<\/em>/);
    assert.match(xhtml, /<span class="smallcaps">Royal Survey<\/span>/);
    assert.match(xhtml, /the light goes round,<br\/>/);
    assert.match(xhtml, /<blockquote>\s*<p[^>]*>Dear whoever you are,<\/p>/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a chapter file written from a download rebuilds with its metadata and notes', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'quire-readers-'));
  try {
    const first = await build({ files: [path.join(FIXTURES, 'ao3-multichapter.html')], title: 'One', out, formats: ['epub'], sourceDateEpoch: 1763683200 });
    const md = first.files.find((f) => f.endsWith('.md'))!;
    const again = await build({ files: [md], title: 'One', out: path.join(out, 'again'), formats: ['epub'], sourceDateEpoch: 1763683200 });
    const story = again.book.stories[0]!;
    assert.equal(story.meta?.rating, 'Teen And Up Audiences');
    assert.equal(story.notes.length, 6);
    assert.equal(story.wordCount, first.book.stories[0]!.wordCount);
    assert.equal(again.report.stories[0]!.reader, 'markdown');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
