// The plain-paragraph setter gives exactly the lines of the general setter (setParagraph over inlineWords) for plain content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Inline } from '../../src/model/types.ts';
import { loadTheme } from '../../src/templates/theme.ts';
import { FontSet } from '../../src/render/pdf/layout/fonts.ts';
import { hyphenatorFor } from '../../src/render/pdf/layout/hyphenate.ts';
import { inlineWords, setParagraph, type SetOptions } from '../../src/render/pdf/layout/paragraph.ts';
import { plainWords, setPlainParagraph } from '../../src/render/pdf/layout/plain-paragraph.ts';

const theme = loadTheme();
const fonts = new FontSet({ ...theme.fontFiles });
const hyphenate = hyphenatorFor('en')!;

/** Real words (punctuation, dashes, long words) from a seed story, plus a few awkward ones. */
const VOCABULARY = [
  ...new Set(
    readFileSync(new URL('../../seeds/four-words.txt', import.meta.url), 'utf8')
      .split(/\s+/)
      .filter((w) => w && !/[<>]/.test(w)),
  ),
  'well—perhaps',
  'twenty-three',
  'extraordinarily',
  'Supercalifragilisticexpialidocious-ly',
  'a'.repeat(90),
  'naïve',
  'Ωmega',
  '∀x',
  'non\u00a0breaking',
  '“Quoted,”',
];

const inline: fc.Arbitrary<Inline[]> = fc
  .array(
    fc.record({
      words: fc.array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 12 }),
      style: fc.constantFrom('text', 'text', 'text', 'emphasis', 'strong'),
      glue: fc.constantFrom(' ', ' ', '', '\n'),
    }),
    { minLength: 0, maxLength: 14 },
  )
  .map((runs) =>
    runs.map(({ words, style, glue }): Inline => {
      const text: Inline = { type: 'text', text: words.join(' ') + glue };
      return style === 'text' ? text : { type: style, children: [text] };
    }),
  );

const options = fc.record({
  lineWidth: fc.constantFrom(120, 260, 300.5),
  indent: fc.constantFrom(0, 12),
  align: fc.constantFrom('justify', 'left', 'center', 'right'),
  hyphenate: fc.boolean(),
  method: fc.constantFrom('knuth-plass', 'greedy'),
  story: fc.constantFrom(undefined, 's01'),
});

test('plain paragraphs: identical lines to the general setter (property)', () => {
  let plainSet = 0;
  fc.assert(
    fc.property(inline, options, fc.constantFrom('regular', 'italic'), fc.constantFrom(10.5, 9.45), (content, o, font, size) => {
      const opts: SetOptions = {
        lineWidth: o.lineWidth,
        indent: o.indent,
        align: o.align as SetOptions['align'],
        method: o.method as SetOptions['method'],
        ...(o.hyphenate && { hyphenate }),
        ...(o.story !== undefined && { story: o.story }),
      };
      const general = setParagraph(fonts, inlineWords(content, { size, font: font as 'regular', role: 'text' }), opts);
      const words = plainWords(content, font as 'regular');
      const plain = words && setPlainParagraph(fonts, words, size, 'text', opts);
      if (!plain) return;
      plainSet++;
      assert.deepEqual(plain, general);
    }),
    { numRuns: Number(process.env.PLAIN_RUNS ?? 400) },
  );
  assert.ok(plainSet > 100, `most generated paragraphs are plain (${plainSet})`);
});

test('content that is not plain is left to the general setter', () => {
  assert.equal(plainWords([{ type: 'text', text: 'a' }, { type: 'noteRef', noteId: 'n1' }], 'regular'), undefined);
  assert.equal(plainWords([{ type: 'text', text: 'a' }, { type: 'lineBreak' }, { type: 'text', text: 'b' }], 'regular'), undefined);
  // An emphasised word with a regular comma attached is one word in two faces.
  assert.equal(plainWords([{ type: 'emphasis', children: [{ type: 'text', text: 'word' }] }, { type: 'text', text: ', then' }], 'regular'), undefined);
  assert.deepEqual(plainWords([{ type: 'emphasis', children: [{ type: 'text', text: 'word' }] }, { type: 'text', text: ' then' }], 'regular'), { texts: ['word', 'then'], faces: ['italic', 'regular'] });
  // A word needing the fallback face is not plain: the general setter splits it into faces.
  const words = plainWords([{ type: 'text', text: 'see ∀x here' }], 'regular')!;
  assert.equal(setPlainParagraph(fonts, words, 10.5, 'text', { lineWidth: 300, indent: 0, align: 'justify' }), undefined);
});
