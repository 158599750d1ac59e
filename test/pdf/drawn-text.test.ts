// The PDF audit reads what the print PDF draws: each page's content stream decoded through the fonts' ToUnicode maps, strings drawn off the page not read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { auditTexts, wordsOf } from '../../src/audit/index.ts';
import { contentTextObjects } from '../../src/render/pdf/content-text.ts';
import { layoutBook } from '../../src/render/pdf/layout/book.ts';
import { drawnPages, paintDocument, paintedStoryText, pdfStoryText, renderPdf } from '../../src/render/pdf/index.ts';
import type { PaintedPages } from '../../src/render/pdf/types.ts';
import { blocksText } from '../../src/model/types.ts';
import { bookFromMarkdown } from '../epub/book.ts';
import { renderContext } from './book.ts';

const fonts = new Map([['F1', { unicode: [[0x41], [0x42], [0x20], [0x66, 0x69]], widths: [500, 600, 250, 550] }]]);

test('content streams: strings in literal and hex form, TJ adjustments, matrices and ActualText are followed', () => {
  const stream = Buffer.from(
    [
      '1 0 0 -1 0 800 cm', // pdfkit's flip
      'q 1 0 0 -1 0 800 cm BT /F1 10 Tf',
      '1 0 0 1 100 700 Tm [(\\000\\000\\000\\001) -250 (\\000\\002\\000\\003)] TJ', // A B, kern, space fi
      '1 0 0 1 100 680 Tm [<0001> 0 <0000>] TJ',
      '1 0 0 1 100 660 Tm [] TJ /Span <</ActualText <FEFFD83DDE80>>> BDC [<0000>] TJ EMC [<0002>] TJ',
      'ET Q',
      'BT 1 0 0 1 5 5 Tm /F1 12 Tf (\\000\\001) Tj 0 -14 Td [(\\000\\000)] TJ ET',
    ].join('\n'),
  );
  const objects = contentTextObjects(stream, fonts);
  assert.equal(objects.length, 2);
  const [a, b, c] = objects[0]!;
  assert.deepEqual([a!.text, b!.text, c!.text], ['AB fi', 'BA', '🚀 ']);
  assert.deepEqual([a!.x0, a!.y0], [100, 700]);
  // 500 + 600 (A B) + 250 (the kern) + 250 + 550 (space fi), at 10 pt.
  assert.ok(Math.abs(a!.x1 - (100 + 21.5)) < 1e-9, String(a!.x1));
  // Under the page's flip only: y from the top.
  assert.deepEqual(objects[1]!.map((s) => [s.text, s.x0, s.y0]), [['B', 5, 795], ['A', 5, 809]]);
  // Unknown fonts and glyphs with no ToUnicode entry read as U+FFFD: not the meant text.
  assert.equal(contentTextObjects(Buffer.from('BT /F9 10 Tf (\\000\\001) Tj /F1 10 Tf <0009> Tj ET'), fonts)[0]!.map((s) => s.text).join(''), '\ufffd\ufffd');
});

const MARKDOWN = [
  '---\ntitle: Harbour\nauthor:\n  - A\n---\n\nThe harbour lights came on one by one, and she watched them from the wall until the last boat was in.\n\nA second paragraph, with *emphasis* and an efficient fifty-fifth fjord.\n',
  '---\ntitle: Emoji\nauthor:\n  - B\n---\n\n🚀✨ then words 🌊 and ☀ more.\n',
];

test('a real book: the text the PDF draws is the text laid out, and passes the audit (characters no font has included, through ActualText)', async () => {
  const book = bookFromMarkdown(MARKDOWN);
  const { layout } = await renderPdf(book, renderContext());
  const drawn = paintedStoryText(layout);
  const laidOut = pdfStoryText(layout);
  for (const story of book.stories) {
    assert.deepEqual(wordsOf(drawn.get(story.id) ?? ''), wordsOf(laidOut.get(story.id) ?? ''), story.id);
    assert.ok(auditTexts(blocksText(story.blocks), drawn.get(story.id) ?? '', { joinLineEndHyphens: true }).ok, story.id);
  }
  // What a worker is sent (the runs packed into flat arrays, cloned as a message is) reads the very same text.
  const sent = structuredClone(drawnPages(layout));
  assert.ok('runs' in sent && sent.runs.story instanceof Int32Array);
  assert.deepEqual(paintedStoryText(sent), drawn);
});

/** Lay the book out, let `tamper` change the layout, paint it, and audit what was drawn. */
async function auditTampered(tamper: (layout: Awaited<ReturnType<typeof layoutBook>>) => void, after?: (painted: PaintedPages) => void): Promise<{ drawn: boolean; laidOut: boolean }> {
  const book = bookFromMarkdown(MARKDOWN.slice(0, 1));
  const ctx = renderContext();
  const layout = await layoutBook(book, ctx);
  tamper(layout);
  const painted: PaintedPages = { contents: [], width: 0, height: 0, fonts: [], fallback: [] };
  await paintDocument(layout, { interactive: false, capture: painted });
  after?.(painted);
  layout.painted = painted;
  const story = book.stories[0]!;
  const expected = blocksText(story.blocks);
  return {
    drawn: auditTexts(expected, paintedStoryText(layout).get(story.id) ?? '', { joinLineEndHyphens: true }).ok,
    laidOut: auditTexts(expected, pdfStoryText(layout).get(story.id) ?? '', { joinLineEndHyphens: true }).ok,
  };
}

test('a story drawn off the page fails the audit (the layout model alone would pass it)', async () => {
  for (const shift of [{ x: 5000, y: 0 }, { x: -700, y: 0 }, { x: 0, y: 3000 }, { x: 0, y: -900 }]) {
    const result = await auditTampered((layout) => {
      const page = layout.pages.find((p) => p.runs.some((r) => r.story && r.text.includes('lights')))!;
      for (const run of page.runs) if (run.story && run.text.includes('lights')) {
        run.x += shift.x;
        run.y += shift.y;
      }
    });
    assert.deepEqual(result, { drawn: false, laidOut: true }, JSON.stringify(shift));
  }
  assert.deepEqual(await auditTampered(() => undefined), { drawn: true, laidOut: true });
});

test('a page whose glyphs decode to other characters fails the audit', async () => {
  const result = await auditTampered(
    () => undefined,
    (painted) => {
      // The ToUnicode map of the body face says another letter for the glyph of "h".
      const font = painted.fonts.find((f) => f.key === 'regular')!;
      const h = font.unicode.findIndex((cps) => cps?.length === 1 && cps[0] === 0x68);
      font.unicode[h] = [0x78];
    },
  );
  assert.deepEqual(result, { drawn: false, laidOut: true });
  let storyPage = -1;
  const dropped = await auditTampered(
    (layout) => (storyPage = layout.pages.findIndex((p) => p.runs.some((r) => r.story))),
    (painted) => {
      // The story's first page as a stream that draws nothing.
      painted.contents[storyPage] = deflateSync(Buffer.from('1 0 0 -1 0 595 cm\n'));
    },
  );
  assert.deepEqual(dropped, { drawn: false, laidOut: true });
});
