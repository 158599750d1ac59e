// Hostile downloads are refused or cleaned with one clear line, never run or followed: scripts and event handlers,
// entities (a billion laughs, an external entity), a zip bomb, a 200 MB EPUB, deeply nested markup, a damaged zip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { QuireError } from '../../src/common/diagnostics.ts';
import { normaliseSource } from '../../src/normalise/readers/index.ts';
import { quire, SOURCE_CLI, tempDir } from '../e2e/helpers.ts';

const options = { file: 'bad', language: 'en', notes: 'endnotes' as const, idPrefix: 's01' };
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A minimal EPUB around one XHTML body (made with jszip), with entries overridden or added. */
async function epub(body: string, extra: Record<string, Uint8Array | string> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file('META-INF/container.xml', '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>');
  zip.file('OEBPS/content.opf', '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Hostile</dc:title><dc:creator>Someone</dc:creator></metadata><manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>');
  zip.file('OEBPS/c.xhtml', `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>c</title></head><body>${body}</body></html>`);
  for (const [name, data] of Object.entries(extra)) zip.file(name, data);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

test('scripts, event handlers, frames, forms and script links are dropped, said in one warning, and never reach the chapter', () => {
  const html = `<!DOCTYPE html><html><body onload="steal()"><article><h1>Trap</h1>
<p>Plain <a href="javascript:alert(1)">words</a> stay.</p><script>alert("x")</script>
<p onmouseover="evil()">Hover text stays too.</p><iframe src="https://evil.example/"></iframe>
<form action="/x"><input name="q" value="typed"><button>Go</button></form><object data="x.swf">fallback</object>
<p>&lt;script&gt;not markup&lt;/script&gt; is text.</p></article></body></html>`;
  const r = normaliseSource(utf8(html), options);
  const warnings = r.messages.filter((m) => m.severity === 'warning');
  assert.equal(warnings.length, 1);
  for (const part of ['1 <script>', '1 <iframe>', '1 <form>', '1 <object>', '2 event-handler attributes', '1 script link']) assert.ok(warnings[0]!.reason.includes(part), `${part}: ${warnings[0]!.reason}`);
  assert.doesNotMatch(r.markdown, /alert|steal|evil|typed|fallback|swf/);
  assert.match(r.wordText, /Plain words stay\./);
  assert.match(r.wordText, /Hover text stays too\./);
  // Escaped markup in the text is text, escaped again for markdown.
  assert.match(r.markdown, /\\<script\\>not markup\\<\/script\\> is text\./);
});

test('entities: only HTML’s own are decoded; a DTD’s (billion laughs, external file) are never expanded or read', async () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<html><body><p>Caf&eacute; &amp; &#x201C;quotes&#8221; &lol3; &xxe; end.</p></body></html>`;
  for (const bytes of [utf8(laughs), await epub('<p>Caf&eacute; &amp; &lol3; &xxe; end.</p>'.replace('<p>', '<!-- --><p>'))]) {
    const r = normaliseSource(bytes, options);
    assert.match(r.wordText, /Café & /);
    assert.ok(r.wordText.length < 200, 'no entity was expanded');
    assert.doesNotMatch(r.wordText, /root:/);
    assert.match(r.wordText, /&lol3; &xxe; end\./);
  }
});

test('a zip bomb is refused: an entry that inflates past its declared size, and one that declares too much', async () => {
  // A chapter whose directory says 100 bytes but whose data inflates to 50 MB.
  const zip = Buffer.from(await epub('<p>Fine.</p>'));
  const bomb = deflateRawSync(Buffer.alloc(50 * 1024 * 1024, 0x41));
  const forged = await epub('<p>Fine.</p>', { 'OEBPS/bomb.xhtml': 'x' });
  // Rebuild the archive by hand: replace bomb.xhtml's data with the bomb, keeping its declared size small.
  const r = forgeEntry(Buffer.from(forged), 'OEBPS/bomb.xhtml', bomb, 100);
  const withSpine = rewriteOpfSpine(r);
  assert.throws(() => normaliseSource(withSpine, options), (e: unknown) => e instanceof QuireError && /inflates to more than the 100 bytes it declares/.test(e.message));
  // An entry declaring 4 GB - 2 is refused before any inflation.
  const huge = forgeEntry(zip, 'OEBPS/c.xhtml', deflateRawSync(Buffer.from('<p>x</p>')), 0xfffffffe);
  assert.throws(() => normaliseSource(huge, options), (e: unknown) => e instanceof QuireError && /declares 4294967294 bytes, more than/.test(e.message));
});

test('deeply nested markup is flattened past the depth cap: no crash, every word kept, one warning', async () => {
  const depth = 100_000;
  const html = `<html><body><article><p>Start.</p>${'<div><b>'.repeat(depth)}deep words${'</b></div>'.repeat(depth)}<p>End.</p></article></body></html>`;
  for (const bytes of [utf8(html), await epub(`<p>Start.</p>${'<span>'.repeat(depth)}deep words${'</span>'.repeat(depth)}<p>End.</p>`)]) {
    const r = normaliseSource(bytes, options);
    assert.match(r.wordText, /Start\.[\s\S]*deep words[\s\S]*End\./);
    assert.match(r.messages.find((m) => m.rule === 'html-cleaned')?.reason ?? '', /nested deeper than 128 levels/);
  }
});

test('a damaged zip, a zip that is no EPUB and a truncated EPUB are refused with one line naming the file', async () => {
  const cases: Array<[Uint8Array, RegExp]> = [
    [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), /not a readable EPUB: not a zip file/],
    [await (async () => { const z = new JSZip(); z.file('hello.txt', 'hi'); return z.generateAsync({ type: 'uint8array' }); })(), /not an EPUB: the zip has no META-INF\/container\.xml/],
    [(await epub('<p>x</p>')).subarray(0, 300), /not a readable EPUB/],
  ];
  for (const [bytes, reason] of cases) {
    assert.throws(() => normaliseSource(bytes, { ...options, file: 'story.epub' }), (e: unknown) => e instanceof QuireError && reason.test(e.message) && e.file === 'story.epub');
  }
});

test('the command line: a 200 MB EPUB is refused before it is read, a damaged one too, each with one line and exit 1', () => {
  const dir = tempDir();
  const big = path.join(dir, 'huge.epub');
  // A sparse file: 200 MB long, nothing on disk.
  writeFileSync(big, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  truncateSync(big, 200 * 1024 * 1024);
  const damaged = path.join(dir, 'damaged.epub');
  writeFileSync(damaged, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]));
  for (const [file, reason] of [[big, /huge\.epub: the story file is 200 MB, more than the 64 MB quire reads as a story, so nothing was read/], [damaged, /damaged\.epub: not a readable EPUB/]] as const) {
    const r = quire(['build', file, '--title', 'T', '--out', path.join(dir, 'out')], { node: SOURCE_CLI });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, reason);
  }
});

/** Replace one entry's compressed data in a zip (local header and central directory), declaring `size` bytes. */
function forgeEntry(zip: Buffer, name: string, data: Buffer, size: number, crc?: number): Buffer {
  const parts: Buffer[] = [];
  // Walk the local headers and rebuild the archive with the entry replaced.
  let at = 0;
  const offsets = new Map<string, number>();
  const sizes = new Map<string, { c: number; u: number }>();
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const nameLength = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    const entryName = zip.toString('utf8', at + 30, at + 30 + nameLength);
    const compressed = zip.readUInt32LE(at + 18);
    const header = Buffer.from(zip.subarray(at, at + 30 + nameLength + extra));
    let body = zip.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + compressed);
    offsets.set(entryName, parts.reduce((n, p) => n + p.length, 0));
    if (entryName === name) {
      body = data;
      header.writeUInt16LE(8, 8);
      header.writeUInt32LE(data.length, 18);
      header.writeUInt32LE(size, 22);
      if (crc !== undefined) header.writeUInt32LE(crc, 14);
    }
    sizes.set(entryName, { c: body.length, u: entryName === name ? size : header.readUInt32LE(22) });
    parts.push(header, body);
    at += 30 + nameLength + extra + compressed;
  }
  const centralStart = parts.reduce((n, p) => n + p.length, 0);
  let count = 0;
  while (zip.readUInt32LE(at) === 0x02014b50) {
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const record = Buffer.from(zip.subarray(at, at + 46 + skip));
    const entryName = record.toString('utf8', 46, 46 + nameLength);
    record.writeUInt32LE(sizes.get(entryName)!.c, 20);
    record.writeUInt32LE(sizes.get(entryName)!.u, 24);
    if (entryName === name) record.writeUInt16LE(8, 10);
    if (entryName === name && crc !== undefined) record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(offsets.get(entryName)!, 42);
    parts.push(record);
    at += 46 + skip;
    count++;
  }
  const centralSize = parts.reduce((n, p) => n + p.length, 0) - centralStart;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralStart, 16);
  parts.push(end);
  return Buffer.concat(parts);
}

/** The forged archive with a package document whose reading order is bomb.xhtml. */
function rewriteOpfSpine(zip: Buffer): Buffer {
  const opfName = 'OEBPS/content.opf';
  const opf = '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Hostile</dc:title></metadata><manifest><item id="b" href="bomb.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="b"/></spine></package>';
  return forgeEntry(zip, opfName, deflateRawSync(Buffer.from(opf)), Buffer.byteLength(opf), crc32(Buffer.from(opf)));
}
