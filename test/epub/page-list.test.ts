// The print edition's page list: from the PDF's layout, a marker in the EPUB where each page of story text begins, in the right story, before the words the page begins with.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import { renderEpub, renderKepub } from '../../src/render/epub/index.ts';
import { renderPdf } from '../../src/render/pdf/index.ts';
import { storyPageStarts } from '../../src/render/pdf/story-text.ts';
import type { LaidOutBook } from '../../src/render/pdf/types.ts';
import type { Book } from '../../src/model/types.ts';
import { bookFromMarkdown, makeContext, SAMPLE_CHAPTERS } from './book.ts';
import { longStory } from './long-story.ts';
import { elements, openEpub, textOf, type El, type OpenedEpub } from './read.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'quire-page-list-'));
let book: Book;
let layout: LaidOutBook;
let bytes: Uint8Array;
let epub: OpenedEpub;
const SOURCE = 'Salt & Stars, the print edition (test)';

before(async () => {
  book = bookFromMarkdown([...SAMPLE_CHAPTERS, longStory().markdown]);
  const ctx = makeContext({ trim: 'a5' });
  layout = (await renderPdf(book, ctx)).layout;
  bytes = await renderEpub(book, ctx, { pageList: { source: SOURCE, breaks: storyPageStarts(layout) } });
  epub = await openEpub(bytes);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Each page of story text in the PDF: its printed number, the story on it and the first words of that story's text there. */
function storyPages(): Array<{ label: string; story: string; words: string[] }> {
  const out: Array<{ label: string; story: string; words: string[] }> = [];
  for (const page of layout.pages) {
    const runs = page.runs.filter((r) => r.story !== undefined);
    if (runs.length === 0) continue;
    const story = runs[0]!.story!;
    let text = '';
    for (const r of runs.filter((x) => x.story === story)) text += (text && r.join !== 'none' ? ' ' : '') + (r.addedHyphen ? r.text.slice(0, -1) : r.text);
    // A word broken across the page break is the page before's: the page's own words start after it.
    const words = text.split(/\s+/).filter(Boolean);
    if (runs[0]!.join === 'none') words.shift();
    out.push({ label: page.folio ?? String(page.index + 1), story, words: words.slice(0, 6) });
  }
  return out;
}

/** The text that follows an element in reading order, within its story's files. */
async function textAfter(file: string, id: string): Promise<string[]> {
  const xml = await epub.text(`OEBPS/${file}`);
  const at = xml.indexOf(`id="${id}"`);
  const rest = xml.slice(at).replace(/^[^>]*>/, '');
  // Drop tags and note references (their numbers are not story text), then take words.
  const plain = rest
    .replace(/<a class="noteref"[^>]*>[^<]*<\/a>/g, '')
    .replace(/<div class="scene-break">[\s\S]*?<\/div><\/div>/g, ' ')
    .replace(/<(p|h[1-6]|li|div|br)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  return plain.split(/\s+/).filter(Boolean).slice(0, 40);
}

test('a page-list entry for every page of story text in the PDF, in page order, each before the words that page begins with, in the right story', async () => {
  const pages = storyPages();
  assert.ok(pages.length > 30, `${pages.length} pages of story text`);
  const nav = await epub.text('OEBPS/toc.xhtml');
  const list = elements(nav, (e) => e.name === 'nav' && e.attribs['epub:type'] === 'page-list')[0];
  assert.ok(list, 'a page-list nav');
  assert.equal(list.attribs.role, 'doc-pagelist');
  const entries = elements(nav, (e) => e.name === 'a' && !!e.attribs.href && e.attribs.href.includes('#page-')).map((a) => ({ label: textOf(a), href: a.attribs.href! }));
  assert.deepEqual(entries.map((e) => e.label), pages.map((p) => p.label));
  for (const [i, entry] of entries.entries()) {
    const page = pages[i]!;
    const [file, id] = entry.href.split('#') as [string, string];
    const xml = await epub.text(`OEBPS/${file}`);
    const marker = elements(xml, (e) => e.attribs.id === id)[0];
    assert.ok(marker, `page ${entry.label}: ${entry.href} exists`);
    assert.equal(marker.attribs['epub:type'], 'pagebreak');
    assert.equal(marker.attribs.role, 'doc-pagebreak');
    assert.equal(marker.attribs['aria-label'], entry.label);
    const story = elements(xml, (e) => e.attribs['data-story'] !== undefined)[0]!.attribs['data-story'];
    assert.equal(story, page.story, `page ${entry.label} points into ${page.story}`);
    const after = await textAfter(file, id);
    const n = Math.min(4, page.words.length);
    // The first page of a story begins with its title (the marker stands before the opener): compare from its text.
    const words = after.slice(0, 40);
    const at = page.words.length === 0 ? 0 : words.findIndex((_, k) => page.words.slice(0, n).every((w, j) => words[k + j] === w));
    assert.ok(at === 0 || (at > 0 && isStoryStart(xml, id)), `page ${entry.label}: the EPUB goes on "${after.join(' ')}", the PDF page begins "${page.words.join(' ')}"`);
  }
});

/** Whether a marker stands at the start of its story (before the opener). */
function isStoryStart(xml: string, id: string): boolean {
  return /<section[^>]*data-story[^>]*>\s*<div id="([^"]+)"/.exec(xml)?.[1] === id;
}

test('pageBreakSource names the print edition; the features and summary say the book has page markers and a page list', async () => {
  const opf = await epub.text('OEBPS/content.opf');
  const metas = (prop: string): string[] => elements(opf, (e) => e.name === 'meta' && e.attribs.property === prop).map(textOf);
  assert.deepEqual(metas('pageBreakSource'), [SOURCE]);
  assert.ok(metas('schema:accessibilityFeature').includes('pageBreakMarkers'));
  assert.ok(metas('schema:accessibilityFeature').includes('pageNavigation'));
  assert.match(metas('schema:accessibilitySummary')[0]!, /page/);
});

test('with the page markers: every chapter still starts a file, the story text reads back whole, epubcheck 0/0/0/0 (EPUB and kepub)', async () => {
  const { epubPlainText } = await import('../../src/render/epub/text.ts');
  const { blocksText } = await import('../../src/model/types.ts');
  const { wordsOf } = await import('../../src/audit/index.ts');
  const texts = await epubPlainText(bytes);
  for (const s of book.stories) assert.deepEqual(wordsOf(texts.get(s.id)!), wordsOf(blocksText(s.blocks)), s.title);
  for (const name of epub.names.filter((n) => n.endsWith('.xhtml'))) {
    const xml = await epub.text(name);
    const text = elements(xml, (e) => (e.attribs.class ?? '').split(' ').includes('story-text'))[0];
    if (!text) continue;
    const blocks = text.children.filter((c) => c.type === 'tag').map((c) => c as unknown as El).filter((b) => b.attribs['epub:type'] !== 'pagebreak');
    blocks.forEach((b, i) => assert.ok(!/^h[1-6]$/.test(b.name) || i === 0 || /^h[1-6]$/.test(blocks[i - 1]!.name), `${name}: a heading after text`));
  }
  const kepub = await renderKepub(book, makeContext({ trim: 'a5' }), { pageList: { source: SOURCE, breaks: storyPageStarts(layout) } });
  for (const [name, b] of [['book.epub', bytes], ['book-kepub.epub', kepub]] as const) {
    const file = path.join(dir, name);
    writeFileSync(file, b);
    const r = await runEpubcheck(file, { usage: true });
    assert.deepEqual({ fatals: r.fatals, errors: r.errors, warnings: r.warnings, usages: r.usages }, { fatals: 0, errors: 0, warnings: 0, usages: 0 }, JSON.stringify(r.messages.slice(0, 5), null, 1));
  }
});
