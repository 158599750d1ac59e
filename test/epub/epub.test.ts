// EPUB renderer on a sample book (notes, scene break, chapters, raw HTML, emoji, CJK, RTL): epubcheck, metadata, nav, semantics, escaping, determinism.
import { loadTheme } from '../../src/templates/theme.ts';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import { renderEpub } from '../../src/render/epub/index.ts';
import { epubPlainText } from '../../src/render/epub/text.ts';
import { blocksText, type Book } from '../../src/model/types.ts';
import { makeContext, sampleBook } from './book.ts';
import { elements, openEpub, textOf, type OpenedEpub } from './read.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'quire-epub-test-'));
let book: Book;
let bytes: Uint8Array;
let epub: OpenedEpub;
let opf: string;

before(async () => {
  book = sampleBook();
  bytes = await renderEpub(book, makeContext({ embedFonts: true }));
  epub = await openEpub(bytes);
  opf = await epub.text('OEBPS/content.opf');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const storyFile = (id: string): string => `OEBPS/${elements(opf, (e) => e.name === 'item' && e.attribs.id === `story-${id}`)[0]!.attribs.href}`;

test('epubcheck: 0 fatals, 0 errors, 0 warnings (embedded fonts, notes, every test case)', async () => {
  const file = path.join(dir, 'sample.epub');
  writeFileSync(file, bytes);
  const r = await runEpubcheck(file);
  assert.deepEqual({ fatals: r.fatals, errors: r.errors, warnings: r.warnings }, { fatals: 0, errors: 0, warnings: 0 }, JSON.stringify(r.messages, null, 1));
});

test('zip: mimetype first and stored, every entry dated from book.meta.modified', async () => {
  assert.equal(epub.names[0], 'mimetype');
  assert.equal(Buffer.from(bytes.subarray(30, 38)).toString('latin1'), 'mimetype');
  assert.equal(new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true), 0, 'mimetype is stored, not deflated');
  assert.equal(await epub.text('mimetype'), 'application/epub+zip');
  for (const name of epub.names) {
    const d = epub.zip.files[name]!.date;
    assert.equal(d.getTime(), Date.UTC(2026, 10, 21, 12, 30, 0), `${name} date ${d.toISOString()}`);
  }
});

test('build twice → identical bytes; another modified date is written to the OPF', async () => {
  const again = await renderEpub(sampleBook(), makeContext({ embedFonts: true }));
  assert.ok(Buffer.from(again).equals(Buffer.from(bytes)), 'byte-identical');
  const later = await renderEpub(sampleBook({ modified: new Date(Date.UTC(2027, 0, 2)) }), makeContext({ embedFonts: true }));
  assert.ok(!Buffer.from(later).equals(Buffer.from(bytes)));
  assert.match(await (await openEpub(later)).text('OEBPS/content.opf'), /dcterms:modified">2027-01-02T00:00:00Z</);
});

test('every XML file declares utf-8', async () => {
  for (const name of epub.names.filter((n) => /\.(xhtml|opf|ncx)$/.test(n))) {
    assert.match(await epub.text(name), /^<\?xml version="1\.0" encoding="utf-8"\?>\n/, name);
  }
});

test('OPF metadata: identifier, titles, one creator per author plus the editor, language, description, dates, accessibility', () => {
  const one = (name: string): string => textOf(elements(opf, (e) => e.name === name)[0]!);
  assert.equal(one('dc:identifier'), book.meta.identifier);
  assert.match(book.meta.identifier, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(elements(opf, (e) => e.name === 'package')[0]!.attribs['unique-identifier'], 'uid');
  assert.deepEqual(elements(opf, (e) => e.name === 'dc:title').map(textOf), ['Salt & Stars', 'Three <Short> Stories']);
  const creators = elements(opf, (e) => e.name === 'dc:creator').map((e) => {
    const role = elements(opf, (m) => m.name === 'meta' && m.attribs.refines === `#${e.attribs.id}` && m.attribs.property === 'role')[0]!;
    return `${textOf(e)}/${textOf(role)}`;
  });
  assert.deepEqual(creators, ['Mara O’Neill/edt', 'Ana Ruiz/aut', 'Bo <b>Lee</b>/aut', "Cai O'Brien/aut"]);
  assert.equal(one('dc:language'), 'en');
  assert.equal(one('dc:description'), 'Three stories of the sea & the sky, edited for testing.');
  const metas = (prop: string): string[] => elements(opf, (e) => e.name === 'meta' && e.attribs.property === prop).map(textOf);
  assert.deepEqual(metas('dcterms:modified'), ['2026-11-21T12:30:00Z']);
  assert.deepEqual(metas('schema:accessMode'), ['textual', 'visual']);
  assert.deepEqual(metas('schema:accessModeSufficient'), ['textual']);
  assert.ok(metas('schema:accessibilityFeature').includes('structuralNavigation'));
  assert.ok(metas('schema:accessibilityFeature').includes('tableOfContents'));
  assert.deepEqual(metas('schema:accessibilityHazard'), ['none']);
  assert.ok(metas('schema:accessibilitySummary')[0]!.length > 40);
  assert.deepEqual(metas('dcterms:conformsTo'), ['EPUB Accessibility 1.1 - WCAG 2.1 Level AA']);
});

test('manifest and spine: nav, NCX, cover image, fonts; cover page first, nav where the contents page stands', () => {
  const items = elements(opf, (e) => e.name === 'item');
  const byId = new Map(items.map((i) => [i.attribs.id!, i.attribs]));
  assert.equal(byId.get('nav')!.properties, 'nav');
  assert.equal(byId.get('ncx')!['media-type'], 'application/x-dtbncx+xml');
  assert.equal(byId.get('cover-image')!.properties, 'cover-image');
  assert.equal(byId.get('cover-image')!['media-type'], 'image/png');
  const fonts = items.filter((i) => i.attribs['media-type'] === 'font/ttf');
  // Regular, italic, bold, bold italic, and the theme's fallback face when it names one.
  assert.equal(fonts.length, loadTheme().fontFiles.fallback ? 5 : 4);
  for (const f of fonts) assert.ok(epub.zip.file(`OEBPS/${f.attribs.href}`), f.attribs.href);
  for (const i of items) assert.ok(epub.zip.file(`OEBPS/${i.attribs.href}`), `manifest item ${i.attribs.href} is in the zip`);
  const spine = elements(opf, (e) => e.name === 'itemref').map((e) => e.attribs.idref);
  assert.deepEqual(spine, ['cover-page', 'page-halftitle', 'page-titlepage', 'page-copyright', 'nav', 'story-s01', 'story-s02', 'story-s03', 'page-notes', 'page-colophon']);
  assert.equal(elements(opf, (e) => e.name === 'spine')[0]!.attribs.toc, 'ncx');
});

test('nav: stories with their chapters in spine order, landmarks, and the same entries in the NCX', async () => {
  const nav = await epub.text('OEBPS/toc.xhtml');
  const toc = elements(nav, (e) => e.name === 'nav' && e.attribs['epub:type'] === 'toc')[0]!;
  assert.equal(toc.attribs.role, 'doc-toc');
  const links = elements(nav, (e) => e.name === 'a' && !e.attribs['epub:type']).map((a) => `${textOf(a)} → ${a.attribs.href}`);
  const s1 = storyFile('s01').replace('OEBPS/', '');
  const s2 = storyFile('s02').replace('OEBPS/', '');
  assert.deepEqual(links, [
    'Title Page → titlepage.xhtml',
    'Notices → copyright.xhtml',
    `Tide & Time <script>alert('t')</script> → ${s1}`,
    `The Long Road → ${s2}`,
    `One → ${s2}#s02-one`,
    `Two → ${s2}#s02-two`,
    'Small Hours → s03-small-hours.xhtml',
    'Small Hours → s03-small-hours.xhtml#s03-small-hours-2',
    // A `###` heading is a chapter inside the `##` one before it: nested under it.
    'Later → s03-small-hours.xhtml#s03-later',
    'Notes → notes.xhtml',
    'Colophon → colophon.xhtml',
  ]);
  assert.equal(textOf(elements(nav, (e) => e.name === 'h1')[0]!), 'Contents');
  const landmarks = elements(nav, (e) => e.name === 'nav' && e.attribs['epub:type'] === 'landmarks')[0]!;
  assert.equal(landmarks.attribs.hidden, 'hidden');
  const marks = elements(nav, (e) => e.name === 'a' && !!e.attribs['epub:type']).map((a) => `${a.attribs['epub:type']} ${a.attribs.href}`);
  assert.deepEqual(marks, ['cover cover.xhtml', 'titlepage titlepage.xhtml', 'copyright-page copyright.xhtml', 'toc toc.xhtml#toc', `bodymatter ${s1}`, 'endnotes notes.xhtml']);
  // Every nav link target exists.
  for (const a of elements(nav, (e) => e.name === 'a')) {
    const [file, frag] = a.attribs.href!.split('#');
    const target = await epub.text(`OEBPS/${file}`);
    if (frag) assert.ok(target.includes(`id="${frag}"`), a.attribs.href);
  }
  const ncx = await epub.text('OEBPS/toc.ncx');
  assert.equal(elements(ncx, (e) => e.name === 'meta' && e.attribs.name === 'dtb:uid')[0]!.attribs.content, book.meta.identifier);
  assert.equal(elements(ncx, (e) => e.name === 'navPoint').length, links.length);
  assert.deepEqual(elements(ncx, (e) => e.name === 'navPoint').map((p) => p.attribs.playOrder), links.map((_, i) => String(i + 1)));
});

test('semantics: typed front and back matter, a chapter section per story in bodymatter', async () => {
  const typeOf = async (file: string): Promise<string[]> => {
    const x = await epub.text(`OEBPS/${file}`);
    return [elements(x, (e) => e.name === 'body')[0]!.attribs['epub:type']!, ...elements(x, (e) => e.name === 'section' && !!e.attribs['epub:type']).map((s) => `${s.attribs['epub:type']}${s.attribs.role ? `/${s.attribs.role}` : ''}`)];
  };
  assert.deepEqual(await typeOf('cover.xhtml'), ['frontmatter', 'cover']);
  assert.deepEqual(await typeOf('halftitle.xhtml'), ['frontmatter', 'halftitlepage']);
  assert.deepEqual(await typeOf('titlepage.xhtml'), ['frontmatter', 'titlepage']);
  assert.deepEqual(await typeOf('copyright.xhtml'), ['frontmatter', 'copyright-page']);
  assert.deepEqual(await typeOf('notes.xhtml'), ['backmatter', 'endnotes/doc-endnotes']);
  assert.deepEqual(await typeOf('colophon.xhtml'), ['backmatter', 'colophon/doc-colophon']);
  for (const s of book.stories) {
    const x = await epub.text(storyFile(s.id));
    assert.deepEqual(await typeOf(storyFile(s.id).replace('OEBPS/', '')), ['bodymatter', 'chapter/doc-chapter']);
    assert.equal(elements(x, (e) => e.name === 'h1').length, 1, 'one title heading per story');
    assert.equal(elements(x, (e) => e.name === 'html')[0]!.attribs['xml:lang'], 'en');
  }
  const cover = await epub.text('OEBPS/cover.xhtml');
  const img = elements(cover, (e) => e.name === 'img')[0]!;
  assert.equal(img.attribs.src, 'images/cover.png');
  assert.equal(img.attribs.role, 'doc-cover');
  assert.equal(img.attribs.alt, 'Cover: Salt & Stars. Three <Short> Stories. Edited by Mara O’Neill.');
});

test('escaping: raw HTML in the text, titles and names stays text', async () => {
  for (const name of epub.names.filter((n) => /\.(xhtml|opf|ncx)$/.test(n))) {
    const x = await epub.text(name);
    assert.doesNotMatch(x, /<script|<b>|<Short>/i, name);
  }
  const s1 = await epub.text(storyFile('s01'));
  assert.ok(s1.includes('She wrote &lt;script&gt;alert(1)&lt;/script&gt; on the fogged glass &amp; laughed; the code ended with ]]&gt; and a stray &quot;quote&quot;.'));
  const text = (await epubPlainText(bytes)).get('s01')!;
  assert.ok(text.includes('She wrote <script>alert(1)</script> on the fogged glass & laughed; the code ended with ]]> and a stray "quote".'));
  assert.ok(text.includes('Morning brought gulls 🌊 and a letter from 東京, stamped twice.'));
  const rtl = elements(s1, (e) => e.name === 'p' && e.attribs.dir === 'rtl').map(textOf);
  assert.deepEqual(rtl, ['مرحبا بالعالم، قالت الرسالة.']);
});

test('scene break is an <hr/> shown as the theme ornament; paragraphs after breaks and headings are not indented', async () => {
  const s1 = await epub.text(storyFile('s01'));
  assert.equal(elements(s1, (e) => e.name === 'hr' && e.attribs.class === 'scene-break').length, 1);
  const afterBreak = elements(s1, (e) => e.name === 'p' && (e.attribs.class ?? '').split(' ').includes('first')).map(textOf);
  assert.ok(afterBreak.some((t) => t.startsWith('Morning brought gulls')));
  const css = await epub.text('OEBPS/style.css');
  const rule = /hr\.scene-break::after \{([^}]*)\}/.exec(css)![1]!;
  assert.match(rule, /content: "\\2767 ";/);
  assert.match(rule, /text-indent: 0;/);
  assert.match(css, /p \{[^}]*text-indent: 1\.2em;/);
  assert.doesNotMatch(css, /(^|[^-])color\s*:/m, 'no hard-coded colours');
  assert.doesNotMatch(css, /font-size:\s*[\d.]+px/, 'no px font sizes');
  assert.match(css, /hyphens: auto;/);
  assert.match(css, /@font-face \{[^}]*font-family: "EB Garamond";[^}]*src: url\("fonts\/EBGaramond_400Regular\.ttf"\);/);
});

test('notes (endnotes policy): references link to the notes page and back', async () => {
  const s1 = await epub.text(storyFile('s01'));
  const ref = elements(s1, (e) => e.name === 'a' && e.attribs['epub:type'] === 'noteref')[0]!;
  assert.equal(ref.attribs.href, 'notes.xhtml#note-s01-1');
  assert.equal(textOf(ref), '1');
  const notes = await epub.text('OEBPS/notes.xhtml');
  const li = elements(notes, (e) => e.name === 'li' && e.attribs.id === 'note-s01-1')[0]!;
  assert.equal(li.attribs['epub:type'], 'endnote');
  assert.match(textOf(li), /The lights are real; I saw them in 2019\./);
  const back = elements(notes, (e) => e.name === 'a' && e.attribs['epub:type'] === 'backlink').map((a) => a.attribs.href);
  const s2 = storyFile('s02').replace('OEBPS/', '');
  const s3 = storyFile('s03').replace('OEBPS/', '');
  assert.deepEqual(back, [
    `${storyFile('s01').replace('OEBPS/', '')}#${ref.attribs.id}`,
    `${s2}#noteref-s02-1`,
    `${s2}#noteref-s02-2`,
    `${s3}#noteref-s03-1`,
    `${s3}#s03`,
  ]);
  const s3x = await epub.text(storyFile('s03'));
  const s3refs = elements(s3x, (e) => e.name === 'a' && e.attribs['epub:type'] === 'noteref');
  assert.deepEqual(s3refs.map((a) => `${a.attribs.id} ${a.attribs.href}`), ['noteref-s03-1 notes.xhtml#note-s03-1', 'noteref-s03-1-2 notes.xhtml#note-s03-1']);
  assert.match(textOf(elements(notes, (e) => e.name === 'li' && e.attribs.id === 'note-s03-2')[0]!), /Never referenced at all/);
  const s2x = await epub.text(storyFile('s02'));
  const links = elements(s2x, (e) => e.name === 'p' && (e.attribs.class ?? '').includes('note-link'));
  assert.deepEqual(links.map((p) => p.attribs.class), ['note-link note-link-start', 'note-link note-link-end']);
  assert.ok(s2x.indexOf('note-link-start') < s2x.indexOf('story-text') && s2x.indexOf('note-link-end') > s2x.indexOf('story-text'));
});

test('notes kept in place or dropped; the story text read back is the same under every policy', async () => {
  const expected = (b: Book): Map<string, string> => new Map(b.stories.map((s) => [s.id, blocksText(s.blocks)]));
  assert.deepEqual(await epubPlainText(bytes), expected(book));
  const kept = sampleBook({ notes: 'keep' });
  const keptBytes = await renderEpub(kept, makeContext());
  const k = await openEpub(keptBytes);
  assert.ok(!k.names.includes('OEBPS/notes.xhtml'));
  const ks1 = await k.text(`OEBPS/${elements(await k.text('OEBPS/content.opf'), (e) => e.name === 'item' && e.attribs.id === 'story-s01')[0]!.attribs.href}`);
  const aside = elements(ks1, (e) => e.name === 'aside')[0]!;
  assert.equal(aside.attribs['epub:type'], 'footnote');
  assert.match(textOf(aside), /The lights are real/);
  assert.ok(ks1.includes('href="#note-s01-1"'));
  assert.deepEqual(await epubPlainText(keptBytes), expected(kept));
  const dropped = sampleBook({ notes: 'drop' });
  const droppedBytes = await renderEpub(dropped, makeContext());
  const d = await openEpub(droppedBytes);
  for (const name of d.names.filter((n) => n.endsWith('.xhtml'))) {
    const x = await d.text(name);
    assert.doesNotMatch(x, /noteref|The lights are real|workshop/, name);
  }
  assert.deepEqual(await epubPlainText(droppedBytes), expected(dropped));
});
