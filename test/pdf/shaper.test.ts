// The shaper's widths and glyphs equal fontkit's full layout() for real words in every theme face; the table replay of short strings equals fontkit exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { loadTheme } from '../../src/templates/theme.ts';
import { GlyphRun, Shaper } from '../../src/render/pdf/layout/text/shaper.ts';
import { OpenTypeFont } from '../../src/render/pdf/layout/text/opentype.ts';
import { layoutShort, scriptOf } from '../../src/render/pdf/layout/text/short-layout.ts';

interface FkGlyph {
  id: number;
  advanceWidth: number;
}
interface FkFont {
  layout(text: string): { glyphs: FkGlyph[]; positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }>; advanceWidth: number; script: string };
}

const theme = loadTheme();
const FACES = Object.entries(theme.fontFiles).filter((e): e is [string, string] => typeof e[1] === 'string');
const CORPUS = '/work/shared/corpus';

/** Distinct words of real books (the shared corpus when present, else the seeds), every `step`-th kept, plus awkward ones. */
function realWords(): string[] {
  const sources = existsSync(CORPUS)
    ? ['alice.txt', 'sherlock-holmes.txt', 'war-and-peace.txt', 'monte-cristo.txt'].map((f) => `${CORPUS}/${f}`)
    : ['four-words.txt', 'the-leap.txt', 'outlaws-together.txt'].map((f) => new URL(`../../seeds/${f}`, import.meta.url).pathname);
  const words = new Set<string>();
  for (const file of sources) for (const w of readFileSync(file, 'utf8').split(/\s+/)) if (w) words.add(w);
  const all = [...words];
  const step = Math.max(1, Math.floor(all.length / 3000));
  const picked = all.filter((_, i) => i % step === 0);
  // (No default-ignorable characters such as U+00AD: fontkit's layout() hides them, the shaper never sees them in a word.)
  // Every word with a ligature candidate, accents, Greek, Cyrillic or typographic punctuation is kept.
  const special = all.filter((w) => /f[fil]|[^\x20-\x7e]/.test(w));
  return [...new Set([...picked, ...special.slice(0, 2000), 'office', 'baffle', 'naïve', 'Ωmega', 'Москва', 'ἄνθρωπος', '“Well—perhaps…”', 'AVATAR', 'Tokyo’s', 'a\u2044b', 'Ǆemal'])];
}

const WORDS = realWords();
/** Reused by every glyphRun call, as the painter reuses its own (a long word grows it). */
const glyphRun = new GlyphRun();

for (const [key, file] of FACES) {
  test(`shaper widths and glyphs equal fontkit's layout() for ${WORDS.length} real words (${key})`, () => {
    const shaper = new Shaper(file);
    const fk = fontkit.openSync(file) as unknown as FkFont;
    for (const word of WORDS) {
      const run = fk.layout(word);
      assert.equal(shaper.advance(word), run.advanceWidth, `advance of ${JSON.stringify(word)}`);
      const n = shaper.glyphRun(word, glyphRun);
      const at = (a: ArrayLike<number>): number[] => Array.from({ length: n }, (_, k) => a[k]!);
      assert.deepEqual(at(glyphRun.ids), run.glyphs.map((g) => g.id), `glyphs of ${JSON.stringify(word)}`);
      assert.deepEqual(at(glyphRun.advances).map((a, k) => a + glyphRun.kerns[k]!), run.positions.map((p) => p.xAdvance), `advances of ${JSON.stringify(word)}`);
      assert.deepEqual(glyphRun.texts.slice(0, n).join(''), word.replace(/\u00ad/g, ''), `glyph texts of ${JSON.stringify(word)}`);
      assert.equal(glyphRun.positioned, false);
    }
    // A word with a mark moved onto its letter is shaped by fontkit, the mark's offsets kept: sideways ones for the
    // painter's TJ moves, one up or down marks the run as positioned (pdfkit draws it); a word longer than the run's
    // arrays grows them.
    const marked = 'x\u0332y\u0301';
    const n = shaper.glyphRun(marked, glyphRun);
    assert.equal(n, fk.layout(marked).glyphs.length);
    const positions = fk.layout(marked).positions;
    assert.deepEqual([...glyphRun.offsets.subarray(0, n)], positions.map((p) => p.xOffset));
    assert.equal(glyphRun.positioned, positions.some((p) => p.yOffset !== 0));
    assert.ok(positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0), 'the marks are moved');
    assert.deepEqual([...glyphRun.ids.subarray(0, 4)], fk.layout(marked).glyphs.map((g) => g.id));
    const long = 'Honorificabilitudinitatibus'.repeat(5);
    assert.equal(shaper.glyphRun(long, glyphRun), fk.layout(long).glyphs.length);
    assert.deepEqual([...glyphRun.ids.subarray(0, fk.layout(long).glyphs.length)], fk.layout(long).glyphs.map((g) => g.id));
  });
}

/** Characters of Latin, Greek and Cyrillic text, with punctuation and a few awkward ones. */
const CHARS = [
  ...Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i)),
  ...'àáâäæçèéêëìíîïñòóôöøœùúûüÿßÀÉÎÖÜŒĀăĄćČđĘğİıŁńŘśŠţŽ',
  ...'ΑΒΓΔαβγδεζηθλμπρστφωάέ',
  ...'АБВГДабвгдежзийклмнопрстуфхцчшщъыьэюяё',
  ...'‘’“”–—…•′″«»€£§¶†‡№™©®°×÷½ﬁ',
  '\u00ad',
  '\u200b',
  '\u2044',
  '\u0301',
];

for (const [key, file] of FACES) {
  test(`table replay of every character pair equals fontkit's layout() (${key})`, () => {
    const ot = OpenTypeFont.open(readFileSync(file));
    assert.ok(ot, 'the theme face is read from its tables');
    const fk = fontkit.openSync(file) as unknown as FkFont;
    let replayed = 0;
    const texts = [...CHARS.flatMap((a) => CHARS.map((b) => a + b)), 'ffi', 'ffl', 'ff', 'fi', 'fl', 'ffin', 'ofl', 'Th', 'fft'];
    for (const text of texts) {
      const r = layoutShort(ot, text);
      if (!r) continue;
      replayed++;
      const run = fk.layout(text);
      assert.deepEqual(r.glyphs, run.glyphs.map((g) => g.id), `glyphs of ${JSON.stringify(text)}`);
      assert.equal(r.firstAdvance, run.positions[0]!.xAdvance, `first advance of ${JSON.stringify(text)}`);
    }
    // Plain ASCII letter pairs never need fontkit.
    for (const a of 'AVTaefoy') for (const b of 'Wavo.,') assert.ok(layoutShort(ot, a + b), `${a}${b} is replayed`);
    assert.ok(replayed > texts.length / 2);
  });
}

test("scriptOf agrees with fontkit's script detection wherever it answers", () => {
  const fk = fontkit.openSync(theme.fontFiles.regular) as unknown as FkFont;
  let answered = 0;
  for (let cp = 0x20; cp < 0x2e00; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const script = scriptOf(cp);
    if (script === undefined) continue;
    answered++;
    assert.equal(script || 'zzzz', fk.layout(String.fromCodePoint(cp)).script, `U+${cp.toString(16)}`);
  }
  assert.ok(answered > 3000);
});
