// Sets plain paragraphs (each word one face, no notes, links, line breaks or letter spacing) from word texts, with no per-word objects: the same lines as setParagraph, less garbage.
//
// 98 % of a novel's words are in such paragraphs. setParagraph builds a Piece, a Word and a measured copy per
// word and places lines through generic run merging; here a paragraph is two arrays (texts, faces) and each line
// is placed directly from the break points. test/pdf/plain-paragraph.test.ts checks that both give identical lines.
import type { Inline } from '../../../model/types.js';
import type { FontKey, RunRole, TextRun } from '../types.js';
import type { FontSet } from './fonts.js';
import type { Hyphenator } from './hyphenate.js';
import { BOX } from './knuth-plass.js';
import { breakItems } from './linebreak.js';
import { buildItems, FORCED, HYPHEN } from './paragraph-items.js';
import { boldOf, INVISIBLE, italicOf, PRETOLERANCE, SPACE, spacing, type SetLine, type SetOptions } from './paragraph.js';
import { unitOf, unitPair, type UnitPair, type WordUnit } from './word-units.js';

/** A plain paragraph: its words and the face of each. */
export interface PlainWords {
  texts: string[];
  faces: FontKey[];
}

/**
 * The words of inline content split as inlineWords splits them, or undefined when the content is not plain: a
 * note reference, a line break, or a word that changes face inside (e.g. an emphasised word and its comma).
 */
export function plainWords(content: Inline[], font: FontKey): PlainWords | undefined {
  const texts: string[] = [];
  const faces: FontKey[] = [];
  let current = '';
  let face: FontKey | undefined;
  const end = (): void => {
    if (face !== undefined) {
      texts.push(current);
      faces.push(face);
    }
    current = '';
    face = undefined;
  };
  const walk = (nodes: Inline[], f: FontKey): boolean => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const parts = node.text.replace(INVISIBLE, '').split(SPACE);
        for (let i = 0; i < parts.length; i++) {
          if (i > 0) end();
          const part = parts[i]!;
          if (!part) continue;
          if (face !== undefined && face !== f) return false;
          current += part;
          face = f;
        }
      } else if (node.type === 'emphasis') {
        if (!walk(node.children, italicOf(f))) return false;
      } else if (node.type === 'strong') {
        if (!walk(node.children, boldOf(f))) return false;
      } else return false;
    }
    return true;
  };
  if (!walk(content, font)) return undefined;
  end();
  return { texts, faces };
}

/**
 * Set a plain paragraph in `size` and `role` (whole words first, hyphenated only when spacing would be too loose),
 * or undefined when one of its words is not plain after all (a glyph from the fallback face, white space inside):
 * then set it with setParagraph.
 */
export function setPlainParagraph(fonts: FontSet, words: PlainWords, size: number, role: RunRole, opts: SetOptions): SetLine[] | undefined {
  if (opts.characterSpacing) return undefined;
  const { texts, faces } = words;
  if (texts.length === 0) return [];
  // Each word is looked up once; both passes take their unit from its pair.
  const pairs: UnitPair[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) pairs[i] = unitPair(fonts, texts[i]!, faces[i]!, size, role, opts.lineWidth);
  if (opts.hyphenate && (opts.method ?? 'knuth-plass') === 'knuth-plass') {
    const lines = setPlainWith(fonts, words, pairs, size, role, opts, undefined, PRETOLERANCE);
    if (lines !== null) return lines;
  }
  return setPlainWith(fonts, words, pairs, size, role, opts, opts.hyphenate, null) ?? undefined;
}

/** Reused per line: the line's words (index, first and last fragment on the line), texts and widths. */
let lineWord = new Int32Array(256);
let lineFrom = new Int32Array(256);
let lineTo = new Int32Array(256);
const lineText: string[] = [];
const lineWidthOf: number[] = [];

/** Lines; null when `maxRatio` is exceeded; undefined when a word is not plain. */
function setPlainWith(
  fonts: FontSet,
  words: PlainWords,
  pairs: UnitPair[],
  size: number,
  role: RunRole,
  opts: SetOptions,
  hyphenate: Hyphenator | undefined,
  maxRatio: number | null,
): SetLine[] | null | undefined {
  const { texts, faces } = words;
  const space = fonts.width(' ', 'regular', size);
  const hyphenWidth = fonts.width('-', 'regular', size);
  const justify = opts.align === 'justify';
  const stretch = justify ? space * 0.6 : space * 3;
  const shrink = justify ? space * 0.3 : 0;
  const units: WordUnit[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const unit = unitOf(pairs[i]!, fonts, texts[i]!, faces[i]!, size, role, opts.lineWidth, hyphenate);
    if (!unit.plain) return undefined;
    units[i] = unit;
  }
  const { items, word, fragment, flag } = buildItems(units, opts.indent, { space, stretch, shrink, hyphenWidth });
  const breaks = breakItems(items, opts.lineWidth, opts.method ?? 'knuth-plass', maxRatio);
  if (!breaks) return null;
  if (lineWord.length < texts.length) {
    lineWord = new Int32Array(texts.length * 2);
    lineFrom = new Int32Array(texts.length * 2);
    lineTo = new Int32Array(texts.length * 2);
  }
  const lines: SetLine[] = [];
  for (let l = 0; l + 1 < breaks.length; l++) {
    const from = l === 0 ? 0 : breaks[l]! + 1;
    const to = breaks[l + 1]!;
    let indent = 0;
    let n = 0;
    let startsMidWord = false;
    let last = -1;
    for (let i = from; i <= to; i++) {
      const w = word[i]!;
      if (w < 0) {
        if (items.type[i] === BOX) indent += items.width[i]!;
        continue;
      }
      const f = fragment[i]!;
      if (n === 0 && f > 0) startsMidWord = true;
      if (w === last) lineTo[n - 1] = f;
      else {
        lineWord[n] = w;
        lineFrom[n] = f;
        lineTo[n] = f;
        n++;
      }
      last = w;
    }
    if (n === 0) continue;
    // Each word's text and width on this line: a fragment as measured, several fragments measured together.
    for (let k = 0; k < n; k++) {
      const w = lineWord[k]!;
      const unit = units[w]!;
      const a = lineFrom[k]!;
      const b = lineTo[k]!;
      if (a === b) {
        const piece = unit.fragments[a]!.pieces[0]!;
        lineText[k] = piece.text;
        lineWidthOf[k] = piece.width;
      } else {
        let text = '';
        if (a === 0 && b === unit.fragments.length - 1) text = texts[w]!;
        else for (let f = a; f <= b; f++) text += unit.fragments[f]!.pieces[0]!.text;
        lineText[k] = text;
        lineWidthOf[k] = fonts.width(text, faces[w]!, size);
      }
    }
    const endsHyphen = flag[to] === HYPHEN;
    if (endsHyphen) {
      const face = faces[lineWord[n - 1]!]!;
      lineText[n - 1] += '-';
      lineWidthOf[n - 1] = lineWidthOf[n - 1]! + fonts.width('-', face, size);
    }
    lines.push(
      placeLine(fonts, n, faces, size, role, {
        indent,
        lineWidth: opts.lineWidth,
        align: opts.align,
        stretchToFill: justify && flag[to] !== FORCED,
        story: opts.story,
        firstJoin: l === 0 ? 'para' : startsMidWord ? 'none' : flag[breaks[l]!] === FORCED ? 'line' : 'space',
        addedHyphen: endsHyphen,
        space,
      }),
    );
  }
  return lines;
}

interface PlaceOptions {
  indent: number;
  lineWidth: number;
  align: SetOptions['align'];
  stretchToFill: boolean;
  story: string | undefined;
  firstJoin: TextRun['join'];
  addedHyphen: boolean;
  space: number;
}

/** Place the line's n words (lineText, lineWidthOf, faces of lineWord): one run per stretch of words in one face. */
function placeLine(fonts: FontSet, n: number, faces: FontKey[], size: number, role: RunRole, o: PlaceOptions): SetLine {
  let natural = 0;
  for (let k = 0; k < n; k++) natural += lineWidthOf[k]!;
  const { gap, ratio, x: start } = spacing(natural, n - 1, o);
  let x = start;

  const runs: TextRun[] = [];
  let run: TextRun | undefined;
  /** Words of the current run when it holds more than one (joined into its text once). */
  let runWords: string[] | null = null;
  let spaceFace: FontKey | undefined;
  let wordSpacing = 0;
  const lineSize = role !== 'noteRef' && size > 0 ? size : 0;
  for (let k = 0; k < n; k++) {
    const face = faces[lineWord[k]!]!;
    const text = lineText[k]!;
    const width = lineWidthOf[k]!;
    if (k > 0) x += gap;
    if (run && run.font === face) {
      // Every gap of a line is equally wide, so one word spacing value describes the whole run.
      if (face !== spaceFace) {
        spaceFace = face;
        wordSpacing = gap - fonts.width(' ', face, size);
      }
      (runWords ??= [run.text]).push(text);
      if (Math.abs(wordSpacing) > 1e-6) run.wordSpacing = wordSpacing;
      x += width;
      run.width = x - run.x;
      continue;
    }
    if (runWords) {
      run!.text = runWords.join(' ');
      runWords = null;
    }
    run = { kind: 'text', x, y: 0, text, font: face, size, width, role, join: k === 0 ? o.firstJoin : 'space' };
    if (o.story !== undefined && role !== 'noteRef') run.story = o.story;
    runs.push(run);
    x += width;
  }
  if (runWords) run!.text = runWords.join(' ');
  if (o.addedHyphen && run) run.addedHyphen = true;
  // Lines live until the book is painted: a line's one run in an array of one (a pushed-to array has room for 16 more).
  const kept = runs.length === 1 ? [runs[0]!] : runs;
  return ratio !== undefined ? { runs: kept, links: [], destinations: [], size: lineSize, ratio } : { runs: kept, links: [], destinations: [], size: lineSize };
}
