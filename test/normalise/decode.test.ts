// Decoding raw bytes: encodings chosen and reported, mojibake repaired only when it helps, binary input refused by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { wordsOf } from '../../src/audit/index.ts';
import { QuireError } from '../../src/common/diagnostics.ts';
import { toNfc } from '../../src/normalise/ingest/clean.ts';
import { decodeBytes } from '../../src/normalise/ingest/decode.ts';
import { badness } from '../../src/normalise/ingest/badness.ts';
import { repairMojibake } from '../../src/normalise/ingest/mojibake.ts';
import { normaliseStory } from '../../src/normalise/index.ts';
import { misread } from './decoding.ts';

const text = '“Café,” she said — it’s naïve… €5.';

test('UTF-8, UTF-8 with BOM, UTF-16 LE/BE with and without BOM', () => {
  assert.deepEqual(decodeBytes(Buffer.from(text), 'a.txt'), { text, encoding: 'utf-8' });
  assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'a.txt'), { text, encoding: 'utf-8', bom: 'UTF-8' });
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), 'a.txt').text, text);
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]), 'a.txt').text, text);
  assert.equal(decodeBytes(iconv.encode('Plain story text here.', 'utf-16be'), 'a.txt').encoding, 'utf-16be');
});

test('UTF-32 LE/BE, with and without a BOM, is decoded (astral characters too), not called binary; broken UTF-32 is refused by name', () => {
  const wide = `${text} 𝄞 and 東京 🚀\n`;
  const utf32 = (s: string, le: boolean): Buffer => {
    const cps = [...s].map((c) => c.codePointAt(0)!);
    const out = Buffer.alloc(cps.length * 4);
    cps.forEach((cp, i) => (le ? out.writeUInt32LE(cp, i * 4) : out.writeUInt32BE(cp, i * 4)));
    return out;
  };
  assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(wide, true)]), 'a.txt'), { text: wide, encoding: 'utf-32le', bom: 'UTF-32LE' });
  assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(wide, false)]), 'a.txt'), { text: wide, encoding: 'utf-32be', bom: 'UTF-32BE' });
  assert.deepEqual(decodeBytes(utf32(wide, true), 'a.txt'), { text: wide, encoding: 'utf-32le' });
  assert.deepEqual(decodeBytes(utf32(wide, false), 'a.txt'), { text: wide, encoding: 'utf-32be' });
  const story = normaliseStory(utf32('Thirty-two bits wide, every one.\n', false), { file: 'wide.txt', language: 'en', notes: 'endnotes', title: 'W', idPrefix: 's01' });
  assert.equal(story.wordCount, 5);
  assert.equal(story.messages.filter((m) => m.severity === 'warning').length, 0, 'no control characters removed');
  const cut = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(wide, true).subarray(0, 10)]);
  assert.throws(() => decodeBytes(cut, 'cut.txt'), (e: unknown) => e instanceof QuireError && e.file === 'cut.txt' && /UTF-32LE text with a number of bytes that is not a multiple of 4/.test(e.message));
  const beyond = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from([0, 0, 0x11, 0])]);
  assert.throws(() => decodeBytes(beyond, 'x.txt'), /invalid UTF-32LE \(U\+110000 is no character\)/);
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

const OPTIONS = { file: 'm.txt', language: 'en', notes: 'endnotes', idPrefix: 's01', title: 'M' } as const;

test('correct text that merely contains UTF-8-like pairs is never changed, alone or on a line with real mojibake', () => {
  for (const good of ['CAFÉ’S', 'NESTLÉ®', 'Offering 5×£35', 'Charlotte Brontë…”', 'un café\u00a0»', 'Tschüß“', 'Fuß—', '“IRMÃ”', 'SÃO PAULO', 'Ångström ½ © ®']) {
    assert.equal(repairMojibake(good).text, good);
    assert.equal(badness(good), 0, good);
    assert.equal(repairMojibake(`${good} and donâ€™t`).text, `${good} and don’t`, good);
  }
});

test('UTF-8 read as Latin-1 (C1 controls for ’ “ ” –) is repaired, not stripped as control characters', () => {
  const misread = Buffer.from('Ecuador’s “purely political decision” – yes…', 'utf8').toString('latin1');
  const r = normaliseStory(Buffer.from(`${misread}\n`, 'utf8'), OPTIONS);
  assert.deepEqual(wordsOf(r.wordText), wordsOf('Ecuador’s “purely political decision” – yes…'));
  assert.ok(!r.repairs.some((x) => x.kind === 'controlChar'));
  assert.ok(r.messages.some((m) => m.rule === 'mojibake' && m.line === 1 && /iso-8859-1/.test(m.reason)));
});

test('a Windows-1252 file with one UTF-8 line is decoded line by line, and the line is reported', () => {
  const bytes = Buffer.concat([iconv.encode('“Quoted,” she said — it’s €5.\n', 'win1252'), Buffer.from('A pasted line: “Łódź” — fine.\n', 'utf8'), iconv.encode('Last line… “done”.\n', 'win1252')]);
  const d = decodeBytes(bytes, 'mixed.txt');
  assert.equal(d.text, '“Quoted,” she said — it’s €5.\nA pasted line: “Łódź” — fine.\nLast line… “done”.\n');
  assert.equal(d.encoding, 'windows-1252');
  assert.deepEqual(d.lines, [{ line: 2, encoding: 'utf-8' }]);
  const r = normaliseStory(bytes, OPTIONS);
  assert.equal(r.encoding, 'windows-1252');
  assert.ok(r.messages.some((m) => m.rule === 'decode' && m.severity === 'warning' && m.line === 2 && /utf-8/.test(m.reason)));
  assert.ok(r.repairs.some((x) => x.kind === 'encoding' && x.line === 2 && x.after === 'utf-8'));
  // A UTF-8 story with one Windows-1252 line: the story is UTF-8, line 3 is reported.
  const other = decodeBytes(Buffer.concat([Buffer.from('“One” — café\nTwo ’\n', 'utf8'), iconv.encode('Three “é”\n', 'win1252'), Buffer.from('Four ½\n', 'utf8')]), 'u.txt');
  assert.equal(other.text, '“One” — café\nTwo ’\nThree “é”\nFour ½\n');
  assert.equal(other.encoding, 'utf-8');
  assert.deepEqual(other.lines, [{ line: 3, encoding: 'windows-1252' }]);
});

test('an undefined Windows-1252 byte does not turn the file into Latin-1: only that byte is removed, reported with its line', () => {
  const bytes = Buffer.concat([iconv.encode('“Curly” quotes — kept.\n', 'win1252'), Buffer.from([0x41, 0x81, 0x42, 0x0a]), iconv.encode('And “these” too.\n', 'win1252')]);
  const r = normaliseStory(bytes, OPTIONS);
  assert.deepEqual(wordsOf(r.wordText), wordsOf('“Curly” quotes — kept. AB And “these” too.'));
  assert.ok(r.removed.some((x) => x.kind === 'controlChar' && x.line === 2 && x.text === 'U+0081'));
  assert.ok(r.messages.some((m) => m.rule === 'control-chars' && m.line === 2 && /C1/.test(m.reason)));
});

test('a line that is ambiguous alone is repaired when the rest of the story is the same misreading', () => {
  const misread = (t: string): string => iconv.decode(Buffer.from(t, 'utf8'), 'win1252');
  const story = ['“Où est l’hôtel ?” demanda-t-elle.', 'Ô', 'Il était déjà là — à côté.'].map(misread).join('\n');
  const r = repairMojibake(story);
  assert.equal(r.text, '“Où est l’hôtel ?” demanda-t-elle.\nÔ\nIl était déjà là — à côté.');
  assert.deepEqual(r.repairs.map((x) => x.line), [1, 2, 3]);
  assert.equal(repairMojibake('Ã”').text, 'Ã”');
});

test('NFC: every character and every character before a combining acute comes out as String.normalize makes it', () => {
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    assert.equal(toNfc(ch).text, ch.normalize('NFC'), `U+${c.toString(16)}`);
    assert.equal(toNfc(`${ch}\u0301`).text, `${ch}\u0301`.normalize('NFC'), `U+${c.toString(16)} + U+0301`);
  }
  for (const s of ['😀', '👍🏽', '𝅗𝅥', '丽', 'Ω', 'Å', 'e\u0301\nfine\na\u030a']) assert.equal(toNfc(s).text, s.normalize('NFC'));
  assert.deepEqual(toNfc('fine\ncafe\u0301\nfine').lines, [2]);
});

test('a story misread throughout: every line is in the repairs, the first 10 are warned about one by one, the rest in one warning', () => {
  const lines = Array.from({ length: 15 }, (_, i) => `Line ${i + 1}: “don’t” — café…`);
  const bytes = Buffer.from(iconv.decode(Buffer.from(lines.join('\n'), 'utf8'), 'win1252'), 'utf8');
  const r = normaliseStory(bytes, OPTIONS);
  assert.equal(r.repairs.filter((x) => x.kind === 'mojibake').length, 15);
  const warnings = r.messages.filter((m) => m.rule === 'mojibake');
  assert.equal(warnings.length, 11);
  assert.match(warnings[10]!.reason, /on 5 more lines/);
  assert.equal(warnings[10]!.line, 11);
});

test('a story misread throughout is repaired the same way line by line and a block at a time', () => {
  const line = (i: number): string => `?${i} “Où est l’hôtel ?” — ${i % 7 === 0 ? 'Łódź ' : ''}à côté, dit-il… ${i % 5 === 0 ? '😀' : ''}`;
  const original = Array.from({ length: 300 }, (_, i) => line(i)).join('\n');
  const bad = misread(original);
  const r = repairMojibake(bad);
  assert.equal(r.text, original);
  assert.equal(r.repairs.length, 300);
  // The same lines one by one give the same result.
  for (const [i, l] of bad.split('\n').entries()) if (i % 37 === 0) assert.equal(repairMojibake(l).text, line(i));
});
