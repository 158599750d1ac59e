// Test helper: a realistic anthology for the PDF tests — the seeds through the real normaliser plus a crafted story.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Messages } from '../../src/common/diagnostics.ts';
import { assembleBook } from '../../src/model/book.ts';
import { parseChapter } from '../../src/model/parse.ts';
import { storyFromChapter } from '../../src/model/story.ts';
import type { Book, NotesPolicy } from '../../src/model/types.ts';
import { normaliseStory } from '../../src/normalise/index.ts';
import type { RenderContext, RenderOptions } from '../../src/render/context.ts';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';

const SEEDS = path.resolve(import.meta.dirname, '../../seeds');

/** A story with what the layout must handle: chapters, scene breaks, emphasis, quotes, lists, notes, long words, fallback glyphs. */
export const CRAFTED = `---
title: The Lighthouse Keeper’s Ledger
author: [Maren Holt]
notes:
  - { id: s04-n1, position: inline, line: 12 }
  - { id: s04-n2, position: end, line: 40 }
---

## The First Night

The ledger began on a Tuesday, which the keeper considered *unlucky* for no reason she could name. The wind came off the water in long, uneven breaths, and the lamp turned with the patience of something that had never been asked to hurry.

She wrote the date, the weather, and the state of the oil, then sat for a long while with the pen lifted, as if waiting for the page to tell her what else belonged there.[^s04-n1]

Outside, the gulls argued over a fish head until the tide took it. Inside, the kettle ticked as it cooled; the clock ticked as it did not.

* * *

By morning the fog had come in so thick that the rocks below the tower were only a rumour of themselves, and the foghorn’s voice — low, patient, absurdly tender — went out every thirty seconds into the grey.

> I have kept this light for eleven years, and it has never once asked me why.

She counted what was left in the stores:

- three tins of pilchards,
- a sack of flour gone slightly damp,
- one jar of marmalade, which she was saving for an occasion ∀ of her own choosing.

## The Second Night

The supply boat did not come. The keeper, who had expected as much, took inventory of her patience and found it adequate, though only just; she wrote *adequate* in the ledger and underlined it twice, in the way her predecessor had underlined every third word of his own increasingly eccentric entries.

Pneumonoultramicroscopicsilicovolcanoconiosis was the longest word in the dictionary that had been left on the shelf, and she read its definition aloud to the lamp, which did not reply.

[^s04-n1]: The ledger survives; the coffee stain on this page is still visible.
[^s04-n2]: Written on the back of a tide table found in the ledger.
`;

/** A paragraph long enough to fill pages, used to push the crafted story across several pages. */
function filler(n: number): string {
  const sentences = [
    'The keeper walked the gallery twice before dawn, checking the glass for salt and the brass for the green bloom that came whenever she neglected it for a day.',
    'Somewhere below, the sea worked at the rock with the unhurried industry of a thing that has never been told it cannot win.',
    'She thought of the mainland, of bakeries and arguments and the particular noise of a crowded room, and found that she did not miss them as much as she had promised herself she would.',
  ];
  return Array.from({ length: n }, (_, i) => sentences[i % sentences.length]).join(' ');
}

export function craftedMarkdown(): string {
  const extra = Array.from({ length: 14 }, (_, i) => (i % 5 === 4 ? '* * *' : filler(3 + (i % 4)))).join('\n\n');
  return CRAFTED.replace('## The Second Night', `${extra}\n\n## The Second Night`);
}

export function renderContext(options: Partial<RenderOptions> = {}): RenderContext {
  return {
    theme: loadTheme(),
    templatesDir: DEFAULT_TEMPLATES_DIR,
    options: { trim: 'a5', embedFonts: true, print: false, bleed: false, pad: 2, ...options },
    messages: new Messages(),
  };
}

/** The seeds (normalised for real) plus the crafted story, assembled with the templates. */
export function testBook(notes: NotesPolicy = 'endnotes', extraMarkdown: string[] = [craftedMarkdown()]): Book {
  const seeds = [
    ['four-words.txt', 'Four Words'],
    ['the-leap.txt', 'The Leap'],
    ['outlaws-together.txt', 'Outlaws Together'],
  ] as const;
  const markdowns: string[] = [];
  seeds.forEach(([file, title], i) => {
    const normalised = normaliseStory(new Uint8Array(readFileSync(path.join(SEEDS, file))), {
      file: `seeds/${file}`,
      language: 'en',
      notes,
      title,
      authors: ['Anonymous'],
      idPrefix: `s0${i + 1}`,
    });
    markdowns.push(normalised.markdown);
  });
  markdowns.push(...extraMarkdown);
  const stories = markdowns.map((md, i) => {
    const id = `s0${i + 1}`;
    return storyFromChapter(parseChapter(md, `markdown/${id}.md`, id), { id, index: i + 1, source: `story-${i + 1}`, markdownPath: `markdown/${id}.md`, notes });
  });
  return assembleBook(
    { title: 'Four Words and a Ledger', subtitle: 'Test Stories', editor: 'The Test Desk', language: 'en', modified: new Date('2026-11-21T00:00:00Z'), notes },
    stories,
    markdowns,
    loadTheme(),
    DEFAULT_TEMPLATES_DIR,
    [],
  );
}

/** A book of the given chapters (markdown), one story each, as the layout tests build it. */
export function markdownBook(markdowns: string[], title: string, notes: NotesPolicy): Book {
  const stories = markdowns.map((md, i) => {
    const id = `s0${i + 1}`;
    return storyFromChapter(parseChapter(md, `markdown/${id}.md`, id), { id, index: i + 1, source: `story-${i + 1}`, markdownPath: `markdown/${id}.md`, notes });
  });
  const info = { title, editor: 'The Test Desk', language: 'en', modified: new Date('2026-11-21T00:00:00Z'), notes };
  return assembleBook(info, stories, markdowns, loadTheme(), DEFAULT_TEMPLATES_DIR, []);
}
