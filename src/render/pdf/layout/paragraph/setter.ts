// Sets one paragraph: its words → measured, hyphenated word units → Knuth–Plass items → breaks → lines of positioned runs.
import type { FontSet } from '../text/fonts.js';
import type { Hyphenator } from '../text/hyphenate.js';
import { BOX } from './knuth-plass.js';
import { breakItems, type BreakMethod, type BreakTuning } from './linebreak.js';
import { buildItems, FORCED, HYPHEN } from './items.js';
import { wordLevels } from './bidi.js';
import { MAX_SPACE, placeLine, SHRINK, STRETCH, type SetLine } from './place.js';
import { hyphenHang } from './protrusion.js';
import { charCount, unitOf, unitPair, wordUnits, type UnitPair, type WordUnit } from './word-units.js';
import type { MeasuredPiece, ParagraphWords } from './words.js';

export type { SetLine };

export interface SetOptions {
  lineWidth: number;
  /** First-line indent in points. */
  indent: number;
  align: 'justify' | 'left' | 'center' | 'right';
  hyphenate?: Hyphenator;
  method?: BreakMethod;
  /** Letter spacing in points (titles). */
  characterSpacing?: number;
  story?: string;
}

/** Before hyphenating, try the paragraph with whole words up to this adjustment ratio (TeX's pretolerance). */
export const PRETOLERANCE = 1;
/** With hyphenation points, lines up to this adjustment ratio (TeX's tolerance). */
export const TOLERANCE = 1.3;
/** The emergency pass adds this many word spaces of stretch to every line when judging it (TeX's \emergencystretch). */
export const EMERGENCY_SPACES = 3;
/** Font expansion of justified lines: glyphs may be this much wider or narrower (pdfTeX's expansion, ±2 %). */
export const EXPANSION = 0.02;

/**
 * The passes a paragraph is tried in, first to last, until one sets every line within its limit: whole words up
 * to the pretolerance, then with hyphenation points up to the tolerance, then the same with emergency stretch
 * (looseness spread over many lines rather than one very loose line), then with no limit (the last pass always
 * succeeds). What a pass may change is its own: which break points the words offer and how loose a line may be.
 */
interface Pass {
  /** Offer the hyphenation points of the words (when the paragraph is hyphenated at all). */
  hyphenate: boolean;
  /** The largest adjustment ratio of a line (null: no limit). */
  maxRatio: number | null;
  /** Emergency stretch in word spaces. */
  emergency?: number;
  /** Hyphenate the paragraph's last word too (only when nothing else avoids a very loose line). */
  lastWord?: boolean;
  /** Hold justified word spaces to MAX_SPACE. */
  capped?: boolean;
}
const PASSES: Pass[] = [
  { hyphenate: false, maxRatio: PRETOLERANCE },
  { hyphenate: true, maxRatio: TOLERANCE },
  { hyphenate: true, maxRatio: TOLERANCE, emergency: EMERGENCY_SPACES, lastWord: true, capped: true },
  { hyphenate: true, maxRatio: null, lastWord: true },
];
/** Without hyphenation (or with the greedy method) only the last pass runs. */
const LAST_PASS: Pass[] = PASSES.slice(-1);

/** Per word of the paragraph being set: its cached unit pair (plain one-piece words) and its unit in this pass. */
let pairs: Array<UnitPair | undefined> = [];
let units: Array<WordUnit | null> = [];

/** Set a paragraph's words into lines: whole words first, hyphenated only when spacing would be too loose. */
export function setParagraph(fonts: FontSet, words: ParagraphWords, opts: SetOptions): SetLine[] {
  const n = words.count;
  if (n === 0) return [];
  const cs = opts.characterSpacing ?? 0;
  const { first, text, font, size, role, extra } = words;
  if (pairs.length < n) {
    pairs = new Array(n * 2);
    units = new Array(n * 2);
  }
  // Each plain word is looked up once; every pass takes its unit from the pair.
  for (let w = 0; w < n; w++) {
    const p = first[w]!;
    pairs[w] = first[w + 1] === p + 1 && extra[p] === undefined && !cs ? unitPair(fonts, text[p]!, font[p]!, size[p]!, role[p]!, opts.lineWidth) : undefined;
  }
  const passes = opts.hyphenate && (opts.method ?? 'knuth-plass') === 'knuth-plass' ? PASSES : LAST_PASS;
  // The paragraph's last word is never hyphenated (its second half alone on the last line).
  const lastWord = n - 1;
  for (const pass of passes) {
    const hyphenate = pass.hyphenate ? opts.hyphenate : undefined;
    for (let w = 0; w < n; w++) {
      const pair = pairs[w];
      const p = first[w]!;
      const hy = w === lastWord && !pass.lastWord ? undefined : hyphenate;
      if (pair) units[w] = unitOf(pair, fonts, text[p]!, font[p]!, size[p]!, role[p]!, opts.lineWidth, hy);
      else units[w] = first[w + 1] === p ? null : wordUnits(fonts, words.piecesOf(w), opts.lineWidth, cs, hy);
    }
    const lines = setWith(fonts, words, opts, pass);
    if (lines) return lines;
  }
  throw new Error('the last pass sets every paragraph');
}

/** Reused per line: the line's words (index, first and last fragment on the line) and their pieces. */
let lineWord = new Int32Array(256);
let lineFrom = new Int32Array(256);
let lineTo = new Int32Array(256);
const lineWords: MeasuredPiece[][] = [];

/** The lines of the paragraph whose units are in `units`, or null when no breaks keep every line within the pass's limit. */
function setWith(fonts: FontSet, words: ParagraphWords, opts: SetOptions, pass: Pass): SetLine[] | null {
  const cs = opts.characterSpacing ?? 0;
  // Glue and hyphen measures from the first piece's size.
  const baseSize = words.pieces > 0 ? words.size[0]! : 10;
  const space = fonts.width(' ', 'regular', baseSize) + cs;
  const hyphenWidth = fonts.width('-', 'regular', baseSize);
  const justify = opts.align === 'justify';
  const stretch = justify ? space * STRETCH : space * 3;
  const shrink = justify ? space * SHRINK : 0;
  // Justified text: margin kerning and font expansion (not in letter-spaced titles).
  const micro = justify && !cs;
  const expansion = micro ? EXPANSION : 0;
  const { items, word, fragment, flag } = buildItems(units, words.count, opts.indent, {
    space,
    stretch,
    shrink,
    hyphenWidth,
    protrusion: micro,
    hyphenHang: micro ? hyphenHang(fonts, 'regular', baseSize) : 0,
  });
  const tuning: BreakTuning = { maxAdjustmentRatio: pass.maxRatio, expansion, protrusion: micro, emergencyStretch: (pass.emergency ?? 0) * space };
  if (justify && pass.capped) tuning.maxGlueRatio = (MAX_SPACE - 1) / STRETCH;
  const breaks = breakItems(items, opts.lineWidth, opts.method ?? 'knuth-plass', tuning);
  if (!breaks) return null;
  const bidi = words.rtl ? wordLevels(words) : undefined;
  if (lineWord.length < words.count) {
    lineWord = new Int32Array(words.count * 2);
    lineFrom = new Int32Array(words.count * 2);
    lineTo = new Int32Array(words.count * 2);
  }
  const lines: SetLine[] = [];
  for (let l = 0; l + 1 < breaks.length; l++) {
    const from = l === 0 ? 0 : breaks[l]! + 1;
    const to = breaks[l + 1]!;
    let indent = 0;
    let n = 0;
    let startsMidWord = false;
    let last = -1;
    let hangLeft = -1;
    for (let i = from; i <= to; i++) {
      const w = word[i]!;
      if (hangLeft < 0 && items.type[i] === BOX) hangLeft = micro ? items.left[i]! : 0;
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
    // Each word's pieces on this line: a fragment's as measured; several fragments merged and measured together.
    for (let k = 0; k < n; k++) {
      const unit = units[lineWord[k]!]!;
      const a = lineFrom[k]!;
      const b = lineTo[k]!;
      if (a === b) lineWords[k] = unit.fragments[a]!.pieces;
      else if (a === 0 && b === unit.fragments.length - 1) lineWords[k] = wholePieces(fonts, unit, pairs[lineWord[k]!], cs);
      else lineWords[k] = mergePieces(fonts, unit, a, b, cs);
    }
    const endsHyphen = flag[to] === HYPHEN;
    if (endsHyphen) lineWords[n - 1] = withHyphen(fonts, lineWords[n - 1]!, cs);
    const stretchToFill = justify && flag[to] !== FORCED;
    lines.push(
      placeLine(fonts, lineWords, n, {
        indent,
        lineWidth: opts.lineWidth,
        align: opts.align,
        stretchToFill,
        expansion: stretchToFill ? expansion : 0,
        hangLeft: stretchToFill && indent === 0 ? Math.max(0, hangLeft) : 0,
        hangRight: stretchToFill && micro ? items.right[to]! : 0,
        cs,
        story: opts.story,
        firstJoin: l === 0 ? 'para' : startsMidWord ? 'none' : flag[breaks[l]!] === FORCED ? 'line' : 'space',
        addedHyphen: endsHyphen,
        space,
        ...(bidi && { bidi: { levels: Array.from(lineWord.subarray(0, n), (w) => bidi.levels[w]!), base: bidi.base } }),
      }),
    );
  }
  return lines;
}

/**
 * A word's pieces when all its fragments stand on one line: those of its unit without hyphenation points when
 * that is one fragment (the same text, measured whole), else its fragments merged once and kept on the unit.
 */
function wholePieces(fonts: FontSet, unit: WordUnit, pair: UnitPair | undefined, cs: number): MeasuredPiece[] {
  const whole = pair?.whole;
  if (whole && whole.fragments.length === 1) return whole.fragments[0]!.pieces;
  return (unit.whole ??= mergePieces(fonts, unit, 0, unit.fragments.length - 1, cs));
}

/**
 * Fragments a…b of a unit as pieces: each stretch of pieces in one style (no rise, link or destination) joined
 * into one piece, measured whole (with the kerning across the joins).
 */
function mergePieces(fonts: FontSet, unit: WordUnit, a: number, b: number, cs: number): MeasuredPiece[] {
  const merged: MeasuredPiece[] = [];
  /** The first piece of the stretch being joined, the stretch's text and how many pieces it holds. */
  let first: MeasuredPiece | undefined;
  let text = '';
  let count = 0;
  const flush = (): void => {
    if (first) merged.push(count === 1 ? first : { ...first, text, width: fonts.width(text, first.font, first.size) + (cs ? cs * charCount(text) : 0) });
  };
  for (let f = a; f <= b; f++) {
    for (const p of unit.fragments[f]!.pieces) {
      if (first && first.font === p.font && first.size === p.size && first.role === p.role && !first.rise && !p.rise && !first.link && !p.link && !first.destination && !p.destination) {
        text += p.text;
        count++;
        continue;
      }
      flush();
      first = p;
      text = p.text;
      count = 1;
    }
  }
  flush();
  return merged;
}

/** A word's pieces with the line-end hyphen added to the last one. */
function withHyphen(fonts: FontSet, pieces: MeasuredPiece[], cs: number): MeasuredPiece[] {
  const out = pieces.slice();
  const last = out[out.length - 1]!;
  out[out.length - 1] = { ...last, text: last.text + '-', width: last.width + fonts.width('-', last.font, last.size) + cs };
  return out;
}
