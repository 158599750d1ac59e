// Golden test of the PDF typesetting: stories (markdown) → laid-out pages, written as readable text — every page,
// every line's position and words, hyphenations, faces, running heads and folios (UPDATE_GOLDEN=1 rewrites them).
//
// The inputs are fixed markdown (golden/stories/), so only a change in the layout (line breaking, shaping, page
// breaking, geometry, templates) changes these files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NotesPolicy } from '../../src/model/types.ts';
import type { RenderOptions } from '../../src/render/context.ts';
import { layoutBook, type LaidOutBook, type TextRun } from '../../src/render/pdf/index.ts';
import { craftedMarkdown, markdownBook, renderContext } from './book.ts';

const GOLDEN = path.join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const story = (name: string): string => readFileSync(path.join(GOLDEN, 'stories', `${name}.md`), 'utf8');
const SEEDS = (): string[] => [story('four-words'), story('the-leap'), story('outlaws-together'), craftedMarkdown()];
const SCANDAL = (): string[] => [story('a-scandal-in-bohemia')];

interface Case {
  name: string;
  title: string;
  stories: () => string[];
  notes: NotesPolicy;
  options: Partial<RenderOptions>;
}

const CASES: Case[] = [
  // The seeds and a story with chapters, emphasis, notes, a list, a quote, scene breaks, a giant word and a fallback glyph.
  { name: 'anthology-a5', title: 'Four Words and a Ledger', stories: SEEDS, notes: 'endnotes', options: { trim: 'a5' } },
  { name: 'anthology-trade-keep-print', title: 'Four Words and a Ledger', stories: SEEDS, notes: 'keep', options: { trim: 'trade', print: true } },
  // A whole chapter of a real book at two trims.
  { name: 'scandal-a5', title: 'A Scandal', stories: SCANDAL, notes: 'endnotes', options: { trim: 'a5' } },
  { name: 'scandal-trade', title: 'A Scandal', stories: SCANDAL, notes: 'endnotes', options: { trim: 'trade' } },
];

async function layoutOf(c: Case): Promise<LaidOutBook> {
  return layoutBook(markdownBook(c.stories(), c.title, c.notes), renderContext(c.options));
}

/** A run's text marked with its face (_italic_, **bold**, ⟨fallback⟩) and, for a note reference, ^[label]. */
function marked(run: TextRun): string {
  const t = run.text;
  if (run.role === 'noteRef') return `^[${t}]`;
  switch (run.font) {
    case 'italic':
      return `_${t}_`;
    case 'bold':
      return `**${t}**`;
    case 'boldItalic':
      return `**_${t}_**`;
    case 'fallback':
      return `⟨${t}⟩`;
    default:
      return t;
  }
}

const fixed = (n: number): string => n.toFixed(1).padStart(6);

/**
 * The layout as text: per page its number, kind and folio; per line its baseline and left edge (points from the
 * trim's top-left), the role of its first run when not story text, and its runs joined as they join (a space, or
 * nothing inside a word). A hyphen added by line breaking is written `-·` so it differs from a hyphen of the text.
 */
export function layoutText(layout: LaidOutBook): string {
  const out: string[] = [`trim ${layout.trim.name}, ${layout.pages.length} pages, gutter ${layout.gutterInches} in`];
  for (const page of layout.pages) {
    out.push('', `— page ${page.index + 1} (${page.kind})${page.folio !== undefined ? `, folio ${page.folio}` : ''}`);
    let line: { y: number; x: number; role: string; text: string } | undefined;
    const flush = (): void => {
      if (line) out.push(`${fixed(line.y)} ${fixed(line.x)} ${line.role ? `[${line.role}] ` : ''}${line.text}`);
    };
    for (const run of page.runs) {
      // A note reference is raised above its line's baseline; every other run of a line stands on it.
      if (!line || (run.role !== 'noteRef' && Math.abs(run.y - line.y) > 0.01)) {
        flush();
        line = { y: run.y, x: run.x, role: run.role === 'text' ? '' : run.role, text: '' };
      } else if (run.join !== 'none') line.text += ' ';
      line.text += marked(run) + (run.addedHyphen ? '·' : '');
    }
    flush();
  }
  return `${out.join('\n')}\n`;
}

for (const c of CASES) {
  test(`PDF layout golden: ${c.name}`, async () => {
    const file = path.join(GOLDEN, `${c.name}.txt`);
    const actual = layoutText(await layoutOf(c));
    if (UPDATE || !existsSync(file)) {
      writeFileSync(file, actual);
      if (!UPDATE) assert.fail(`${file} did not exist: written; check it and run again`);
      return;
    }
    assert.equal(actual, readFileSync(file, 'utf8'), `layout of ${c.name} differs from ${file} (UPDATE_GOLDEN=1 rewrites it after a deliberate change)`);
  });
}
