// Tests the EPUB read-back (render/epub/text.ts): its zip reader and streaming text extraction give what a JSZip + DOM reader gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { parseDocument } from 'htmlparser2';
import { renderEpub } from '../../src/render/epub/index.ts';
import { zipEntries, zipEntryData } from '../../src/normalise/ingest/zip.ts';
import { epubPlainText } from '../../src/render/epub/text.ts';
import { makeContext, sampleBook, seedsBook } from './book.ts';

// The reference: the whole document parsed into a DOM (htmlparser2, same options) and walked.
type Node = ReturnType<typeof parseDocument>['children'][number];
interface El {
  type: string;
  name: string;
  attribs: Record<string, string>;
  children: Node[];
}
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'div', 'section', 'ul', 'ol', 'hr']);
const isEl = (n: Node): n is Node & El => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const skip = (el: El): boolean =>
  el.name === 'aside' || /\bnoteref\b|\bfootnote\b|\bendnote\b/.test(el.attribs['epub:type'] ?? '') || ` ${el.attribs.class ?? ''} `.includes(' note-link ');
function collect(nodes: Node[], out: string[], inItem = false): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push((node as unknown as { data: string }).data);
    else if (isEl(node) && !skip(node)) {
      if (node.name === 'br') out.push('\n');
      else if ((node.name === 'ul' || node.name === 'ol') && !inItem) {
        out.push('\n\n');
        collect(node.children.filter(isEl), out);
        out.push('\n\n');
      } else if (node.name === 'li') {
        collect(node.children, out, true);
        out.push('\n');
      } else {
        const block = BLOCKS.has(node.name) && !inItem;
        if (block) out.push('\n\n');
        collect(node.children, out, inItem);
        if (block) out.push('\n\n');
      }
    }
  }
}
function findAll(nodes: Node[], t: (el: El) => boolean, out: El[] = []): El[] {
  for (const n of nodes) if (isEl(n)) (t(n) ? out.push(n) : findAll(n.children, t, out));
  return out;
}
async function referenceText(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const texts = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xhtml')).sort()) {
    const xml = await zip.file(name)!.async('string');
    if (!xml.includes('data-story=')) continue;
    for (const section of findAll(parseDocument(xml, { xmlMode: true, decodeEntities: true }).children, (el) => el.attribs['data-story'] !== undefined)) {
      const parts: string[] = [];
      for (const body of findAll(section.children, (el) => ` ${el.attribs.class ?? ''} `.includes(' story-text '))) collect(body.children, parts);
      const text = parts
        .join('')
        .split(/\n{2,}/)
        .map((p) => p.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim())
        .filter(Boolean)
        .join('\n\n');
      texts.set(section.attribs['data-story']!, text);
    }
  }
  return texts;
}

const TRICKY = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
<p>outside any story</p>
<section data-story="a"><h1>Opener, not text</h1>
  <div class="story-text"><p>One &amp; two &lt;three&gt; &#8212; &#x2026; four<br/>five</p>
    <ul>stray <li>item <em>one</em></li>
      <li>item two<ul><li>nested</li></ul> tail</li></ul>
    <p>a<a class="note-link" href="#n1">1</a> b<sup epub:type="noteref">2</sup> c</p>
    <aside epub:type="footnote"><p>a note</p></aside>
    <!-- a comment --><p><![CDATA[cdata <x>]]> after</p>
    <blockquote><p>  spaced	 out  </p></blockquote><hr/>
    <div class="story-text"><p>inner story-text</p></div>
    <section data-story="inner"><p>nested section text</p></section>
  </div>
  <p>after the story text</p>
</section>
<section data-story="b"><div class="x story-text y"><ol><li>first</li><li>second</li></ol><p>last</p></div></section>
<section data-story="c"></section>
</body></html>`;

async function zipOf(files: Record<string, string>, compression: 'STORE' | 'DEFLATE'): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip');
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'uint8array', compression });
}

test('the read-back gives the DOM reader\'s text for tricky markup, stored or deflated', async () => {
  for (const compression of ['STORE', 'DEFLATE'] as const) {
    const bytes = await zipOf({ 'OEBPS/b.xhtml': TRICKY, 'OEBPS/a.xhtml': TRICKY.replace(/data-story="(\w+)"/g, 'data-story="$1-2"'), 'OEBPS/nav.xhtml': '<html><body><p>nav</p></body></html>' }, compression);
    const expected = await referenceText(bytes);
    assert.ok(expected.size >= 6);
    assert.deepEqual(await epubPlainText(bytes), expected);
  }
});

test('the read-back gives the DOM reader\'s text for built EPUBs (seeds, sample with notes)', async () => {
  const { book } = await seedsBook();
  for (const b of [book, sampleBook(), sampleBook({ notes: 'keep' })]) {
    const bytes = await renderEpub(b, makeContext());
    const expected = await referenceText(bytes);
    assert.equal(expected.size, b.stories.length);
    assert.deepEqual(await epubPlainText(bytes), expected);
  }
});

test('the zip reader lists every entry and refuses damaged data', async () => {
  const bytes = await zipOf({ 'OEBPS/a.xhtml': TRICKY }, 'DEFLATE');
  const zip = Buffer.from(bytes);
  const entries = zipEntries(zip);
  assert.deepEqual(entries.map((e) => e.name), Object.keys((await JSZip.loadAsync(bytes)).files));
  const a = entries.find((e) => e.name === 'OEBPS/a.xhtml')!;
  assert.equal(zipEntryData(zip, a).toString('utf8'), TRICKY);
  assert.throws(() => zipEntryData(zip, { ...a, crc: (a.crc ^ 1) >>> 0 }), /CRC-32/);
  assert.throws(() => zipEntries(Buffer.from('not a zip at all, not at all, not at all')), /not a zip/);
});
