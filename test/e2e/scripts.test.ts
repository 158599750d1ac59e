// The world's scripts end to end: a Japanese novel-length story and a story in nine scripts build to PDFs that pdftotext reads back (kinsoku, right-to-left lines), EPUBs that say each paragraph's language and pass epubcheck, and a character no font has fails the build with its place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { quire, run, tempDir } from './helpers.ts';
import { japaneseStory, SCRIPT_PARAGRAPHS } from '../scripts/invented.ts';

/** Lines may not start with these (closing brackets, 。、, small kana, the prolonged sound mark) nor end with opening brackets. */
const NO_LINE_START = /^[。、，．」』）〕】ーぁぃぅぇぉっゃゅょァィゥェォッャュョ]/;
const NO_LINE_END = /[「『（〔【]$/;

test('a Japanese novel-length story builds to a PDF that pdftotext reads back in order, with the line-start and line-end rules', { timeout: 240_000 }, () => {
  const dir = tempDir();
  const text = japaneseStory(120_000);
  writeFileSync(path.join(dir, 'umibe.txt'), `\ufeff${text}`);
  const r = quire(['build', 'umibe.txt', '--title', '海辺の町', '--lang', 'ja', '--formats', 'pdf', '--out', 'out'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /missing|no font/);
  const pdf = path.join(dir, 'out', 'anthology.pdf');
  const fonts = run('pdffonts', [pdf]).stdout;
  assert.match(fonts, /NotoSerifJP-Regular/);
  const read = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).stdout;
  // Every paragraph of the story, in order, in the text read back (line ends and page furniture between).
  // The running heads and folios stand between pages: left out.
  const flat = read.split('\n').filter((l) => !/^\s*(\d+|海辺の町)\s*$/.test(l)).join('').replace(/\s+/g, '');
  let at = 0;
  const paragraphs = text.split('\n').filter((p) => p.length > 40);
  assert.ok(paragraphs.length > 300, `${paragraphs.length} paragraphs`);
  for (const p of paragraphs) {
    const found = flat.indexOf(p, at);
    assert.ok(found >= 0, `paragraph not found in order: ${p.slice(0, 30)}…`);
    at = found + p.length;
  }
  const lines = read.split('\n').map((l) => l.trim()).filter((l) => /[\u3040-\u9fff]/.test(l));
  assert.ok(lines.length > 2000, `${lines.length} lines`);
  const badStart = lines.filter((l) => NO_LINE_START.test(l));
  const badEnd = lines.filter((l) => NO_LINE_END.test(l));
  assert.deepEqual(badStart, [], 'no line starts with closing punctuation or small kana');
  assert.deepEqual(badEnd, [], 'no line ends with an opening bracket');
  assert.deepEqual(lines.filter((l) => /-$/.test(l)), [], 'never hyphenated');
  // Justified without spaces: most lines of a paragraph are the full measure (same character count ± kinsoku).
  assert.ok(!/[\u3040-\u9fff] [\u3040-\u9fff]/.test(read), 'no spaces between Japanese characters');
});

test('a story in nine scripts builds without a missing glyph; Arabic and Hebrew lines are right-aligned and read right to left; the EPUB marks lang and dir and passes epubcheck', { timeout: 240_000 }, async () => {
  const dir = tempDir();
  const paragraphs = Object.values(SCRIPT_PARAGRAPHS);
  writeFileSync(path.join(dir, 'tongues.txt'), `The Many Tongues\n\n${paragraphs.join('\n\n')}\n`);
  writeFileSync(path.join(dir, 'book.yaml'), 'title: World Tongues\nlanguage: en\nstories:\n  - source: tongues.txt\n    title: The Many Tongues\n');
  const r = quire(['build', '-c', 'book.yaml', '--formats', 'epub,pdf', '--out', 'out'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, /missing-glyph|no font has|empty box/);
  const pdf = path.join(dir, 'out', 'world-tongues.pdf');
  const fonts = run('pdffonts', [pdf]).stdout;
  for (const face of ['NotoSerifJP', 'NotoSerifSC', 'GowunBatang', 'Amiri', 'NotoSerifHebrew', 'NotoSerifDevanagari']) assert.match(fonts, new RegExp(face));
  // Word boxes of the story page, by line: each right-to-left paragraph's line ends at the right edge less the
  // indent and, being short, starts well right of the left edge; pdftotext reads its words in reading order.
  const bbox = run('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-']).stdout;
  const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ x0: +m[1]!, x1: +m[2]!, y: Math.round(+m[3]!), text: m[4]! }));
  const lineOf = (test: RegExp): Array<{ x0: number; x1: number }> => {
    const y = words.find((w) => test.test(w.text))!.y;
    return words.filter((w) => Math.abs(w.y - y) <= 1);
  };
  const english = lineOf(/^English$/);
  const left = Math.min(...english.map((w) => w.x0));
  const right = Math.max(...words.filter((w) => /[А-я]/.test(w.text)).map((w) => w.x1));
  for (const script of [/[\u0600-\u06ff]/, /[\u0590-\u05ff]/]) {
    const line = lineOf(script);
    const x0 = Math.min(...line.map((w) => w.x0));
    const x1 = Math.max(...line.map((w) => w.x1));
    assert.ok(right - x1 > 5 && right - x1 < 25, `${script}: indented on the right (${x1} vs ${right})`);
    assert.ok(x0 - left > 20, `${script}: a short line flush right (${x0} vs ${left})`);
  }
  const plain = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).stdout;
  // pdftotext gives each right-to-left stretch between punctuation in reading order, with embedding marks around.
  for (const phrase of ['פסקה בעברית', 'הים היה שקט באותו בוקר', 'והספינות חיכו בנמל הישן', 'كان البحر هادئا في ذلك الصباح', 'والسفن تنتظر في الميناء القديم']) assert.ok(plain.includes(phrase), phrase);
  // (pdftotext may cut a joined Arabic word where a letter does not join the next: `عر بية`.)
  assert.match(plain.replace(/\s+/g, ''), /فقرةعربية/);
  // The EPUB: each paragraph's language and direction; epubcheck.
  const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'out', 'world-tongues.epub')));
  const page = await zip.file(/s01-.*\.xhtml$/)[0]!.async('string');
  for (const [lang, dirAttr] of [['ru', ''], ['el', ''], ['ar', ' dir="rtl"'], ['he', ' dir="rtl"'], ['hi', ''], ['zh', ''], ['ko', ''], ['ja', '']]) {
    assert.match(page, new RegExp(`<p lang="${lang}" xml:lang="${lang}"${dirAttr}>`), lang);
  }
  const check = quire(['check', path.join(dir, 'out', 'world-tongues.epub')], { cwd: dir });
  assert.equal(check.code, 0, check.stdout + check.stderr);
});

test('a character no font has fails the build naming file and line; --strict fails on a symbol no font has', { timeout: 240_000 }, () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'glyphs.txt'), 'A first paragraph of plain words.\n\nA second one, with an arrow \u{1F8B0} no font has.\n');
  const warned = quire(['build', 'glyphs.txt', '--title', 'Glyphs', '--formats', 'pdf', '--out', 'out', '--verbose'], { cwd: dir });
  assert.equal(warned.code, 0, warned.stderr);
  assert.match(warned.stderr, /glyphs\.md:\d+: no font has \u{1F8B0} \(U\+1F8B0\), drawn as an empty box/u);
  const strict = quire(['build', 'glyphs.txt', '--title', 'Glyphs', '--formats', 'pdf', '--out', 'out2', '--strict'], { cwd: dir });
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /glyphs\.md:\d+: no font has this character, the PDF would draw empty boxes: \u{1F8B0} \(U\+1F8B0\) ×1/u);
  writeFileSync(path.join(dir, 'letters.txt'), 'A first paragraph of plain words.\n\nA hieroglyph \u{13000} in the second.\n');
  const letters = quire(['build', 'letters.txt', '--title', 'Letters', '--formats', 'pdf', '--out', 'out3'], { cwd: dir });
  assert.equal(letters.code, 1);
  assert.match(letters.stderr, /letters\.md:\d+: .*U\+13000/);
});
