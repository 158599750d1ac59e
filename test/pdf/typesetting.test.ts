// Typesetting quality on a fixture book (a whole Holmes story, set at 6×9 in and at A5), measured on the PDF as a
// reader sees it (pdftotext -bbox-layout): the word spaces of justified lines against the natural space, lines
// ending in a hyphen and ladders of them, and pages that end short of their facing page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TrimName } from '../../src/config/schema.ts';
import { renderPdf, type LaidOutBook } from '../../src/render/pdf/index.ts';
import { FontSet } from '../../src/render/pdf/layout/text/fonts.ts';
import { loadTheme } from '../../src/templates/theme.ts';
import { markdownBook, renderContext } from './book.ts';

const STORY = readFileSync(path.join(import.meta.dirname, 'golden', 'stories', 'a-scandal-in-bohemia.md'), 'utf8');
const theme = loadTheme();
/** The natural word space of the body text. */
const SPACE = new FontSet({ ...theme.fontFiles }).width(' ', 'regular', theme.text.size);

interface Word {
  x0: number;
  y0: number;
  x1: number;
  text: string;
}

/** The lines of each page as pdftotext lays them out, words with their boxes. */
function pdfLines(file: string): Word[][][] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const unescape = (t: string): string => t.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return xml
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<line\b[^>]*>([\s\S]*?)<\/line>/g)].map((l) =>
        [...l[1]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), text: unescape(m[4]!) })),
      ),
    );
}

interface Metrics {
  /** Per justified line: its mean word space as a multiple of the natural space. */
  spaces: number[];
  hyphenLines: number;
  textPages: number;
  longestRun: number;
}

/**
 * Justified lines are the lines of the text block (running head and folio left out) that reach its right edge:
 * within 3 pt of it, as margin kerning lets punctuation and hyphens hang past it. A line ending in a hyphen
 * counts towards the hyphen lines and the run of them.
 */
function measure(layout: LaidOutBook, pages: Word[][][]): Metrics {
  const m: Metrics = { spaces: [], hyphenLines: 0, textPages: 0, longestRun: 0 };
  pages.forEach((lines, i) => {
    if (layout.pages[i]!.kind !== 'body') return;
    const block = i % 2 === 0 ? layout.textBlock.recto : layout.textBlock.verso;
    // The text block's lines: below the running head, above the folio.
    const body = lines.filter((l) => l.length > 0 && l[0]!.y0 > block.y + theme.text.size * 1.5 && l[0]!.y0 < block.y + block.height - theme.text.size * 2);
    m.textPages++;
    let run = 0;
    for (const l of body) {
      const full = l[l.length - 1]!.x1 >= block.x + block.width - 0.5;
      const gaps = l.slice(1).map((w, k) => w.x0 - l[k]!.x1);
      if (full && gaps.length) m.spaces.push(gaps.reduce((a, b) => a + b, 0) / gaps.length / SPACE);
      if (full && /[-\u00ad\u2010]$/.test(l[l.length - 1]!.text)) {
        m.hyphenLines++;
        m.longestRun = Math.max(m.longestRun, ++run);
      } else run = 0;
    }
  });
  return m;
}

async function measured(trim: TrimName): Promise<{ layout: LaidOutBook; m: Metrics }> {
  const { bytes, layout } = await renderPdf(markdownBook([STORY], 'A Scandal', 'endnotes'), renderContext({ trim }));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'quire-typeset-')), 'book.pdf');
  writeFileSync(file, bytes);
  return { layout, m: measure(layout, pdfLines(file)) };
}

for (const trim of ['trade', 'a5'] as const) {
  test(`typesetting at ${trim}: no word space over 2× natural, 99th percentile ≤ 1.5×, ≤ 0.6 hyphenated lines a page, never three in a row`, async () => {
    const { m } = await measured(trim);
    const spaces = [...m.spaces].sort((a, b) => a - b);
    assert.ok(spaces.length > 300, `${spaces.length} justified lines measured`);
    const p99 = spaces[Math.min(spaces.length - 1, Math.floor(0.99 * spaces.length))]!;
    const widest = spaces[spaces.length - 1]!;
    assert.ok(widest <= 2, `widest justified line ${widest.toFixed(2)}× the natural space`);
    assert.ok(p99 <= 1.5, `99th percentile word space ${p99.toFixed(2)}×`);
    // The justified lines are set evenly: half of them within a tenth of the natural space.
    assert.ok(spaces[Math.floor(spaces.length / 2)]! <= 1.1, `median word space ${spaces[Math.floor(spaces.length / 2)]!.toFixed(2)}×`);
    assert.ok(m.hyphenLines / m.textPages <= 0.6, `${m.hyphenLines} hyphenated lines on ${m.textPages} pages`);
    assert.ok(m.longestRun <= 2, `${m.longestRun} hyphenated lines in a row`);
  });
}

test('pages inside a story end on the last line of the grid, or on the same line as the facing page', async () => {
  const { layout } = await measured('trade');
  /** Per page: the baseline of its lowest line of story text (undefined: none). */
  const foot = layout.pages.map((p) => (p.kind === 'body' || p.kind === 'opener' ? Math.max(-1, ...p.runs.filter((r) => r.story !== undefined).map((r) => r.y)) : -1));
  const last = Math.max(...foot);
  let checked = 0;
  for (let i = 0; i + 1 < layout.pages.length; i++) {
    // Inside the story: the next page goes on with it.
    if (foot[i]! < 0 || layout.pages[i + 1]!.kind !== 'body' || foot[i + 1]! < 0) continue;
    checked++;
    const facing = i % 2 === 1 ? i + 1 : i - 1;
    const balanced = foot[facing] !== undefined && Math.abs(foot[facing]! - foot[i]!) < 0.01;
    assert.ok(Math.abs(foot[i]! - last) < 0.01 || balanced, `page ${i + 1} ends at ${foot[i]!.toFixed(1)}, the grid at ${last.toFixed(1)}, its facing page at ${foot[facing]?.toFixed(1)}`);
  }
  assert.ok(checked > 15, `${checked} pages checked`);
});
