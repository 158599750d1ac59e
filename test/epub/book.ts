// Test helper: builds realistic Books for the EPUB tests from markdown (parseChapter + assembleBook), and from the seeds' text.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { assembleBook, type BookInfo } from '../../src/model/book.ts';
import { escapeLine } from '../../src/model/escape.ts';
import { parseChapter } from '../../src/model/parse.ts';
import { storyFromChapter } from '../../src/model/story.ts';
import { blocksText, type Book, type NotesPolicy, type Story } from '../../src/model/types.ts';
import { Messages } from '../../src/common/diagnostics.ts';
import type { RenderContext, RenderOptions } from '../../src/render/context.ts';
import { DEFAULT_TEMPLATES_DIR, loadTheme, type Theme } from '../../src/templates/theme.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SEEDS = path.join(ROOT, 'seeds');

export function makeContext(options: Partial<RenderOptions> = {}, theme: Theme = loadTheme()): RenderContext {
  return {
    theme,
    templatesDir: DEFAULT_TEMPLATES_DIR,
    options: { trim: 'pocket' as RenderOptions['trim'], embedFonts: false, print: false, bleed: false, pad: 2, ...options },
    messages: new Messages(),
  };
}

/** Parse chapter markdown files (with front matter) into stories and assemble the book. */
export function bookFromMarkdown(chapters: string[], info: Partial<BookInfo> = {}, theme: Theme = loadTheme()): Book {
  const stories: Story[] = chapters.map((markdown, i) => {
    const id = `s${String(i + 1).padStart(2, '0')}`;
    const file = `markdown/${id}.md`;
    const parsed = parseChapter(markdown, file, id);
    return storyFromChapter(parsed, { id, index: i + 1, source: file, markdownPath: file, notes: info.notes ?? 'endnotes' });
  });
  const full: BookInfo = {
    title: 'Salt & Stars',
    subtitle: 'Three <Short> Stories',
    editor: 'Mara O’Neill',
    language: 'en',
    description: 'Three stories of the sea & the sky, edited for testing.',
    modified: new Date(Date.UTC(2026, 10, 21, 12, 30, 0)),
    notes: 'endnotes',
    ...info,
  };
  return assembleBook(full, stories, chapters, theme, DEFAULT_TEMPLATES_DIR, []);
}

/**
 * The sample stories: scene break, chapter headings (one repeating the title), emphasis, line break, quote, list,
 * inline/start/end notes (one referenced twice, one never), raw HTML, `]]>`, `&`, emoji, CJK, RTL.
 */
export const SAMPLE_CHAPTERS: string[] = [
  `---
title: "Tide & Time <script>alert('t')</script>"
author: [Ana Ruiz, "Bo <b>Lee</b>"]
summary: A harbour at night.
notes:
  - { id: "1", position: inline, line: 9 }
---

The harbour lights came on one by one, *slowly*, as if the town were **waking**.[^1]

She wrote <script>alert(1)</script> on the fogged glass & laughed; the code ended with ]]> and a stray "quote".

* * *

Morning brought gulls 🌊 and a letter from 東京, stamped twice.

مرحبا بالعالم، قالت الرسالة.

[^1]: The lights are real; I saw them in 2019.
`,
  `---
title: The Long Road
author: Cai O'Brien
notes:
  - { id: "before", position: start, line: 2 }
  - { id: "after", position: end, line: 20 }
---

## One

They left before dawn, when the road was still *blue*.

The second paragraph is indented.

## Two

By noon the road had turned to dust.

[^before]: This story was written for a workshop.

[^after]: Thanks for reading & see you soon.
`,
  `---
title: Small Hours
author: Ana Ruiz
---

## Small Hours

Nothing happened at three in the morning,  
which was the point.[^x] She said so twice.[^x]

> A quote, *inside* the story.
>
> And its second paragraph.

- milk
- **sugar**

### Later

Then the kettle sang.

[^x]: Referenced twice.

[^y]: Never referenced at all.
`,
];

export function sampleBook(info: Partial<BookInfo> & { notes?: NotesPolicy } = {}): Book {
  return bookFromMarkdown(SAMPLE_CHAPTERS, info);
}

/** Crude markdown from a seed's raw text (until src/normalise exists): paragraphs, `* * *` for rule lines, A/N and disclaimers as notes. */
export function seedMarkdown(file: string, title: string): string {
  const raw = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
  const paras = raw.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean);
  const body: string[] = [];
  const notes: string[] = [];
  const fm: string[] = [];
  paras.forEach((p, i) => {
    if (!/\p{L}/u.test(p)) body.push('* * *');
    else if (/^(A\/N|Disclaimer)\b/i.test(p)) {
      const id = `n${notes.length + 1}`;
      notes.push(`[^${id}]: ${escapeLine(p)}`);
      fm.push(`  - { id: "${id}", position: ${i === 0 ? 'start' : 'end'}, line: 1 }`);
    } else body.push(escapeLine(p));
  });
  return `---\ntitle: ${JSON.stringify(title)}\nauthor: Anonymous\n${fm.length ? `notes:\n${fm.join('\n')}\n` : ''}---\n\n${body.join('\n\n')}\n\n${notes.join('\n\n')}\n`;
}

type Normalise = (bytes: Uint8Array, options: { file: string; language: string; notes: NotesPolicy; title: string; authors: string[]; idPrefix: string }) => { markdown: string };

/** src/normalise's normaliseStory once it exists; until then the crude split above. */
async function seedNormaliser(): Promise<{ name: string; toMarkdown: (file: string, title: string, idPrefix: string) => string }> {
  const modulePath = path.join(ROOT, 'src/normalise/index.ts');
  if (existsSync(modulePath)) {
    const mod = (await import(modulePath)) as { normaliseStory?: Normalise };
    const normaliseStory = mod.normaliseStory;
    if (normaliseStory) {
      return {
        name: 'normaliseStory',
        toMarkdown: (file, title, idPrefix) =>
          normaliseStory(readFileSync(file), { file, language: 'en', notes: 'endnotes', title, authors: ['Anonymous'], idPrefix }).markdown,
      };
    }
  }
  return { name: 'crude split', toMarkdown: (file, title) => seedMarkdown(file, title) };
}

export async function seedsBook(): Promise<{ book: Book; normaliser: string }> {
  const files = [
    ['four-words.txt', 'Four Words'],
    ['the-leap.txt', 'The Leap'],
    ['outlaws-together.txt', 'Outlaws Together'],
  ] as const;
  const normaliser = await seedNormaliser();
  const chapters = files.map(([f, t], i) => normaliser.toMarkdown(path.join(SEEDS, f), t, `s${String(i + 1).padStart(2, '0')}`));
  const book = bookFromMarkdown(chapters, {
    title: 'Four Words',
    subtitle: 'Three Star Trek Stories',
    editor: 'The quire editors',
    description: 'Three short Star Trek stories.',
    modified: new Date(Date.UTC(2026, 10, 21)),
  });
  return { book, normaliser: normaliser.name };
}
