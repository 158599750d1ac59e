// Two levels of headings (parts holding chapters) reach the EPUB navigation (nav and NCX) and the PDF contents and outline as two levels.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import { normaliseStory } from '../../src/normalise/index.ts';
import { renderEpub } from '../../src/render/epub/index.ts';
import { renderPdf } from '../../src/render/pdf/index.ts';
import type { Book } from '../../src/model/types.ts';
import { renderContext } from '../pdf/book.ts';
import { bookFromMarkdown, makeContext } from './book.ts';
import { elements, openEpub, textOf } from './read.ts';

/** A raw story with parts and chapters, as real texts write them (the normaliser makes the two levels). */
const RAW = ['BOOK ONE', 'CHAPTER I', 'The road was long.', 'CHAPTER II', 'The road was longer.', 'BOOK TWO', 'CHAPTER I', 'They came home.'].join('\n\n');
let book: Book;

before(() => {
  const r = normaliseStory(Buffer.from(RAW), { file: 'two.txt', language: 'en', notes: 'endnotes', title: 'The Long Road', authors: ['Ann Example'], idPrefix: 's01' });
  assert.match(r.markdown, /^## BOOK ONE$/m);
  assert.match(r.markdown, /^### CHAPTER I$/m);
  assert.deepEqual(r.frontMatter.chapters, ['BOOK ONE', 'BOOK TWO']);
  book = bookFromMarkdown([r.markdown]);
});

/** Each link text of a nav or NCX with its depth (how many lists or navPoints hold it). */
function outlineOf(xml: string, open: RegExp, close: RegExp, label: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const m of xml.matchAll(new RegExp(`${open.source}|${close.source}|${label.source}`, 'g'))) {
    if (new RegExp(`^${open.source}$`).test(m[0])) depth++;
    else if (new RegExp(`^${close.source}$`).test(m[0])) depth--;
    else out.push(`${depth} ${m[1] ?? m[2]}`);
  }
  return out;
}

test('EPUB: the nav nests chapters under their parts, and the NCX is three levels deep with the same entries; epubcheck is clean', async () => {
  const bytes = await renderEpub(book, makeContext());
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'quire-two-levels-')), 'book.epub');
  writeFileSync(file, bytes);
  const check = await runEpubcheck(file);
  assert.deepEqual({ fatals: check.fatals, errors: check.errors, warnings: check.warnings }, { fatals: 0, errors: 0, warnings: 0 }, JSON.stringify(check.messages));
  const epub = await openEpub(bytes);
  const nav = (await epub.text('OEBPS/toc.xhtml')).split('<nav id="landmarks"')[0]!;
  const entries = outlineOf(nav, /<ol>/, /<\/ol>/, /<a href="[^"]*">([^<]*)<\/a>/).filter((e) => !/Title Page|Notices|Notes|Colophon/.test(e));
  assert.deepEqual(entries, ['1 The Long Road', '2 BOOK ONE', '3 CHAPTER I', '3 CHAPTER II', '2 BOOK TWO', '3 CHAPTER I']);
  const ncx = await epub.text('OEBPS/toc.ncx');
  assert.match(ncx, /<meta name="dtb:depth" content="3"\/>/);
  const points = outlineOf(ncx, /<navPoint [^>]*>/, /<\/navPoint>/, /<text>([^<]*)<\/text>/).filter((e) => !/Title Page|Notices|Notes|Colophon|Salt|^0 /.test(e));
  assert.deepEqual(points, entries);
  assert.ok(elements(ncx, (e) => e.name === 'navPoint').every((p, i) => p.attribs.playOrder === String(i + 1)));
  assert.ok(textOf(elements(nav, (e) => e.name === 'a')[0]!).length > 0);
});

test('PDF: the contents indents chapters under their parts, and the outline nests them', async () => {
  const { bytes } = await renderPdf(book, renderContext());
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'quire-two-levels-')), 'book.pdf');
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const contents = text.split('\f').find((p) => /^\s*Contents\s*$/m.test(p))!;
  const indent = (title: string): number => /^( *)/.exec(contents.split('\n').find((l) => l.trim().startsWith(title))!)![1]!.length;
  assert.ok(indent('CHAPTER II') > indent('BOOK ONE'), contents);
  assert.ok(indent('BOOK ONE') > indent('The Long Road'), contents);
  const outline = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' })) as { outlines: Array<{ title: string; kids: Array<{ title: string; kids: Array<{ title: string }> }> }> };
  const story = outline.outlines.find((o) => o.title === 'The Long Road')!;
  assert.deepEqual(story.kids.map((k) => [k.title, k.kids.map((c) => c.title)]), [['BOOK ONE', ['CHAPTER I', 'CHAPTER II']], ['BOOK TWO', ['CHAPTER I']]]);
});
