// EPUB building blocks: XML escaping (property-tested), ids, direction, theme-driven CSS, cover SVG/PNG and configured cover images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import jpegJs from 'jpeg-js';
import { parseDocument } from 'htmlparser2';
import { QuireError } from '../../src/common/diagnostics.ts';
import { renderBlocks } from '../../src/render/epub/blocks.ts';
import { coverSvg, renderCoverPng, wrapText } from '../../src/render/epub/cover.ts';
import { renderStylesheet } from '../../src/render/epub/css.ts';
import { embeddedFonts } from '../../src/render/epub/fonts.ts';
import { renderEpub, renderKepub } from '../../src/render/epub/index.ts';
import { splitSentences } from '../../src/render/epub/kobo.ts';
import { epubPlainText } from '../../src/render/epub/text.ts';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import { blocksText } from '../../src/model/types.ts';
import { packageLanguage } from '../../src/render/epub/metadata.ts';
import { cssString, escapeXml, textDirection, xmlId } from '../../src/render/epub/xml.ts';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';
import { makeContext, sampleBook } from './book.ts';
import { elements, openEpub, textOf } from './read.ts';

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

test('escapeXml: any string becomes markup-free text that decodes back to itself (minus XML-forbidden characters)', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", ']]>', '<script>', '&amp;', '\u0000', '\u001b', '\uD800'), fc.string({ unit: 'binary' })) }), (s) => {
      const html = renderBlocks([{ type: 'paragraph', content: [{ type: 'text', text: s }] }], { noteRef: () => '', ids: new Set() });
      const inner = html.replace(/^<p[^>]*>/, '').replace(/<\/p>$/, '');
      assert.doesNotMatch(inner, /[<>]/);
      assert.doesNotMatch(inner, INVALID_XML);
      const doc = parseDocument(html, { xmlMode: true, decodeEntities: true });
      const p = doc.children[0] as unknown as Parameters<typeof textOf>[0];
      assert.equal(textOf(p), s.replace(INVALID_XML, ''));
    }),
    { numRuns: 300 },
  );
  assert.equal(escapeXml(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
});

test('xmlId, textDirection, cssString, packageLanguage', () => {
  assert.equal(xmlId('s01-four-words'), 's01-four-words');
  assert.equal(xmlId('1'), 'x1');
  assert.equal(xmlId('a b<c>'), 'a-b-c');
  fc.assert(fc.property(fc.string(), (s) => assert.match(xmlId(s), /^[A-Za-z_][A-Za-z0-9._-]*$/)));
  assert.equal(textDirection('“שלום” he said'), 'rtl');
  assert.equal(textDirection('He said “שלום”'), undefined);
  assert.equal(textDirection('123 مرحبا'), 'rtl');
  assert.equal(cssString('❧'), '"\\2767 "');
  assert.equal(cssString('a"b\\'), '"a\\22 b\\5c "');
  assert.equal(packageLanguage('en-GB'), 'en-GB');
  assert.equal(packageLanguage('pt_BR'), 'pt-BR');
  assert.equal(packageLanguage('english!'), 'und');
});

test('the stylesheet follows the theme: indent, alignment, hyphenation, ornament, heading sizes, embedded fonts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-theme-'));
  try {
    const override = path.join(dir, 'theme.yaml');
    writeFileSync(override, 'text:\n  indent: 2\n  align: left\n  hyphenate: false\nornament: "⁂"\nheadings:\n  storyTitle: 2.5\n');
    const base = renderStylesheet(DEFAULT_TEMPLATES_DIR, loadTheme(), []);
    const changed = renderStylesheet(DEFAULT_TEMPLATES_DIR, loadTheme(DEFAULT_TEMPLATES_DIR, override), []);
    assert.match(base, /text-indent: 1\.2em;/);
    assert.match(changed, /text-indent: 2em;/);
    assert.match(changed, /text-align: left;/);
    assert.match(changed, /hyphens: manual;/);
    assert.match(changed, /content: "\\2042 ";/);
    assert.match(changed, /h1 \{\s*font-size: 2\.5em;/);
    assert.doesNotMatch(base, /@font-face/);
    const theme = loadTheme();
    const fonts = embeddedFonts(theme);
    const withFonts = renderStylesheet(DEFAULT_TEMPLATES_DIR, theme, fonts);
    assert.equal((withFonts.match(/@font-face/g) ?? []).length, fonts.length, 'one @font-face per embedded face');
    assert.equal(fonts.length, theme.fontFiles.fallback ? 5 : 4);
    assert.match(withFonts, /font-style: italic;\s*font-weight: bold;\s*src: url\("fonts\/EBGaramond_600SemiBold_Italic\.ttf"\)/);
    // The book face first, then the theme's fallback face (for glyphs the book face lacks), then the reader's serif.
    const stack = theme.fontFiles.fallback ? '"EB Garamond", "EB Garamond Fallback", serif' : '"EB Garamond", serif';
    assert.ok(withFonts.includes(`body {\n  font-family: ${stack};`), withFonts.slice(withFonts.indexOf('body {'), withFonts.indexOf('body {') + 80));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cover: the SVG template is filled with escaped text, long titles wrap, the PNG is 1600×2560', () => {
  const theme = loadTheme();
  const meta = { ...sampleBook().meta, title: 'A <Very> Long & Winding Title That Will Not Fit On One Line At All' };
  const svg = coverSvg(DEFAULT_TEMPLATES_DIR, meta, theme);
  assert.doesNotMatch(svg, /<Very>/);
  assert.match(svg, /&lt;Very&gt;/);
  const titleLines = elements(svg, (e) => e.name === 'text' && !e.attribs['font-style'] && Number(e.attribs['font-size']) >= 80 && textOf(e) !== '❧');
  assert.ok(titleLines.length >= 2 && titleLines.length <= 3, String(titleLines.length));
  assert.match(svg, />❧</);
  assert.match(svg, /Edited by Mara O’Neill/);
  for (const line of wrapText('word '.repeat(50), 100, 1200)) assert.ok(line.length * 50 <= 1200 + 100, line);
  assert.deepEqual(wrapText('東京東京東京東京', 400, 1200), ['東京東', '京東京', '東京']);
  const png = Buffer.from(renderCoverPng(DEFAULT_TEMPLATES_DIR, meta, theme));
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1600, 2560]);
  assert.ok(png.length > 20_000, 'text was drawn');
});

test('a configured cover image is used as is (PNG or JPEG); anything else is refused', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-cover-'));
  try {
    // A real JPEG (covers are decoded, not sniffed: cover-image.test.ts), small enough to go in as it is.
    const jpeg = Buffer.from(jpegJs.encode({ width: 16, height: 24, data: Buffer.alloc(16 * 24 * 4, 0x90) }, 80).data);
    const file = path.join(dir, 'cover.jpg');
    writeFileSync(file, jpeg);
    const epub = await openEpub(await renderEpub(sampleBook(), makeContext({ cover: file })));
    const opf = await epub.text('OEBPS/content.opf');
    const item = elements(opf, (e) => e.name === 'item' && e.attribs.properties === 'cover-image')[0]!;
    assert.deepEqual([item.attribs.href, item.attribs['media-type']], ['images/cover.jpg', 'image/jpeg']);
    assert.ok(Buffer.from(await epub.zip.file('OEBPS/images/cover.jpg')!.async('uint8array')).equals(jpeg));
    assert.match(await epub.text('OEBPS/cover.xhtml'), /src="images\/cover\.jpg"/);
    const bad = path.join(dir, 'cover.gif');
    writeFileSync(bad, 'GIF89a');
    await assert.rejects(renderEpub(sampleBook(), makeContext({ cover: bad })), (e: unknown) => e instanceof QuireError && /not a PNG or JPEG/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a right-to-left book language sets dir="rtl" on every document', async () => {
  const epub = await openEpub(await renderEpub(sampleBook({ language: 'ar' }), makeContext()));
  for (const name of epub.names.filter((n) => n.endsWith('.xhtml'))) {
    const html = elements(await epub.text(name), (e) => e.name === 'html')[0]!;
    assert.deepEqual([html.attribs.lang, html.attribs.dir], ['ar', 'rtl'], name);
  }
});

test('rendering never opens a network connection (fonts and a configured cover included)', async () => {
  const net = await import('node:net');
  const original = net.Socket.prototype.connect;
  let attempts = 0;
  net.Socket.prototype.connect = function (this: unknown, ...args: unknown[]) {
    attempts++;
    throw new Error(`network connection attempted: ${JSON.stringify(args[0])}`);
  } as typeof original;
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-net-'));
  try {
    const png = path.join(dir, 'c.png');
    writeFileSync(png, renderCoverPng(DEFAULT_TEMPLATES_DIR, sampleBook().meta, loadTheme()));
    const bytes = await renderEpub(sampleBook(), makeContext({ embedFonts: true, cover: png }));
    assert.ok(bytes.length > 100_000);
  } finally {
    net.Socket.prototype.connect = original;
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(attempts, 0);
});

test('kepub: sentences wrapped in koboSpans with unique ids, epubcheck clean, same story text', async () => {
  assert.deepEqual(splitSentences('One. Two! “Three?” Four… five'), ['One. ', 'Two! ', '“Three?” ', 'Four… ', 'five']);
  const book = sampleBook({ notes: 'keep' });
  const bytes = await renderKepub(book, makeContext());
  const epub = await openEpub(bytes);
  const opf = await epub.text('OEBPS/content.opf');
  const href = elements(opf, (e) => e.name === 'item' && e.attribs.id === 'story-s01')[0]!.attribs.href!;
  const s1 = await epub.text(`OEBPS/${href}`);
  const spans = elements(s1, (e) => e.name === 'span' && e.attribs.class === 'koboSpan');
  assert.ok(spans.length >= 6, String(spans.length));
  const ids = spans.map((s) => s.attribs.id!);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^kobo\.\d+\.\d+$/);
  assert.ok(spans.some((s) => textOf(s) === 'She wrote <script>alert(1)</script> on the fogged glass & laughed; the code ended with ]]> and a stray "quote".'));
  assert.equal(elements(s1, (e) => e.name === 'div' && e.attribs.id === 'book-inner').length, 1);
  assert.equal(elements(s1, (e) => e.name === 'a' && e.attribs['epub:type'] === 'noteref')[0]!.children.length, 1, 'note numbers stay plain');
  assert.doesNotMatch(await epub.text('OEBPS/toc.xhtml'), /koboSpan/);
  assert.deepEqual(await epubPlainText(bytes), new Map(book.stories.map((s) => [s.id, blocksText(s.blocks)])));
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-kepub-'));
  try {
    const file = path.join(dir, 'sample.kepub.epub');
    writeFileSync(file, bytes);
    const r = await runEpubcheck(file);
    assert.deepEqual({ fatals: r.fatals, errors: r.errors, warnings: r.warnings }, { fatals: 0, errors: 0, warnings: 0 }, JSON.stringify(r.messages.slice(0, 10), null, 1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
