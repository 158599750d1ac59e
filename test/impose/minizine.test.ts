// Mini-zine imposition: the 4×2 panel order read back with pdftotext, top row upside down, blanks, the >8 pages error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imposeMiniZine, planMiniZine, printingInstructions, SHEET_SIZES } from '../../src/impose/index.ts';
import { QuireError } from '../../src/common/diagnostics.ts';
import { numberSource, pageSizes, withPdf, wordsOnPage } from './sheets.ts';

const info = { title: 'Mini', modified: new Date('2026-01-02T03:04:05Z') };

/** Numbers read off the single sheet, per row, left to right. */
function rows(bytes: Uint8Array, sheetHeight: number): { top: string[]; bottom: string[] } {
  return withPdf(bytes, (file) => {
    const sizes = pageSizes(file);
    assert.equal(sizes.length, 1, 'one sheet side');
    assert.ok(sizes[0]!.width > sizes[0]!.height, 'landscape');
    const words = wordsOnPage(file, 1).sort((a, b) => a.xMin - b.xMin);
    return {
      top: words.filter((w) => w.yMin < sheetHeight / 2).map((w) => w.text),
      bottom: words.filter((w) => w.yMin >= sheetHeight / 2).map((w) => w.text),
    };
  });
}

test('8 pages: bottom row 6 7 8 1, top row 5 4 3 2 painted upside down, each page once', async () => {
  const source = numberSource(8);
  const result = await imposeMiniZine(source, { sheet: 'a4', info });
  assert.deepEqual(rows(result.bytes, SHEET_SIZES.a4[1]), { top: ['5', '4', '3', '2'], bottom: ['6', '7', '8', '1'] });
  assert.equal(source.calls.length, 8);
  for (const call of source.calls) assert.equal(call.transform.rotate, [1, 2, 3, 4].includes(call.page) ? 180 : 0, `page ${call.page + 1}`);
  // A5 pages on an A4 sheet's eighth (A7) are scaled to exactly half.
  assert.ok(Math.abs(source.calls[0]!.transform.scale! - 0.5) < 0.002);
});

test('5 pages on letter: blanks fill positions 5–7, the last page is the back cover', async () => {
  const result = await imposeMiniZine(numberSource(5), { sheet: 'letter', info });
  // Positions: top 5 4 3 2 → blank 4 3 2; bottom 6 7 8 1 → blank blank 5 1.
  assert.deepEqual(rows(result.bytes, SHEET_SIZES.letter[1]), { top: ['4', '3', '2'], bottom: ['5', '1'] });
  assert.deepEqual(
    result.plan.panels.filter((p) => p.page === null).map((p) => p.position).sort(),
    [5, 6, 7],
  );
});

test('more than 8 pages is an error that says how many pages the content needs', async () => {
  assert.throws(() => planMiniZine(11), (e: unknown) => e instanceof QuireError && /holds 8 pages/.test(e.message) && /needs 11/.test(e.message));
  await assert.rejects(imposeMiniZine(numberSource(9), { sheet: 'a4', info }), (e: unknown) => e instanceof QuireError && /needs 9/.test(e.message));
});

test('mini-zine marks and instructions', async () => {
  const marked = numberSource(8);
  await imposeMiniZine(marked, { sheet: 'a4', marks: true, info });
  for (const call of marked.calls) assert.ok(call.transform.x >= 20 && call.transform.y >= 20, 'pages inside the mark margin');
  const text = printingInstructions({ sheet: 'letter', marks: true }, planMiniZine(8));
  assert.match(text, /1 sheet of US Letter .*, one side only/);
  assert.match(text, /cut/i);
  assert.match(text, /solid line/);
});
