// Scripts in the PDF layout: the face per character (script faces opened only when needed), CJK break opportunities with kinsoku, bidi visual order, and the language a paragraph says in the EPUB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { detectLanguage, foreignRuns } from '../../src/common/scripts.ts';
import { renderBlocks } from '../../src/render/epub/blocks.ts';
import { fontsFor } from '../../src/render/pdf/layout/book.ts';
import { visualOrder } from '../../src/render/pdf/layout/paragraph/bidi.ts';
import { cjkPieces } from '../../src/render/pdf/layout/text/line-breaks.ts';
import { hyphenatorFor } from '../../src/render/pdf/layout/text/hyphenate.ts';
import { loadTheme } from '../../src/templates/theme.ts';
import { wordsOf } from '../../src/audit/index.ts';

const theme = loadTheme();

test('Latin, Greek and Cyrillic text opens no script face; each other script takes its own face, bold in bold', () => {
  const fonts = fontsFor(theme, 'en');
  for (const w of ['plain', 'Москва', 'ἄνθρωπος', 'naïve', '“Well—perhaps…”']) fonts.segments(w, 'regular');
  assert.deepEqual(fonts.opened().sort(), ['bold', 'boldItalic', 'fallback', 'italic', 'regular']);
  const faces = (text: string, key: 'regular' | 'bold' = 'regular'): string[] => fonts.segments(text, key).map((s) => `${s.font}:${s.text}`);
  assert.deepEqual(faces('שלום.'), ['hebrew:שלום.'], 'the full stop stays with the Hebrew letters');
  assert.deepEqual(faces('مرحبا'), ['arabic:مرحبا']);
  assert.deepEqual(faces('नमस्ते'), ['devanagari:नमस्ते']);
  assert.deepEqual(faces('안녕하세요', 'bold'), ['koreanBold:안녕하세요']);
  assert.deepEqual(faces('東京の町。'), ['japanese:東京の町。'], 'Han beside kana is Japanese');
  assert.deepEqual(faces('东京'), ['chinese:东京'], 'Han alone in an English book: the Chinese face');
  assert.deepEqual(faces('smile😀\uFE0F'), ['regular:smile', 'emoji:😀\uFE0F'], 'a stray emoji from the emoji face');
  assert.equal(fonts.missing.size, 0);
  assert.equal(fontsFor(theme, 'ja').segments('東京', 'regular')[0]!.font, 'japanese', 'a Japanese book sets Han in the Japanese face');
  const story = fonts.forLanguage('ja');
  assert.equal(story.segments('東京', 'regular')[0]!.font, 'japanese', 'so does a Japanese story in an English book');
  assert.equal(fonts.segments('東京', 'regular')[0]!.font, 'chinese', 'the book\'s own set is unchanged');
  assert.equal(fonts.forLanguage('fr'), fonts);
});

test('a script face the theme names but that is not installed is left out and named for the error', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-theme-'));
  const file = path.join(dir, 'theme.yaml');
  writeFileSync(file, 'fonts:\n  scripts:\n    hebrew:\n      regular: "@example-fonts/not-installed/Regular.ttf"\n');
  const t = loadTheme(undefined, file);
  assert.equal(t.scriptFiles.hebrew, undefined);
  assert.equal(t.scriptFontsMissing.hebrew, '@example-fonts/not-installed/Regular.ttf');
  assert.ok(t.scriptFiles.japanese, 'the other faces stay');
});

test('CJK text breaks between characters, never before closing punctuation or small kana nor after an opening bracket', () => {
  const pieces = cjkPieces('その朝、「行こう」と彼は言った。ちょっと待って');
  assert.equal(pieces.join(''), 'その朝、「行こう」と彼は言った。ちょっと待って');
  assert.ok(pieces.length > 10);
  for (const p of pieces.slice(1)) assert.doesNotMatch(p, /^[、。」っ]/, p);
  for (const p of pieces.slice(0, -1)) assert.doesNotMatch(p, /「$/, p);
  assert.deepEqual(cjkPieces('Tokyo'), ['Tokyo'], 'a Latin word stays whole');
});

test('bidi: words in visual order by their levels (rule L2)', () => {
  assert.deepEqual(visualOrder([0, 0, 0]), [0, 1, 2]);
  assert.deepEqual(visualOrder([1, 1, 1]), [2, 1, 0]);
  // An English name inside a Hebrew line keeps its own order: levels 1 1 2 2 1.
  assert.deepEqual(visualOrder([1, 1, 2, 2, 1]), [4, 2, 3, 1, 0]);
  // Hebrew words inside an English line are reversed among themselves.
  assert.deepEqual(visualOrder([0, 1, 1, 0]), [0, 2, 1, 3]);
});

test('a paragraph says its language when its script is not its story language\'s; CJK text is audited character by character', () => {
  assert.deepEqual(detectLanguage('Мы шли по улице', 'en'), { lang: 'ru' });
  assert.deepEqual(detectLanguage('הים היה שקט', 'en'), { lang: 'he', dir: 'rtl' });
  assert.deepEqual(detectLanguage('その朝、海は静かで', 'en'), { lang: 'ja' });
  assert.deepEqual(detectLanguage('那天早上海面很平静', 'en'), { lang: 'zh' });
  assert.equal(detectLanguage('その朝、海は静かで', 'ja'), undefined);
  assert.deepEqual(detectLanguage('An English line', 'ar'), { dir: 'ltr' });
  assert.equal(detectLanguage('An English line', 'fr'), undefined);
  assert.deepEqual(wordsOf('その朝、港はTokyoの2024年'), ['そ', 'の', '朝', '港', 'は', 'tokyo', 'の', '2024', '年']);
});

test('Latin hyphenation patterns for the languages quire supports; none for scripts that have no hyphenation', () => {
  const words: Record<string, string> = { en: 'extraordinary', fr: 'extraordinaire', de: 'Donaudampfschifffahrt', es: 'extraordinario', it: 'straordinario', pt: 'extraordinário', nl: 'buitengewoon' };
  for (const [language, word] of Object.entries(words)) {
    const hyphenate = hyphenatorFor(language);
    assert.ok(hyphenate, language);
    assert.ok(hyphenate(word).length > 1, `${language}: ${hyphenate(word).join('-')}`);
  }
  assert.equal(hyphenatorFor('ja'), undefined);
  assert.deepEqual(hyphenatorFor('en')!('その朝、港の上には'), [], 'English patterns never cut Japanese');
});

test('the EPUB marks runs of another script inside a paragraph with their lang and dir', () => {
  const text = 'She wrote שלום עולם on the board, then 東京の町 and Москва 2024.';
  const runs = foreignRuns(text, 'en').map((r) => [text.slice(r.start, r.end), r.lang, r.dir]);
  assert.deepEqual(runs, [['שלום עולם', 'he', 'rtl'], ['東京の町', 'ja', undefined], ['Москва 2024', 'ru', undefined]]);
  assert.deepEqual(foreignRuns('A plain English line, with “quotes” — and dashes…', 'en'), []);
  const html = renderBlocks([{ type: 'paragraph', content: [{ type: 'text', text }] }], { noteRef: () => '', ids: new Set(), language: 'en' });
  assert.match(html, /^<p class="first">She wrote <span lang="he" xml:lang="he" dir="rtl">שלום עולם<\/span> on the board, then <span lang="ja" xml:lang="ja">東京の町<\/span>/);
  // A Hebrew paragraph says its language once; its Hebrew words are not marked again.
  const hebrew = renderBlocks([{ type: 'paragraph', content: [{ type: 'text', text: 'הוא אמר Hello לחבר שלו' }] }], { noteRef: () => '', ids: new Set(), language: 'en' });
  assert.equal(hebrew, '<p class="first" lang="he" xml:lang="he" dir="rtl">הוא אמר Hello לחבר שלו</p>');
});
