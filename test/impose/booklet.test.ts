// Booklet imposition: sheet order read back with pdftotext per side, landscape sheets, blanks, duplex long, signatures, creep, marks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { imposeBooklet, planBooklet, printingInstructions, SHEET_SIZES, type SheetName } from '../../src/impose/index.ts';
import { QuireError } from '../../src/common/diagnostics.ts';
import { A5, numberSource, pageSizes, tokensOnPage, withPdf, wordsOnPage } from './sheets.ts';

const info = { title: 'Test Zine', author: 'Tester', modified: new Date('2026-01-02T03:04:05Z') };
const MM = 72 / 25.4;

/** Independent expectation: booklet position p (1-based, of `padded`) shows source page number, or null when blank. */
function numberAt(p: number, n: number, padded: number): number | null {
  if (n === 1) return p === 1 ? 1 : null;
  if (p === padded) return n;
  return p < n ? p : null;
}

for (const [n, sheet] of [
  [1, 'a4'],
  [4, 'letter'],
  [5, 'a4'],
  [8, 'a4'],
  [13, 'letter'],
  [16, 'a4'],
  [64, 'a4'],
] as Array<[number, SheetName]>) {
  test(`${n} pages on ${sheet}: each side's pages sum to N+1, every page once, blanks blank, landscape sheets`, async () => {
    const padded = Math.max(4, Math.ceil(n / 4) * 4);
    const source = numberSource(n);
    const result = await imposeBooklet(source, { sheet, duplex: 'short', info });
    assert.equal(result.sheets, padded / 4);
    assert.equal(result.sides, padded / 2);
    // Each page is painted exactly once (no second layout), fonts set up once.
    assert.deepEqual(source.calls.map((c) => c.page).sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
    assert.equal(source.setups, 1);
    withPdf(result.bytes, (file) => {
      const sizes = pageSizes(file);
      assert.equal(sizes.length, padded / 2);
      const [w, h] = SHEET_SIZES[sheet];
      for (const s of sizes) {
        assert.ok(s.width > s.height, 'landscape');
        assert.ok(Math.abs(s.width - w) < 0.5 && Math.abs(s.height - h) < 0.5, `${sheet} size, got ${s.width}×${s.height}`);
      }
      const seen: number[] = [];
      for (let i = 0; i < padded / 4; i++) {
        const sides = [
          { k: 2 * i + 1, left: padded - 2 * i, right: 1 + 2 * i },
          { k: 2 * i + 2, left: 2 + 2 * i, right: padded - 1 - 2 * i },
        ];
        for (const side of sides) {
          assert.equal(side.left + side.right, padded + 1);
          const tokens = tokensOnPage(file, side.k);
          const expected = [numberAt(side.left, n, padded), numberAt(side.right, n, padded)].filter((x): x is number => x !== null);
          assert.deepEqual(tokens, expected.map(String), `sheet ${i} side ${side.k}: positions ${side.left}+${side.right}`);
          if (n % 4 === 0) assert.equal(tokens.reduce((sum, t) => sum + Number(t), 0), n + 1, `side ${side.k} sums to n+1`);
          seen.push(...tokens.map(Number));
        }
      }
      assert.deepEqual(seen.sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i + 1), 'every page once');
    });
  });
}

test('plan: sheet i front n−2i | 1+2i, back 2+2i | n−1−2i; blanks go before the back cover', () => {
  const plan = planBooklet(13);
  assert.equal(plan.paddedCount, 16);
  assert.deepEqual(plan.order, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, null, null, null, 12]);
  const folio = (p: number | null): number | null => (p === null ? null : p + 1);
  assert.deepEqual(
    plan.sheets.map((s) => [folio(s.front.left.page), folio(s.front.right.page), folio(s.back.left.page), folio(s.back.right.page)]),
    [
      [13, 1, 2, null],
      [null, 3, 4, null],
      [12, 5, 6, 11],
      [10, 7, 8, 9],
    ],
  );
});

test('duplex long turns every back side 180°: back pages swap sides and are painted upside down; fronts unchanged', async () => {
  const short = numberSource(8);
  const long = numberSource(8);
  const a = await imposeBooklet(short, { sheet: 'a4', duplex: 'short', info });
  const b = await imposeBooklet(long, { sheet: 'a4', duplex: 'long', info });
  const mid = SHEET_SIZES.a4[0] / 2;
  const sideOf = (words: ReturnType<typeof wordsOnPage>, text: string): 'left' | 'right' => {
    const word = words.find((x) => x.text === text);
    assert.ok(word, `${text} is on the side`);
    return (word.xMin + word.xMax) / 2 < mid ? 'left' : 'right';
  };
  withPdf(a.bytes, (fa) =>
    withPdf(b.bytes, (fb) => {
      for (const [k, leftNumber, rightNumber] of [
        [1, '8', '1'],
        [3, '6', '3'],
      ] as const) {
        assert.equal(sideOf(wordsOnPage(fa, k), leftNumber), 'left');
        assert.equal(sideOf(wordsOnPage(fb, k), leftNumber), 'left');
        assert.equal(sideOf(wordsOnPage(fb, k), rightNumber), 'right');
      }
      for (const [k, leftNumber, rightNumber] of [
        [2, '2', '7'],
        [4, '4', '5'],
      ] as const) {
        assert.equal(sideOf(wordsOnPage(fa, k), leftNumber), 'left');
        assert.equal(sideOf(wordsOnPage(fa, k), rightNumber), 'right');
        assert.equal(sideOf(wordsOnPage(fb, k), leftNumber), 'right');
        assert.equal(sideOf(wordsOnPage(fb, k), rightNumber), 'left');
      }
    }),
  );
  const backPages = new Set([1, 6, 3, 4]); // 0-based pages 2, 7, 4, 5
  for (const call of long.calls) assert.equal(call.transform.rotate ?? 0, backPages.has(call.page) ? 180 : 0, `page ${call.page + 1}`);
  for (const call of short.calls) assert.equal(call.transform.rotate ?? 0, 0);
});

test('signatures: 20 pages in signatures of 2 sheets = 2+2+1 sheets, each nested on its own', async () => {
  const plan = planBooklet(20, { signature: 2 });
  assert.equal(plan.signatures, 3);
  assert.deepEqual(plan.sheets.map((s) => [s.signature, s.sheetInSignature]), [[0, 0], [0, 1], [1, 0], [1, 1], [2, 0]]);
  const result = await imposeBooklet(numberSource(20), { sheet: 'a4', duplex: 'short', signature: 2, info });
  withPdf(result.bytes, (file) => {
    const sides = Array.from({ length: result.sides }, (_, k) => tokensOnPage(file, k + 1).map(Number));
    assert.deepEqual(sides, [
      [8, 1], [2, 7], [6, 3], [4, 5],
      [16, 9], [10, 15], [14, 11], [12, 13],
      [20, 17], [18, 19],
    ]);
    // Within a signature starting after page s with m pages, each side sums to 2s + m + 1.
    for (const [k, side] of sides.entries()) {
      const sig = k < 4 ? { s: 0, m: 8 } : k < 8 ? { s: 8, m: 8 } : { s: 16, m: 4 };
      assert.equal(side[0]! + side[1]!, 2 * sig.s + sig.m + 1);
    }
  });
  assert.throws(() => planBooklet(8, { signature: 0 }), (e: unknown) => e instanceof QuireError && e.kind === 'usage' && /signature/.test(e.message));
  assert.throws(() => planBooklet(8, { creepMm: -1 }), (e: unknown) => e instanceof QuireError && /creep/.test(e.message));
});

test('creep: inner sheets move towards the spine in proportion, outer sheet stays, duplex long keeps the direction', async () => {
  const creepMm = 3;
  for (const duplex of ['short', 'long'] as const) {
    const result = await imposeBooklet(numberSource(16), { sheet: 'a4', duplex, creepMm, info });
    assert.deepEqual(result.plan.sheets.map((s) => s.front.left.creepMm), [0, 1, 2, 3]);
    const [w] = SHEET_SIZES.a4;
    const pageW = A5.width; // A5 on A4: scale 1
    withPdf(result.bytes, (file) => {
      for (let k = 1; k <= result.sides; k++) {
        const sheet = Math.floor((k - 1) / 2);
        const shift = ((creepMm * sheet) / 3) * MM;
        const words = wordsOnPage(file, k);
        assert.equal(words.length, 2);
        const centres = words.map((x) => (x.xMin + x.xMax) / 2).sort((a, b) => a - b);
        // The number is centred on its page, so its centre is the page centre.
        assert.ok(Math.abs(centres[0]! - (w / 2 - pageW / 2 + shift)) < 1, `side ${k} (${duplex}): left page centre ${centres[0]} shifted ${shift}`);
        assert.ok(Math.abs(centres[1]! - (w / 2 + pageW / 2 - shift)) < 1, `side ${k} (${duplex}): right page centre ${centres[1]}`);
      }
    });
  }
});

/** Darkest grey value in the sheet's outer band (outside any page), from a 72 dpi greyscale render of side 1. */
function darkestInMargin(bytes: Uint8Array, band: number): number {
  return withPdf(bytes, (file) => {
    const pgm = execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', file], { maxBuffer: 1 << 24 });
    const header = pgm.subarray(0, 40).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
    assert.ok(header);
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(header[0].length);
    let darkest = 255;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (x < band || x >= width - band || y < band || y >= height - band) darkest = Math.min(darkest, pixels[y * width + x]!);
      }
    }
    return darkest;
  });
}

test('marks: pages shrink inside a margin and fold/trim marks are drawn only there', async () => {
  const plain = await imposeBooklet(numberSource(4), { sheet: 'a4', duplex: 'short', info });
  const marked = numberSource(4);
  const withMarks = await imposeBooklet(marked, { sheet: 'a4', duplex: 'short', marks: true, info });
  const scale = marked.calls[0]!.transform.scale!;
  assert.ok(scale < 0.95 && scale > 0.9, `scaled to make room: ${scale}`);
  for (const call of marked.calls) {
    assert.ok(call.transform.y >= 20 - 1e-6 && call.transform.y + A5.height * scale <= SHEET_SIZES.a4[1] - 20 + 1e-6);
  }
  assert.equal(darkestInMargin(plain.bytes, 18), 255, 'no marks: margin blank');
  assert.ok(darkestInMargin(withMarks.bytes, 18) < 160, 'marks drawn in the margin');
});

test('pages scale to fit the half-sheet: A5 on A4 and digest on letter are 1:1, a larger trim shrinks', async () => {
  const a5 = numberSource(4);
  await imposeBooklet(a5, { sheet: 'a4', duplex: 'short', info });
  assert.ok(Math.abs(a5.calls[0]!.transform.scale! - 1) < 0.005);
  const digest = numberSource(4, { width: 396, height: 612 });
  await imposeBooklet(digest, { sheet: 'letter', duplex: 'short', info });
  assert.equal(digest.calls[0]!.transform.scale, 1);
  const trade = numberSource(4, { width: 432, height: 648 });
  await imposeBooklet(trade, { sheet: 'a4', duplex: 'short', info });
  assert.ok(Math.abs(trade.calls[0]!.transform.scale! - 595.28 / 648) < 1e-6);
});

test('output is reproducible and carries the given date and title', async () => {
  const a = await imposeBooklet(numberSource(12), { sheet: 'a4', duplex: 'long', creepMm: 1, info });
  const b = await imposeBooklet(numberSource(12), { sheet: 'a4', duplex: 'long', creepMm: 1, info });
  assert.deepEqual(Buffer.from(a.bytes), Buffer.from(b.bytes));
  const meta = withPdf(a.bytes, (file) => execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }));
  assert.match(meta, /^Title:\s+Test Zine$/m);
  assert.match(meta, /^CreationDate:\s+2026-01-02T03:04:05/m);
});

test('printing instructions name the sheet count, paper, duplex edge and binding', () => {
  const plan = planBooklet(13);
  const short = printingInstructions({ sheet: 'a4', duplex: 'short', file: 'x-zine.pdf' }, plan);
  assert.match(short, /x-zine\.pdf/);
  assert.match(short, /4 sheets of A4/);
  assert.match(short, /SHORT edge/);
  assert.match(short, /3 blank pages/);
  assert.match(short, /staple/i);
  const long = printingInstructions({ sheet: 'letter', duplex: 'long' }, planBooklet(40, { signature: 3, creepMm: 0.8 }));
  assert.match(long, /10 sheets of US Letter/);
  assert.match(long, /LONG edge/);
  assert.match(long, /4 signatures of up to 3 sheets/);
  assert.match(long, /0\.8 mm/);
});

test('plan property: any page count and signature size places every page once, each side of a signature sums to its size + 1, creep grows inwards', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 400 }), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), fc.double({ min: 0, max: 4, noNaN: true }), (n, signature, creepMm) => {
      const plan = planBooklet(n, { ...(signature !== undefined && { signature }), creepMm });
      assert.equal(plan.paddedCount % 4, 0);
      assert.ok(plan.paddedCount - n < 4 || n < 4);
      const placed = plan.sheets.flatMap((s) => [s.front.left, s.front.right, s.back.left, s.back.right]).map((slot) => slot.page);
      assert.deepEqual(placed.filter((p) => p !== null).sort((a, b) => a! - b!), Array.from({ length: n }, (_, i) => i));
      assert.equal(placed.length, plan.paddedCount);
      // The last source page is the back cover (position N) unless the book is a single page.
      if (n > 1) assert.equal(plan.order[plan.paddedCount - 1], n - 1);
      const position = (page: number | null): number => plan.order.indexOf(page) + 1;
      for (let sig = 0; sig < plan.signatures; sig++) {
        const sheets = plan.sheets.filter((s) => s.signature === sig);
        const first = sig * plan.sheetsPerSignature * 4; // pages before this signature
        const m = sheets.length * 4;
        for (const s of sheets) {
          for (const side of [s.front, s.back]) {
            if (side.left.page !== null && side.right.page !== null) assert.equal(position(side.left.page) + position(side.right.page), 2 * first + m + 1);
          }
          assert.ok(Math.abs(s.front.left.creepMm - (sheets.length > 1 ? (creepMm * s.sheetInSignature) / (sheets.length - 1) : 0)) < 1e-9);
        }
        assert.equal(sheets[0]!.front.left.creepMm, 0);
        if (sheets.length > 1) assert.ok(Math.abs(sheets.at(-1)!.back.right.creepMm - creepMm) < 1e-9);
      }
    }),
    { numRuns: 300 },
  );
});
