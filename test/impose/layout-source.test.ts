// pageSourceFromLayout: a laid-out page list imposed through the PDF renderer's own painter, fonts embedded once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { imposeBooklet, pageSourceFromLayout } from '../../src/impose/index.ts';
import type { LaidOutBook, LaidOutPage } from '../../src/render/pdf/types.ts';
import { withPdf, wordsOnPage } from './sheets.ts';
import { execFileSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const font = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSerif.ttf');

/** A hand-made page list (A5): each page carries a word and its folio, laid out as the renderer would. */
function layout(pageCount: number): LaidOutBook {
  const pages: LaidOutPage[] = Array.from({ length: pageCount }, (_, index) => ({
    index,
    kind: 'body',
    folio: String(index + 1),
    runs: [
      { kind: 'text', x: 60, y: 100, text: `word${index + 1}`, font: 'regular', size: 14, width: 60, role: 'text', join: 'para' },
      { kind: 'text', x: 200, y: 560, text: String(index + 1), font: 'regular', size: 10, width: 10, role: 'folio', join: 'para' },
    ],
    rules: [{ kind: 'rule', x1: 60, y1: 60, x2: 360, y2: 60, width: 0.5 }],
    links: [],
    destinations: [],
  }));
  return {
    trim: { name: 'a5', width: 419.53, height: 595.28 },
    bleed: 0,
    bleedEdges: 'outside',
    fonts: { regular: font },
    pages,
    outline: [],
    textBlock: { recto: { x: 60, y: 60, width: 300, height: 480 }, verso: { x: 60, y: 60, width: 300, height: 480 } },
    gutterInches: 0.5,
    meta: { title: 'T', author: 'A', language: 'en', subject: '', modified: new Date(0) },
    missingGlyphs: [],
  };
}

test('a laid-out book imposes with its own painter: order, upside-down backs under duplex long, one embedded font', async () => {
  const result = await imposeBooklet(pageSourceFromLayout(layout(8)), { sheet: 'a4', duplex: 'long', info: { title: 'T', modified: new Date(0) } });
  withPdf(result.bytes, (file) => {
    const words = (k: number): string[] => wordsOnPage(file, k).filter((w) => w.text.startsWith('word')).sort((a, b) => a.xMin - b.xMin).map((w) => w.text);
    assert.deepEqual(words(1), ['word8', 'word1']);
    assert.deepEqual(words(3), ['word6', 'word3']);
    // Back sides turned: page 2 (left slot) ends up on the physical right.
    assert.deepEqual(words(2), ['word7', 'word2']);
    assert.deepEqual(words(4), ['word5', 'word4']);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').filter((l) => /DejaVu/.test(l));
    assert.equal(fonts.length, 1, 'the face is embedded once for all sheets');
    assert.match(fonts[0]!, /yes\s+yes/);
  });
});
