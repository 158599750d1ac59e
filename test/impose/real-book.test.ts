// A small real book laid out by the PDF renderer, imposed as a booklet: each sheet half carries exactly its source page's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleBook } from '../../src/model/book.ts';
import { parseChapter, slugify } from '../../src/model/parse.ts';
import { blocksText, type Story } from '../../src/model/types.ts';
import { Messages } from '../../src/common/diagnostics.ts';
import { renderPdf } from '../../src/render/pdf/index.ts';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';
import { imposeBooklet, pageSourceFromLayout, SHEET_SIZES } from '../../src/impose/index.ts';
import { withPdf, wordsByPage } from './sheets.ts';

const WORDS = 'harbour lantern gull tide rope salt anchor fog bell keel mast oar reef shoal wake current'.split(' ');

/** A story of `paragraphs` paragraphs of ordinary prose, deterministic. */
function story(title: string, paragraphs: number, seed: number): string {
  const body = Array.from({ length: paragraphs }, (_, p) =>
    Array.from({ length: 60 }, (_, w) => WORDS[(seed * 7 + p * 13 + w * 5) % WORDS.length]).join(' ') + '.',
  ).join('\n\n');
  return `---\ntitle: ${title}\nauthor: [Test Author]\n---\n\n${body}\n`;
}

async function smallBook(bleed = false) {
  const theme = loadTheme();
  const chapters = [story('First Light', 14, 1), story('Low Water', 9, 2)];
  const stories: Story[] = chapters.map((markdown, i) => {
    const id = `s0${i + 1}`;
    const parsed = parseChapter(markdown, `${id}.md`, id);
    return {
      id,
      slug: slugify(parsed.frontMatter.title),
      index: i + 1,
      title: parsed.frontMatter.title,
      authors: parsed.frontMatter.author,
      source: `${id}.txt`,
      opener: [],
      blocks: parsed.blocks,
      chapters: parsed.chapters,
      notes: parsed.notes,
      disclaimers: [],
      wordCount: blocksText(parsed.blocks).split(/\s+/).filter(Boolean).length,
    };
  });
  const book = assembleBook(
    { title: 'Harbour Zine', language: 'en', modified: new Date(Date.UTC(2026, 10, 21)), notes: 'endnotes' },
    stories,
    chapters,
    theme,
    DEFAULT_TEMPLATES_DIR,
    [],
  );
  return renderPdf(book, {
    theme,
    templatesDir: DEFAULT_TEMPLATES_DIR,
    options: { trim: 'a5', embedFonts: true, print: true, bleed, pad: 2 },
    messages: new Messages(),
  });
}

test('a real laid-out book: every sheet half shows exactly the words of the page the plan puts there', async () => {
  const pdf = await smallBook();
  const n = pdf.pageCount;
  assert.ok(n >= 8, `the book has some length (${n} pages)`);
  const zine = await imposeBooklet(pageSourceFromLayout(pdf.layout), { sheet: 'a4', duplex: 'short', info: { title: 'Harbour Zine', modified: new Date(0) } });
  const mid = SHEET_SIZES.a4[0] / 2;
  const sorted = (words: string[]): string[] => [...words].sort();
  withPdf(pdf.bytes, (printFile) =>
    withPdf(zine.bytes, (zineFile) => {
      const printed = wordsByPage(printFile);
      const imposed = wordsByPage(zineFile);
      assert.equal(printed.length, n);
      assert.equal(imposed.length, zine.sides);
      const pageWords = (index: number | null): string[] => (index === null ? [] : sorted(printed[index]!.map((w) => w.text)));
      let k = 0;
      for (const sheet of zine.plan.sheets) {
        for (const side of [sheet.front, sheet.back]) {
          k++;
          const words = imposed[k - 1]!;
          const left = sorted(words.filter((w) => (w.xMin + w.xMax) / 2 < mid).map((w) => w.text));
          const right = sorted(words.filter((w) => (w.xMin + w.xMax) / 2 >= mid).map((w) => w.text));
          assert.deepEqual(left, pageWords(side.left.page), `side ${k} left = page ${side.left.page === null ? 'blank' : side.left.page + 1}`);
          assert.deepEqual(right, pageWords(side.right.page), `side ${k} right = page ${side.right.page === null ? 'blank' : side.right.page + 1}`);
        }
      }
      assert.equal(k, zine.sides);
    }),
  );
  // Folios of facing pages on each side sum to N+1 wherever both pages are real and numbered.
  for (const sheet of zine.plan.sheets) {
    for (const side of [sheet.front, sheet.back]) {
      const pos = (page: number | null): number | null => (page === null ? null : zine.plan.order.indexOf(page) + 1);
      const [l, r] = [pos(side.left.page), pos(side.right.page)];
      if (l !== null && r !== null) assert.equal(l + r, zine.plan.paddedCount + 1);
    }
  }
});

test('painted pages are placed once each as Form XObjects (no repaint), bled pages cut to their trim box', async () => {
  const pdf = await smallBook(true);
  assert.ok(pdf.layout.painted, 'renderPdf keeps the painted content streams');
  assert.equal(pdf.layout.painted.contents.length, pdf.pageCount);
  const zine = await imposeBooklet(pageSourceFromLayout(pdf.layout), { sheet: 'a4', duplex: 'long', info: { title: 'Harbour Zine', modified: new Date(0) } });
  const forms = Buffer.from(zine.bytes).toString('latin1').match(/\/Subtype \/Form/g) ?? [];
  assert.equal(forms.length, pdf.pageCount, 'one Form XObject per page');
  const [sheetW, sheetH] = SHEET_SIZES.a4;
  withPdf(pdf.bytes, (printFile) =>
    withPdf(zine.bytes, (zineFile) => {
      const printed = wordsByPage(printFile);
      const imposed = wordsByPage(zineFile);
      let k = 0;
      for (const sheet of zine.plan.sheets) {
        for (const side of [sheet.front, sheet.back]) {
          k++;
          const words = imposed[k - 1]!;
          // Backs are turned (duplex long): the left slot lands on the physical right.
          const [physLeft, physRight] = k % 2 === 0 ? [side.right.page, side.left.page] : [side.left.page, side.right.page];
          const expect = (page: number | null): string[] => (page === null ? [] : printed[page]!.map((w) => w.text).sort());
          assert.deepEqual(words.filter((w) => (w.xMin + w.xMax) / 2 < sheetW / 2).map((w) => w.text).sort(), expect(physLeft), `side ${k} left`);
          assert.deepEqual(words.filter((w) => (w.xMin + w.xMax) / 2 >= sheetW / 2).map((w) => w.text).sort(), expect(physRight), `side ${k} right`);
          for (const w of words) assert.ok(w.yMin >= 0 && w.yMin <= sheetH && w.xMin >= 0 && w.xMax <= sheetW, `${w.text} on the sheet`);
        }
      }
    }),
  );
});
