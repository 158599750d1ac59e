// The print PDF read back with poppler and qpdf: fonts, structure, boxes, page parity, contents numbers, text block, every word.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { wordsOf } from '../../src/audit/index.ts';
import { checkPdf } from '../../src/check/pdf.ts';
import { blocksText, type Book } from '../../src/model/types.ts';
import { pdfStoryText, renderPdf, type LaidOutBook } from '../../src/render/pdf/index.ts';
import { craftedMarkdown, renderContext, testBook } from './book.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'quire-pdf-'));
let book: Book;
let layout: LaidOutBook;
let bytes: Uint8Array;
let file: string;
let pagesText: string[];

function pdftotext(args: string[], f = file): string {
  return execFileSync('pdftotext', [...args, f, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

before(async () => {
  book = testBook('endnotes');
  const r = await renderPdf(book, renderContext());
  layout = r.layout;
  bytes = r.bytes;
  file = path.join(dir, 'book.pdf');
  writeFileSync(file, bytes);
  pagesText = pdftotext([]).split('\f');
});

test('fonts are embedded subsets with ToUnicode; the fallback face is embedded for ∀; qpdf --check is clean', async () => {
  const r = await checkPdf(file);
  assert.ok(r.fonts.length >= 3, JSON.stringify(r.fonts));
  for (const f of r.fonts) {
    assert.ok(f.embedded, `${f.name} embedded`);
    assert.ok(f.toUnicode, `${f.name} has ToUnicode`);
    assert.ok(f.subset, `${f.name} subset`);
  }
  assert.ok(r.fonts.some((f) => /DejaVu/.test(f.name)), 'fallback face used');
  assert.deepEqual(r.findings.filter((f) => f.severity !== 'info'), []);
  assert.ok(r.ok);
  const qpdf = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
  assert.match(qpdf, /No syntax or stream encoding errors found/);
});

test('pdfinfo -box shows the A5 trim on every page; the page count is even', () => {
  const info = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', String(layout.pages.length), file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  assert.equal(pages, layout.pages.length);
  assert.equal(pages % 2, 0);
  const trims = [...info.matchAll(/^Page\s+\d+ TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/gm)];
  assert.equal(trims.length, pages);
  for (const m of trims) {
    const [x0, y0, x1, y1] = m.slice(1).map(Number) as [number, number, number, number];
    assert.ok(Math.abs(x1 - x0 - 419.53) < 0.02 && Math.abs(y1 - y0 - 595.28) < 0.02, m[0]);
  }
});

test('each story opens on an odd page, and the contents page numbers match where pdftotext finds the titles', () => {
  const contentsIndex = pagesText.findIndex((t) => /^\s*Contents\s*$/m.test(t));
  assert.ok(contentsIndex >= 0, 'a contents page');
  const contents = pdftotext(['-layout', '-f', String(contentsIndex + 1), '-l', String(contentsIndex + 1)]);
  for (const story of book.stories) {
    const m = new RegExp(`^\\s*${story.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(\\d+)\\s*$`, 'm').exec(contents);
    assert.ok(m, `contents lists ${story.title}`);
    const page = Number(m[1]);
    assert.equal(page % 2, 1, `${story.title} opens on an odd page (${page})`);
    const first = pagesText.findIndex((t, i) => i > contentsIndex && t.includes(story.title));
    assert.equal(first + 1, page, `${story.title}: contents says ${page}, pdftotext finds it first on ${first + 1}`);
    assert.equal(layout.pages[page - 1]!.kind, 'opener');
    // A multi-chapter story lists its chapters beneath it, each with the page pdftotext finds it on.
    for (const chapter of story.chapters) {
      const c = new RegExp(`^\\s+${chapter.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(\\d+)\\s*$`, 'm').exec(contents);
      assert.ok(c, `contents lists the chapter ${chapter.title}`);
      const at = pagesText.findIndex((t, i) => i >= page - 1 && t.includes(chapter.title));
      assert.equal(at + 1, Number(c[1]), `${chapter.title}: contents says ${c[1]}, pdftotext finds it on ${at + 1}`);
    }
  }
  assert.ok(book.stories.some((s) => s.chapters.length > 0), 'the test book has a multi-chapter story');
  // Openers carry no running head; blank pages carry nothing.
  for (const p of layout.pages) {
    if (p.kind === 'opener') assert.ok(!p.runs.some((r) => r.role === 'runningHead'));
    if (p.kind === 'blank') assert.equal(p.runs.length, 0);
  }
});

/** A word of pdftotext's XML as text. */
const unescaped = (w: string): string => w.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

test('no word extends past the text block (pdftotext -bbox), on rectos and versos, but for margin kerning', () => {
  const xml = pdftotext(['-bbox']);
  const pages = xml.split('<page ').slice(1);
  assert.equal(pages.length, layout.pages.length);
  let words = 0;
  pages.forEach((page, i) => {
    const block = i % 2 === 0 ? layout.textBlock.recto : layout.textBlock.verso;
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      const [x0, y0, x1, y1] = m.slice(1, 5).map(Number) as [number, number, number, number];
      words++;
      // Margin kerning: punctuation, hyphens and quotes at a line's edge hang a little (under 3 pt) into the margin.
      const left = /^[\p{P}'"]/u.test(unescaped(m[5]!)) ? 3 : 0.5;
      const right = /[\p{P}'"]$/u.test(unescaped(m[5]!)) ? 3 : 0.5;
      assert.ok(x0 >= block.x - left && x1 <= block.x + block.width + right, `page ${i + 1}: "${m[5]}" spans x ${x0}–${x1}, block ${block.x}–${block.x + block.width}`);
      assert.ok(y0 >= block.y - 2 && y1 <= block.y + block.height + 2, `page ${i + 1}: "${m[5]}" spans y ${y0}–${y1}`);
    }
  });
  assert.ok(words > 5000, `${words} words checked`);
});

test('pdftotext gives back every word of every story, in order; the layout text passes the audit exactly', () => {
  const starts = layout.pages.flatMap((p, i) => (p.kind === 'opener' ? [i] : []));
  const ends = [...starts.slice(1), layout.pages.findIndex((p, i) => i > starts[starts.length - 1]! && p.kind === 'back')];
  const laidOut = pdfStoryText(layout);
  book.stories.forEach((story, n) => {
    const expected = wordsOf(blocksText(story.blocks));
    assert.deepEqual(wordsOf(laidOut.get(story.id) ?? ''), expected, `${story.id}: layout text`);
    const text = pagesText.slice(starts[n], ends[n]).join('\n');
    const actual = wordsOf(text, { joinLineEndHyphens: true });
    // Extra words (title, byline, running heads, folios, note pointers) may interleave; story words may not be lost.
    let j = 0;
    for (let i = 0; i < expected.length; i++) {
      while (j < actual.length && actual[j] !== expected[i]) j++;
      assert.ok(j < actual.length, `${story.id}: word ${i} "${expected[i]}" not found after "${expected.slice(Math.max(0, i - 5), i).join(' ')}"`);
      j++;
    }
  });
});

test('builds are byte-identical; --print drops outline and links, the reading PDF has them', async () => {
  const again = await renderPdf(testBook('endnotes'), renderContext());
  assert.ok(Buffer.from(again.bytes).equals(Buffer.from(bytes)), 'same bytes twice');
  const text = Buffer.from(bytes).toString('latin1');
  assert.match(text, /\/Outlines/);
  assert.match(text, /\/Annots/);
  assert.match(text, /\/Dests/);
  const print = await renderPdf(testBook('endnotes'), renderContext({ print: true }));
  const printText = Buffer.from(print.bytes).toString('latin1');
  assert.doesNotMatch(printText, /\/Annots/);
  assert.doesNotMatch(printText, /\/Type \/Outlines/);
  assert.equal(layout.outline.length, book.stories.length + 3, 'contents, stories, notes, colophon');
  const ledger = layout.outline.find((e) => e.title === 'The Lighthouse Keeper’s Ledger')!;
  assert.deepEqual(ledger.children.map((c) => c.title), ['The First Night', 'The Second Night']);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /^Title:\s+Four Words and a Ledger$/m);
  assert.match(info, /^Author:\s+The Test Desk$/m);
  assert.match(info, /^CreationDate:.*2026/m);
});

test('trade trim with --bleed and --pad 4: BleedBox around the TrimBox (top, bottom, outside edge), page count a multiple of 4', async () => {
  const r = await renderPdf(testBook('keep'), renderContext({ trim: 'trade', bleed: true, pad: 4 }));
  assert.equal(r.pageCount % 4, 0);
  const f = path.join(dir, 'trade.pdf');
  writeFileSync(f, r.bytes);
  const check = await checkPdf(f);
  assert.ok(check.ok, JSON.stringify(check.findings));
  for (const b of check.boxes) {
    assert.ok(b.trim && b.bleed);
    assert.ok(Math.abs(b.trim[2] - b.trim[0] - 432) < 0.01 && Math.abs(b.trim[3] - b.trim[1] - 648) < 0.01);
    // A recto (odd page) bleeds right, a verso left: 6.125 × 9.25 in.
    assert.ok(Math.abs(b.trim[0] - (b.page % 2 === 1 ? 0 : 9)) < 0.01 && Math.abs(b.media[2] - 441) < 0.01 && Math.abs(b.media[3] - 666) < 0.01);
  }
  // The 'keep' policy prints notes in place, in the story's pages.
  const text = pdftotext([], f);
  assert.match(text, /coffee stain/);
  assert.doesNotMatch(text, /^Notes$/m);
});

test('a symbol no font has is reported by name, code point and place, never drawn silently', async () => {
  const md = craftedMarkdown().replace('The ledger began', 'The \u{1F8B0} ledger began');
  const ctx = renderContext();
  await renderPdf(testBook('drop', [md]), ctx);
  const warning = ctx.messages.list.find((m) => m.rule === 'missing-glyph');
  assert.ok(warning, 'a missing-glyph warning');
  assert.match(warning.reason, /U\+1F8B0/);
  assert.ok(warning.file && warning.line, `${warning.file}:${warning.line}`);
  assert.doesNotMatch(warning.reason, /U\+2200/, '∀ is covered by the fallback face');
});

test('a letter no font has fails the build with its place and code point; --strict fails on a symbol too', async () => {
  const md = craftedMarkdown().replace('The ledger began', 'The \u{13000} ledger began');
  await assert.rejects(renderPdf(testBook('drop', [md]), renderContext()), (e: Error & { file?: string; line?: number }) => {
    assert.match(e.message, /empty boxes: \u{13000} \(U\+13000\) ×1; .*fonts\.fallback/u);
    assert.ok(e.file && e.line && e.line > 1, `${e.file}:${e.line}`);
    return true;
  });
  const symbol = craftedMarkdown().replace('The ledger began', 'The \u{1F8B0} ledger began');
  await assert.rejects(renderPdf(testBook('drop', [symbol]), renderContext({ strict: true })), /U\+1F8B0/);
});
