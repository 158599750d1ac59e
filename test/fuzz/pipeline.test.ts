// Fuzzing the whole pipeline: random bytes and hostile raw text → normalise → model → EPUB and PDF; no crash, no hang, no lost word.
// Bounded for CI; `npm run fuzz` runs it longer (FUZZ_SCALE multiplies every case count).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { auditWords, wordsOf } from '../../src/audit/index.ts';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import { QuireError, Messages } from '../../src/common/diagnostics.ts';
import { assembleBook } from '../../src/model/book.ts';
import { parseChapter } from '../../src/model/parse.ts';
import { storyFromChapter } from '../../src/model/story.ts';
import { blocksText, type Book, type Story } from '../../src/model/types.ts';
import { normaliseStory } from '../../src/normalise/index.ts';
import type { RenderContext } from '../../src/render/context.ts';
import { renderEpub } from '../../src/render/epub/index.ts';
import { epubPlainText } from '../../src/render/epub/text.ts';
import { renderPdf, paintedStoryText } from '../../src/render/pdf/index.ts';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
/** A case that takes longer than this is a hang. */
const CASE_LIMIT_MS = 10_000;
const theme = loadTheme();
const ctx = (): RenderContext => ({ theme, templatesDir: DEFAULT_TEMPLATES_DIR, messages: new Messages(), options: { trim: 'a5', embedFonts: false, print: false, bleed: false, pad: 2 } });

const fragment = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[A-Za-z]{1,10}$/) },
  { weight: 2, arbitrary: fc.constantFrom('don\'t', 'whipcord-taut', '1914-1918', 'Mr.', 'Dr.', 'café', 'U.S.S.', '’90s', 'naïve') },
  { weight: 2, arbitrary: fc.constantFrom(',', '.', '!', '?', '...', '. . .', '--', ' - ', '"', "'", '(', ')', ':', ';') },
  { weight: 2, arbitrary: fc.constantFrom('*', '_', '**', '__', '`', '[x](y)', '![i](p.png)', '<b>', '</p>', '<script>alert(1)</script>', ']]>', '<!--', '-->', '&', '&amp;', '&#0;', '\\', '|', '#', '> ', '1. ', '- ', '+ ', '{.role}', '[^1]', '[^x]: y') },
  { weight: 1, arbitrary: fc.constantFrom('🚀', '👩‍👩‍👧', '東京の夜', 'مرحبا', 'שלום', 'Ωμέγα', 'Привет', '\u200b', '\u00ad', '\ufeff', '\u2028', '\ufffd') },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0001', '\u0007', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009d', '\ud800') },
  { weight: 1, arbitrary: fc.constantFrom('A/N:', '(A/N: short note)', '[A/N: another]', 'Disclaimer: I do not own it.', 'Please review!', 'R&R', 'Chapter 2', 'Prologue') },
);
const lineOf = fc.oneof(
  { weight: 6, arbitrary: fc.array(fragment, { minLength: 1, maxLength: 20 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: fc.constantFrom('* * *', 'xXx', '~*~', ':::::::', '-o-o-', '=====', '---', '    indented code?', '\t\ttabbed') },
);
const rawText = fc
  .array(fc.tuple(lineOf, fc.constantFrom('\n', '\n\n', '\r\n', '\r', '\n\n\n')), { minLength: 1, maxLength: 25 })
  .map((pairs) => pairs.map(([l, b]) => l + b).join(''));
const encoded = fc.tuple(rawText, fc.constantFrom('utf8', 'utf8bom', 'utf16le', 'utf16be')).map(([text, enc]) => {
  if (enc === 'utf8') return Buffer.from(text, 'utf8');
  if (enc === 'utf8bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const le = Buffer.from(text, 'utf16le');
  if (enc === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  be.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
});

/** Normalise and parse one raw input into a model story; undefined when it was refused (binary) or empty. */
function storyOf(bytes: Uint8Array, n: number): { story: Story; words: string[]; markdown: string } | undefined {
  const id = `s${String(n).padStart(2, '0')}`;
  let result;
  try {
    result = normaliseStory(bytes, { file: `fuzz-${n}.txt`, language: 'en', notes: 'endnotes', title: `Fuzz ${n}`, idPrefix: id });
  } catch (error) {
    assert.ok(error instanceof QuireError, `only a QuireError may escape the normaliser, got ${String(error)}`);
    assert.match(error.format(), new RegExp(`fuzz-${n}\\.txt`));
    return undefined;
  }
  if (result.wordCount === 0) return undefined;
  const words = wordsOf(result.wordText);
  const parsed = parseChapter(result.markdown, `${id}.md`, id);
  const story = storyFromChapter(parsed, { id, index: n, source: `fuzz-${n}.txt`, markdownPath: `${id}.md`, notes: 'endnotes' });
  const audit = auditWords(words, wordsOf(blocksText(story.blocks)));
  assert.ok(audit.ok, `markdown lost words at ${audit.index}: expected ${audit.expected?.join(' ')} got ${audit.actual?.join(' ')}\n${result.markdown}`);
  return { story, words, markdown: result.markdown };
}

function bookOf(items: Array<{ story: Story; markdown: string }>): Book {
  items.forEach((item, i) => {
    item.story.index = i + 1;
  });
  return assembleBook(
    { title: 'Fuzz <b>&</b> Book', language: 'en', modified: new Date(Date.UTC(2026, 0, 1)), notes: 'endnotes' },
    items.map((i) => i.story),
    items.map((i) => i.markdown),
    theme,
    DEFAULT_TEMPLATES_DIR,
    [],
  );
}

test('random bytes: the normaliser returns or refuses with a QuireError naming the file', () => {
  let refused = 0;
  let accepted = 0;
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
      const start = performance.now();
      if (storyOf(bytes, 1)) accepted++;
      else refused++;
      assert.ok(performance.now() - start < CASE_LIMIT_MS, 'no hang');
    }),
    { numRuns: runs(1500) },
  );
  assert.ok(refused + accepted > 0);
});

test('hostile raw text in any encoding: markdown round-trips every word, EPUB and PDF text audit clean', async () => {
  const epubSample: Array<{ story: Story; markdown: string }> = [];
  let rendered = 0;
  await fc.assert(
    fc.asyncProperty(encoded, fc.nat(), async (bytes, seed) => {
      const start = performance.now();
      const made = storyOf(bytes, 1);
      if (!made) return;
      // Rendering is costlier: every 10th case goes through the EPUB renderer, every 40th through the PDF layout too.
      if (seed % 10 === 0) {
        const book = bookOf([made]);
        const epubText = (await epubPlainText(await renderEpub(book, ctx()))).get(made.story.id) ?? '';
        const epubAudit = auditWords(made.words, wordsOf(epubText));
        assert.ok(epubAudit.ok, `EPUB lost words at ${epubAudit.index}: ${epubAudit.expected?.join(' ')} → ${epubAudit.actual?.join(' ')}`);
        if (epubSample.length < 30) epubSample.push({ story: { ...made.story, id: `s${String(epubSample.length + 1).padStart(2, '0')}` }, markdown: made.markdown });
        rendered++;
      }
      if (seed % 40 === 0) {
        const pdf = await renderPdf(bookOf([made]), ctx());
        const pdfText = paintedStoryText(pdf.layout).get(made.story.id) ?? '';
        const pdfAudit = auditWords(made.words, wordsOf(pdfText));
        assert.ok(pdfAudit.ok, `PDF lost words at ${pdfAudit.index}: ${pdfAudit.expected?.join(' ')} → ${pdfAudit.actual?.join(' ')}`);
      }
      assert.ok(performance.now() - start < CASE_LIMIT_MS, 'no hang');
    }),
    { numRuns: runs(600) },
  );
  assert.ok(rendered > 0, 'some cases were rendered');
  // One book of the sampled stories through epubcheck (one JVM start).
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-fuzz-'));
  try {
    // Re-parse with the sample's ids so note and heading ids are unique in the book.
    const items = epubSample.map((item, i) => {
      const id = `s${String(i + 1).padStart(2, '0')}`;
      const markdown = item.markdown.replaceAll('[^s01-', `[^${id}-`).replace(/(\n\s+- \{?\s*id: "?)s01-/g, `$1${id}-`);
      const story = storyFromChapter(parseChapter(markdown, `${id}.md`, id), { id, index: i + 1, source: `${id}.txt`, markdownPath: `${id}.md`, notes: 'endnotes' });
      return { story, markdown };
    });
    const file = path.join(dir, 'fuzz.epub');
    writeFileSync(file, await renderEpub(bookOf(items), ctx()));
    const check = await runEpubcheck(file);
    assert.deepEqual({ fatals: check.fatals, errors: check.errors, warnings: check.warnings }, { fatals: 0, errors: 0, warnings: 0 }, JSON.stringify(check.messages.slice(0, 5)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
