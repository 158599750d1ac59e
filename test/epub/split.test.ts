// A book with a 650 KB story: no XHTML over 300 KB (EPUB and kepub), every chapter in a file of its own, long chapters cut
// at a scene break or between paragraphs, scene breaks in the markup, and every contents, landmark and note link right.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { wordsOf } from '../../src/audit/index.ts';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import { renderEpub, renderKepub } from '../../src/render/epub/index.ts';
import { epubPlainText } from '../../src/render/epub/text.ts';
import { blocksText, type Book } from '../../src/model/types.ts';
import { bookFromMarkdown, makeContext, SAMPLE_CHAPTERS } from './book.ts';
import { longStory } from './long-story.ts';
import { elements, openEpub, sceneBreakParts, textOf, type El, type OpenedEpub } from './read.ts';

const MAX_FILE = 300_000;
const dir = mkdtempSync(path.join(tmpdir(), 'quire-split-'));
let book: Book;
const built: Record<'epub' | 'kepub', { bytes: Uint8Array; epub: OpenedEpub; spine: string[] }> = {} as never;

before(async () => {
  const story = longStory();
  assert.ok(story.bytes > 600_000, `the story is ${story.bytes} bytes`);
  book = bookFromMarkdown([SAMPLE_CHAPTERS[0]!, story.markdown]);
  for (const [variant, render] of [['epub', renderEpub], ['kepub', renderKepub]] as const) {
    const bytes = await render(book, makeContext());
    const epub = await openEpub(bytes);
    const opf = await epub.text('OEBPS/content.opf');
    const hrefs = new Map(elements(opf, (e) => e.name === 'item').map((e) => [e.attribs.id!, e.attribs.href!]));
    const spine = elements(opf, (e) => e.name === 'itemref').map((e) => hrefs.get(e.attribs.idref!)!);
    built[variant] = { bytes, epub, spine };
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The files of story s02 (the long one), in spine order. */
async function storyFiles(variant: 'epub' | 'kepub'): Promise<Array<{ file: string; xml: string }>> {
  const { epub, spine } = built[variant];
  const out: Array<{ file: string; xml: string }> = [];
  for (const file of spine) {
    const xml = await epub.text(`OEBPS/${file}`);
    if (xml.includes('data-story="s02"')) out.push({ file, xml });
  }
  return out;
}

/** The story-text blocks of a file, in order. */
function textBlocks(xml: string): El[] {
  const text = elements(xml, (e) => (e.attribs.class ?? '').split(' ').includes('story-text'))[0]!;
  return text.children.filter((n): n is never => n.type === 'tag') as unknown as El[];
}

test('no XHTML file over 300 KB, in the EPUB and in the kepub (the story alone is 650 KB)', async () => {
  for (const variant of ['epub', 'kepub'] as const) {
    const { epub } = built[variant];
    const sizes = await Promise.all(epub.names.filter((n) => n.endsWith('.xhtml')).map(async (n) => [n, Buffer.byteLength(await epub.text(n))] as const));
    const [largest, bytes] = sizes.reduce((a, b) => (b[1] > a[1] ? b : a));
    assert.ok(bytes <= MAX_FILE, `${variant}: ${largest} is ${bytes} bytes`);
    assert.ok((await storyFiles(variant)).length >= 6, `${variant}: the story is in several files`);
  }
});

test('every chapter starts a file: each heading is the first block of its file (a part heading with its first chapter)', async () => {
  const files = await storyFiles('epub');
  const headings: string[] = [];
  for (const { file, xml } of files) {
    const blocks = textBlocks(xml);
    blocks.forEach((b, i) => {
      if (!/^h[1-6]$/.test(b.name)) return;
      headings.push(textOf(b));
      assert.ok(i === 0 || /^h[1-6]$/.test(blocks[i - 1]!.name), `${file}: "${textOf(b)}" follows text in its file`);
    });
  }
  const modelHeadings = book.stories[1]!.blocks.filter((b) => b.type === 'heading').length;
  assert.equal(headings.length, modelHeadings);
  assert.deepEqual(headings.slice(0, 2), ['PART ONE: THE HARBOUR', 'CHAPTER I. THE LIGHT'], 'the part heading stays with its first chapter, headings keep their text');
  assert.deepEqual(textBlocks(files[0]!.xml).slice(0, 2).map(textOf), ['PART ONE: THE HARBOUR', 'CHAPTER I. THE LIGHT']);
});

test('a long chapter is cut at a scene break when it has one, else between paragraphs; a paragraph too long for a file is cut in two', async () => {
  const files = await storyFiles('epub');
  const opening = files.map(({ xml }) => textBlocks(xml)[0]!);
  assert.ok(
    opening.some((b) => (b.attribs.class ?? '').includes('scene-break')),
    'chapter II goes on in a file that opens with its scene break',
  );
  assert.ok(opening.some((b) => b.name === 'p' && !(b.attribs.class ?? '').includes('continued')), 'chapter III goes on in a file that opens with a paragraph');
  assert.ok(
    files.some(({ xml }) => elements(xml, (e) => e.name === 'p' && (e.attribs.class ?? '').split(' ').includes('continued')).length > 0),
    'the 70,000-character paragraph goes on in a paragraph set without an indent',
  );
  // No words lost or added by the cuts.
  const texts = await epubPlainText(built.epub.bytes);
  for (const s of book.stories) assert.deepEqual(wordsOf(texts.get(s.id)!), wordsOf(blocksText(s.blocks)), s.title);
});

test('every scene break is visible without CSS generated content: the ornament is in the markup, announced as a separator', async () => {
  for (const variant of ['epub', 'kepub'] as const) {
    const breaks: El[] = [];
    for (const { xml } of await storyFiles(variant)) breaks.push(...elements(xml, (e) => (e.attribs.class ?? '').split(' ').includes('scene-break')));
    const modelBreaks = book.stories[1]!.blocks.filter((b) => b.type === 'sceneBreak').length;
    assert.ok(modelBreaks > 3);
    assert.equal(breaks.length, modelBreaks, variant);
    // The ornament is a glyph in the markup (no CSS needed to show it); the rule is what screen readers announce.
    for (const b of breaks) assert.deepEqual(sceneBreakParts(b), { label: 'Scene break', ornament: '❧', ornamentHidden: true }, variant);
  }
  assert.doesNotMatch(await built.epub.epub.text('OEBPS/style.css'), /content\s*:/);
});

/** Every link in every document resolves: to a file of the book, and to an id in it. */
async function checkLinks(variant: 'epub' | 'kepub'): Promise<number> {
  const { epub } = built[variant];
  const ids = new Map<string, Set<string>>();
  const docs = epub.names.filter((n) => n.endsWith('.xhtml'));
  for (const n of docs) ids.set(n.replace('OEBPS/', ''), new Set(elements(await epub.text(n), (e) => !!e.attribs.id).map((e) => e.attribs.id!)));
  let links = 0;
  for (const n of docs) {
    for (const a of elements(await epub.text(n), (e) => e.name === 'a' && !!e.attribs.href)) {
      const [file, frag] = a.attribs.href!.split('#');
      const target = file || n.replace('OEBPS/', '');
      assert.ok(ids.has(target), `${variant} ${n}: ${a.attribs.href} names no file of the book`);
      if (frag) assert.ok(ids.get(target)!.has(frag), `${variant} ${n}: ${a.attribs.href} names no id`);
      links++;
    }
  }
  const ncx = await epub.text('OEBPS/toc.ncx');
  for (const c of elements(ncx, (e) => e.name === 'content')) {
    const [file, frag] = c.attribs.src!.split('#');
    assert.ok(ids.has(file!) && (!frag || ids.get(file!)!.has(frag)), `${variant} NCX: ${c.attribs.src}`);
  }
  return links;
}

test('nav, NCX and landmarks point into the right files; chapter titles in capitals are set in title case in the contents', async () => {
  for (const variant of ['epub', 'kepub'] as const) assert.ok((await checkLinks(variant)) > 20);
  const nav = await built.epub.epub.text('OEBPS/toc.xhtml');
  const links = elements(nav, (e) => e.name === 'a' && !e.attribs['epub:type']).map((a) => `${textOf(a)} → ${a.attribs.href!.split('#')[0]}`);
  const files = (await storyFiles('epub')).map((f) => f.file);
  assert.ok(links.includes(`Part One: The Harbour → ${files[0]}`), links.join('\n'));
  assert.ok(links.includes(`Chapter I. The Light → ${files[0]}`), links.join('\n'));
  assert.ok(links.includes(`Chapter II. The Night of the Storm → ${files[1]}`), links.join('\n'));
  // Reading order: the contents follow the spine.
  const spine = built.epub.spine;
  const order = elements(nav, (e) => e.name === 'a' && !e.attribs['epub:type']).map((a) => spine.indexOf(a.attribs.href!.split('#')[0]!));
  assert.deepEqual(order, [...order].sort((a, b) => a - b));
  const ncx = await built.epub.epub.text('OEBPS/toc.ncx');
  assert.deepEqual(
    elements(ncx, (e) => e.name === 'navLabel').map(textOf),
    elements(nav, (e) => e.name === 'a' && !e.attribs['epub:type']).map(textOf),
    'the NCX has the same entries in the same order',
  );
});

test('note links both ways across files: a note referred to from two files links back to the first reference', async () => {
  const notes = await built.epub.epub.text('OEBPS/notes.xhtml');
  const backlinks = new Map(elements(notes, (e) => e.name === 'li').map((li) => [li.attribs.id!, backlinkIn(li)]));
  const files = await storyFiles('epub');
  const refsTo = (anchor: string): string[] => files.flatMap(({ file, xml }) => elements(xml, (e) => e.attribs.href === `notes.xhtml#${anchor}`).map((a) => `${file}#${a.attribs.id}`));
  const twice = refsTo('note-s02-1');
  assert.equal(twice.length, 2);
  assert.notEqual(twice[0]!.split('#')[0], twice[1]!.split('#')[0], 'the two references are in two files');
  assert.equal(backlinks.get('note-s02-1'), twice[0]);
  assert.equal(backlinks.get('note-s02-3'), refsTo('note-s02-3')[0]);
  // The end note's link closes the story's last file.
  assert.ok(files[files.length - 1]!.xml.includes('notes.xhtml#note-s02-4'));
});

/** The href of the back-link inside an element. */
function backlinkIn(el: El): string {
  for (const c of el.children) {
    if (c.type !== 'tag') continue;
    const e = c as unknown as El;
    if (e.name === 'a' && e.attribs.class === 'backlink') return e.attribs.href!;
    const inner = backlinkIn(e);
    if (inner) return inner;
  }
  return '';
}

test('epubcheck: the EPUB and the kepub have 0 fatals, 0 errors, 0 warnings and 0 usage messages', async () => {
  for (const variant of ['epub', 'kepub'] as const) {
    const file = path.join(dir, `book-${variant}.epub`);
    writeFileSync(file, built[variant].bytes);
    const r = await runEpubcheck(file, { usage: true });
    assert.deepEqual({ fatals: r.fatals, errors: r.errors, warnings: r.warnings, usages: r.usages }, { fatals: 0, errors: 0, warnings: 0, usages: 0 }, `${variant}: ${JSON.stringify(r.messages.slice(0, 5), null, 1)}`);
  }
});
