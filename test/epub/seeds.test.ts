// EPUB of the three seed stories: epubcheck clean without embedded fonts, story text read back intact, breaks and notes placed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import { renderEpub } from '../../src/render/epub/index.ts';
import { epubPlainText } from '../../src/render/epub/text.ts';
import { blocksText, type Book } from '../../src/model/types.ts';
import { makeContext, seedsBook } from './book.ts';
import { elements, openEpub, sceneBreakParts, type OpenedEpub } from './read.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'quire-epub-seeds-'));
let book: Book;
let bytes: Uint8Array;
let epub: OpenedEpub;

before(async () => {
  const seeds = await seedsBook();
  book = seeds.book;
  const started = performance.now();
  bytes = await renderEpub(book, makeContext());
  const ms = Math.round(performance.now() - started);
  epub = await openEpub(bytes);
  console.log(`# seeds EPUB (${seeds.normaliser}): ${bytes.length} bytes in ${ms} ms`);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('seeds: epubcheck reports 0 fatals, 0 errors, 0 warnings, 0 usage messages', async () => {
  const file = path.join(dir, 'seeds.epub');
  writeFileSync(file, bytes);
  const r = await runEpubcheck(file, { usage: true });
  assert.deepEqual({ fatals: r.fatals, errors: r.errors, warnings: r.warnings, usages: r.usages }, { fatals: 0, errors: 0, warnings: 0, usages: 0 }, JSON.stringify(r.messages, null, 1));
});

test('seeds: every story reads back as exactly its model text', async () => {
  const texts = await epubPlainText(bytes);
  assert.equal(texts.size, 3);
  for (const s of book.stories) {
    assert.equal(texts.get(s.id), blocksText(s.blocks), s.title);
    assert.ok(s.blocks.length > 5);
  }
});

test('seeds: scene breaks become the ornament, notes go to the notes page, no fonts embedded without --embed-fonts', async () => {
  const opf = await epub.text('OEBPS/content.opf');
  for (const s of book.stories) {
    const href = elements(opf, (e) => e.name === 'item' && e.attribs.id === `story-${s.id}`)[0]!.attribs.href!;
    const x = await epub.text(`OEBPS/${href}`);
    const breaks = s.blocks.filter((b) => b.type === 'sceneBreak').length;
    const found = elements(x, (e) => e.attribs.class === 'scene-break');
    assert.equal(found.length, breaks, `${s.title} scene breaks`);
    for (const b of found) assert.deepEqual(sceneBreakParts(b), { label: 'Scene break', ornament: '❧', ornamentHidden: true });
    assert.equal(elements(x, (e) => e.attribs['epub:type'] === 'noteref').length >= s.notes.length, true);
  }
  assert.ok(book.stories.some((s) => s.blocks.some((b) => b.type === 'sceneBreak')), 'a seed has a scene break');
  assert.ok(book.stories.some((s) => s.notes.length > 0), 'a seed has an author note');
  assert.ok(epub.names.includes('OEBPS/notes.xhtml'));
  assert.ok(!epub.names.some((n) => n.startsWith('OEBPS/fonts/')));
  const css = await epub.text('OEBPS/style.css');
  assert.doesNotMatch(css, /@font-face|font-family/);
});
