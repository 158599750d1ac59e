// Decoding raw bytes: encodings chosen and reported, mojibake repaired only when it helps, binary input refused by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { wordsOf } from '../../src/audit/index.ts';
import { QuireError } from '../../src/common/diagnostics.ts';
import { decodeBytes } from '../../src/normalise/ingest/decode.ts';
import { badness, repairMojibake } from '../../src/normalise/ingest/mojibake.ts';
import { normaliseStory } from '../../src/normalise/index.ts';

const text = '“Café,” she said — it’s naïve… €5.';

test('UTF-8, UTF-8 with BOM, UTF-16 LE/BE with and without BOM', () => {
  assert.deepEqual(decodeBytes(Buffer.from(text), 'a.txt'), { text, encoding: 'utf-8' });
  assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'a.txt'), { text, encoding: 'utf-8', bom: 'UTF-8' });
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), 'a.txt').text, text);
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]), 'a.txt').text, text);
  assert.equal(decodeBytes(iconv.encode('Plain story text here.', 'utf-16be'), 'a.txt').encoding, 'utf-16be');
});

test('Windows-1252 is decoded with iconv-lite (curly quotes, euro, ellipsis), not as Latin-1 controls', () => {
  const d = decodeBytes(iconv.encode(text, 'win1252'), 'a.txt');
  assert.equal(d.encoding, 'windows-1252');
  assert.equal(d.text, text);
});

test('binary input is a QuireError naming the file', () => {
  for (const bytes of [Buffer.from('%PDF-1.7\n...'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), Buffer.from('text\0with\0nul\0bytes and more'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0])]) {
    assert.throws(() => normaliseStory(bytes, { file: 'stories/bad.bin', language: 'en', notes: 'endnotes', idPrefix: 's01' }), (e: unknown) => e instanceof QuireError && e.file === 'stories/bad.bin' && /not a text file/.test(e.message));
  }
  assert.throws(() => decodeBytes(Buffer.from([0xff, 0xfe, 0x41]), 'odd.txt'), QuireError);
});

test('mojibake is repaired (once and twice encoded) and reported by line; correct text is untouched', () => {
  const once = Buffer.from(iconv.encode('don’t “stop”', 'utf8')).toString('latin1');
  const misread = iconv.decode(Buffer.from('I don’t know — “really”', 'utf8'), 'win1252');
  assert.equal(repairMojibake(`fine\n${misread}`).text, 'fine\nI don’t know — “really”');
  assert.equal(repairMojibake(`fine\n${misread}`).repairs[0]!.line, 2);
  const twice = iconv.decode(Buffer.from(misread, 'utf8'), 'win1252');
  assert.equal(repairMojibake(twice).text, 'I don’t know — “really”');
  for (const good of ['São Paulo, façade, Âge, Ã la carte', 'naïve café résumé', 'Ångström ½ © ®']) {
    assert.equal(repairMojibake(good).text, good);
    assert.equal(badness(good), 0);
  }
  void once;
});

test('control characters and CRLF are cleaned and reported; NFC applied', () => {
  const r = normaliseStory(Buffer.from('One\x07 two\r\nthree\x1b.\r\n\r\nCafe\u0301.\r\n'), { file: 'c.txt', language: 'en', notes: 'endnotes', idPrefix: 's01', title: 'C' });
  assert.deepEqual(wordsOf(r.wordText), ['one', 'two', 'three', 'café']);
  assert.ok(r.repairs.some((x) => x.kind === 'controlChar' && x.line === 1));
  assert.ok(r.repairs.some((x) => x.kind === 'lineEnding'));
  assert.ok(r.repairs.some((x) => x.kind === 'nfc' && x.line === 4));
  assert.ok(r.messages.some((m) => m.rule === 'control-chars' && m.line === 2));
});
