// A build with the PDF gives the EPUB the print edition's page list: each entry's page of the PDF (pdftotext) holds the words
// its marker stands before. A big book (its EPUB rendered beside the PDF) and the seeds (after it); without the PDF, no page list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { longStory } from '../epub/long-story.ts';
import { elements, textOf } from '../epub/read.ts';
import { quire, ROOT, tempDir } from './helpers.ts';

interface Entry {
  label: string;
  /** The first words of the EPUB's text after the marker. */
  words: string[];
}

/** The page list of an EPUB file: each entry's label and the words after its marker. */
async function pageList(file: string): Promise<{ entries: Entry[]; source?: string }> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const nav = await zip.file('OEBPS/toc.xhtml')!.async('string');
  const opf = await zip.file('OEBPS/content.opf')!.async('string');
  const source = elements(opf, (e) => e.name === 'meta' && e.attribs.property === 'pageBreakSource').map(textOf)[0];
  const list = elements(nav, (e) => e.name === 'nav' && e.attribs['epub:type'] === 'page-list')[0];
  if (!list) return { entries: [], ...(source && { source }) };
  const entries: Entry[] = [];
  for (const a of elements(nav, (e) => e.name === 'a' && (e.attribs.href ?? '').includes('#page-'))) {
    const [name, id] = a.attribs.href!.split('#') as [string, string];
    const xml = await zip.file(`OEBPS/${name}`)!.async('string');
    const rest = xml.slice(xml.indexOf(`id="${id}"`)).replace(/^[^>]*>/, '');
    const plain = rest
      .replace(/<header class="opener">[\s\S]*?<\/header>/, ' ')
      .replace(/<p class="note-link[^>]*>[\s\S]*?<\/p>/g, ' ')
      .replace(/<a class="noteref"[^>]*>[^<]*<\/a>/g, '')
      .replace(/<(p|h[1-6]|li|div|br)\b[^>]*>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&');
    entries.push({ label: textOf(a), words: plain.split(/\s+/).filter(Boolean).slice(0, 4) });
  }
  return { entries, ...(source && { source }) };
}

/** A page of the PDF as text, words joined across line-end hyphens and spacing made single. */
function pdfPage(pdf: string, page: string): string {
  const text = execFileSync('pdftotext', ['-f', page, '-l', page, pdf, '-'], { encoding: 'utf8' });
  return text.replace(/([\p{L}])-\n\s*(\p{L})/gu, '$1$2').replace(/\s+/g, ' ');
}

async function checkAgainstPdf(epub: string, pdf: string): Promise<number> {
  const { entries, source } = await pageList(epub);
  assert.ok(entries.length > 0, 'the EPUB has a page list');
  assert.match(source ?? '', /print edition \(PDF made by quire, A5 pages, urn:uuid:/);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  let previous = 0;
  for (const { label, words } of entries) {
    const n = Number(label);
    assert.ok(n > previous && n <= pages, `page ${label} in order, within the PDF's ${pages}`);
    previous = n;
    assert.ok(pdfPage(pdf, label).includes(words.join(' ')), `PDF page ${label} holds "${words.join(' ')}"`);
  }
  return entries.length;
}

test('the seeds: the EPUB built with the PDF lists its pages of story text, each where that page begins', { timeout: 240_000 }, async () => {
  const out = tempDir();
  const r = quire(['build', '--formats', 'epub,pdf', '--out', out, '-q']);
  assert.equal(r.code, 0, r.stderr);
  const n = await checkAgainstPdf(path.join(out, 'four-words.epub'), path.join(out, 'four-words.pdf'));
  assert.ok(n >= 10, `${n} pages`);
});

test('a big book (its EPUB made beside the PDF) has the page list too; built without the PDF, the EPUB has none', { timeout: 600_000 }, async () => {
  const dir = tempDir();
  const story = path.join(dir, 'the-harbour-light.md');
  writeFileSync(story, longStory().markdown);
  const seed = path.join(ROOT, 'seeds', 'four-words.txt');
  const both = path.join(dir, 'both');
  const r = quire(['build', seed, story, '--title', 'Harbour', '--formats', 'epub,pdf', '--out', both, '-q']);
  assert.equal(r.code, 0, r.stderr);
  const n = await checkAgainstPdf(path.join(both, 'harbour.epub'), path.join(both, 'harbour.pdf'));
  assert.ok(n > 100, `${n} pages`);
  const alone = path.join(dir, 'alone');
  const e = quire(['build', seed, story, '--title', 'Harbour', '--formats', 'epub', '--out', alone, '-q']);
  assert.equal(e.code, 0, e.stderr);
  const { entries, source } = await pageList(path.join(alone, 'harbour.epub'));
  assert.deepEqual(entries, []);
  assert.equal(source, undefined);
  const zip = await JSZip.loadAsync(readFileSync(path.join(alone, 'harbour.epub')));
  for (const name of Object.keys(zip.files).filter((f) => f.endsWith('.xhtml'))) assert.doesNotMatch(await zip.file(name)!.async('string'), /pagebreak/, name);
});
