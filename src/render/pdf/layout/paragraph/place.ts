// Line placement: a set line's words → runs positioned on the line (justified by spreading the gaps, or aligned).
import type { Destination, FontKey, LinkBox, TextRun } from '../../types.js';
import type { FontSet } from '../text/fonts.js';
import { charCount } from './word-units.js';
import type { MeasuredPiece } from './words.js';
import { visualOrder } from './bidi.js';

/** The faces of Japanese and Chinese text, whose justified lines are spread between characters. */
function isCjkFace(font: FontKey): boolean {
  return font === 'japanese' || font === 'chinese' || font === 'japaneseBold' || font === 'chineseBold';
}

/** One set line: runs with x relative to the line's left edge and y = 0 on its baseline. */
export interface SetLine {
  runs: TextRun[];
  links: LinkBox[];
  destinations: Destination[];
  /** Largest font size on the line (for line height). */
  size: number;
  /** Adjustment ratio used (0 natural; >1 loose). Undefined for the last line / ragged lines. */
  ratio?: number;
}

/** Justified glue: stretch and shrink as shares of the natural word space. */
export const STRETCH = 0.5;
export const SHRINK = 1 / 3;
/** No justified line's word space wider than this many natural spaces, unless nothing else can set the paragraph. */
export const MAX_SPACE = 2;
/**
 * The last resort of a line the breaker could not keep within MAX_SPACE (a long word that cannot be broken):
 * letter spacing up to this share of the word space per character (about 0.04 em), so its gaps come down to
 * TRACKED_SPACE (a little under the limit: such a line is not left the loosest on its page).
 */
const MAX_TRACKING = 0.2;
const TRACKED_SPACE = 1.9;

/** What spacing a line needs: the measure, indent, alignment and whether it is stretched to fill. */
export interface SpacingOptions {
  indent: number;
  lineWidth: number;
  align: 'justify' | 'left' | 'center' | 'right';
  stretchToFill: boolean;
  /** The natural word space. */
  space: number;
  /** Font expansion a line stretched to fill may use (a fraction of its glyphs' width; 0: none). */
  expansion?: number;
  /** Margin kerning: how far the line hangs into the left and right margins. */
  hangLeft?: number;
  hangRight?: number;
  /** Characters of the line's words (letter spacing, if a line needs it, is shared among them). */
  chars?: number;
}

/**
 * The word gap of a line of `natural` width with `gaps` gaps, its adjustment ratio when stretched to fill, the
 * horizontal scale of its glyphs, and where its first word starts (after the indent, or centred / right-aligned).
 * A stretched line shares its stretch between the gaps and the glyphs as the line breaker counted it: at ratio r
 * the glyphs are scaled by r × the expansion (at most the whole expansion), the gaps take the rest.
 */
export function spacing(natural: number, gaps: number, o: SpacingOptions): { gap: number; ratio: number | undefined; x: number; scale: number; tracking: number } {
  const hangLeft = o.hangLeft ?? 0;
  const avail = o.lineWidth - o.indent + hangLeft + (o.hangRight ?? 0);
  let gap = o.space;
  let ratio: number | undefined;
  let scale = 1;
  let tracking = 0;
  const expansion = o.expansion ?? 0;
  // A line of one word (a cut giant word) has only its glyphs' expansion to fill the measure with.
  if (o.stretchToFill && (gaps > 0 || expansion > 0)) {
    const extra = avail - natural - gaps * o.space;
    const flex = gaps * o.space * (extra >= 0 ? STRETCH : SHRINK) + expansion * natural;
    scale = 1 + expansion * Math.max(-1, Math.min(1, extra / flex));
    // Glyph scales in steps of 0.1 % (pdfTeX's are 0.5 %); a line without gaps rounds down (never past the measure).
    scale = Math.max(1 - expansion, (gaps > 0 ? Math.round(scale * 1000) : Math.floor(scale * 1000)) / 1000);
    if (gaps === 0) return { gap, ratio: undefined, x: o.indent - hangLeft, scale, tracking };
    gap = (avail - natural * scale) / gaps;
    if (gap > MAX_SPACE * o.space && o.chars && o.chars > gaps && expansion) {
      // The letter spacing after a word's last character is white space too: the gap as seen is gap + tracking.
      tracking = Math.min(MAX_TRACKING * o.space, (avail - natural * scale - gaps * TRACKED_SPACE * o.space) / (o.chars - gaps));
      gap = (avail - natural * scale - tracking * o.chars) / gaps;
    }
    ratio = (gap - o.space) / (gap >= o.space ? o.space * STRETCH : o.space * SHRINK);
  }
  // A line set at natural spacing that would run past the measure (Knuth-Plass may shrink a last line) is tightened.
  if (!o.stretchToFill && gaps > 0 && natural + gaps * gap > avail) gap = Math.max(0, (avail - natural) / gaps);
  const used = natural * scale + tracking * (o.chars ?? 0) + gaps * gap;
  let x = o.indent - hangLeft;
  if (o.align === 'center') x += Math.max(0, (avail - used) / 2);
  else if (o.align === 'right') x += Math.max(0, avail - used);
  return { gap, ratio, x, scale, tracking };
}

export interface PlaceOptions extends SpacingOptions {
  /** Letter spacing in points (titles). */
  cs: number;
  story: string | undefined;
  /** How the line's first run joins the text before it. */
  firstJoin: TextRun['join'];
  /** The line ends with a hyphen added by line breaking. */
  addedHyphen: boolean;
  /** Bidi embedding levels of the line's words and the paragraph's base level (a paragraph with right-to-left text). */
  bidi?: { levels: number[]; base: number };
}

/**
 * Place the first `n` words of `words` (each its pieces) on a line: the gaps spread equally when justified, else
 * aligned; consecutive whole plain words of one style share a run (one word spacing value describes its gaps).
 */
export function placeLine(fonts: FontSet, words: MeasuredPiece[][], n: number, o: PlaceOptions): SetLine {
  let natural = 0;
  /** Characters in CJK faces: a justified line of CJK text is spread between them too. */
  let cjk = 0;
  for (let k = 0; k < n; k++) {
    for (const p of words[k]!) {
      natural += p.width;
      if (o.stretchToFill && isCjkFace(p.font)) cjk += charCount(p.text);
    }
  }
  let charSpace = 0;
  if (cjk > 1 && !o.cs) {
    const slack = o.lineWidth - o.indent - natural - (n - 1) * o.space;
    if (slack > 0) charSpace = slack / (cjk - 1 + n - 1);
    natural += charSpace * (cjk - 1);
  }
  let placed = spacing(natural, n - 1, o);
  if (placed.gap > MAX_SPACE * o.space && o.stretchToFill && o.expansion) {
    // Too loose even so: letter spacing shared among the line's characters.
    let chars = 0;
    for (let k = 0; k < n; k++) for (const p of words[k]!) chars += charCount(p.text);
    placed = spacing(natural, n - 1, { ...o, chars });
  }
  const { gap, ratio, x: start, scale, tracking } = placed;
  /** A piece's width as drawn: its glyphs scaled, plus the letter spacing after each character. */
  const drawn = (p: MeasuredPiece): number => {
    const spaced = tracking + (charSpace && isCjkFace(p.font) ? charSpace : 0);
    return spaced ? p.width * scale + spaced * charCount(p.text) : p.width * scale;
  };
  let x = start;

  const runs: TextRun[] = [];
  const links: LinkBox[] = [];
  const destinations: Destination[] = [];
  let size = 0;
  /** The last run, and whether it holds only whole plain words (so the next such word can join it). */
  let run: TextRun | undefined;
  let joinable = false;
  /** Words of the last run when it absorbed others (joined into its text once, not concatenated word by word). */
  let runWords: string[] | null = null;
  let spaceFont: FontKey | undefined;
  let spaceSize = 0;
  let wordSpacing = 0;
  /** Per word: its first run and its left edge (for bidi reordering). */
  const wordRun: number[] = [];
  const wordX: number[] = [];
  for (let k = 0; k < n; k++) {
    const w = words[k]!;
    if (k > 0) x += gap;
    wordRun.push(runs.length);
    wordX.push(x);
    const whole = w.length === 1 && !o.bidi;
    for (let pi = 0; pi < w.length; pi++) {
      const p = w[pi]!;
      if (p.role !== 'noteRef' && p.size > size) size = p.size;
      if (joinable && whole && p.plain && run!.font === p.font && run!.size === p.size && run!.role === p.role) {
        // Every gap of a line is equally wide, so one word spacing value describes the whole run.
        if (p.font !== spaceFont || p.size !== spaceSize) {
          spaceFont = p.font;
          spaceSize = p.size;
          wordSpacing = gap - fonts.width(' ', p.font, p.size) * scale - tracking;
        }
        (runWords ??= [run!.text]).push(p.text);
        if (Math.abs(wordSpacing) > 1e-6) run!.wordSpacing = wordSpacing;
        x += drawn(p);
        run!.width = x - run!.x;
        continue;
      }
      if (runWords) {
        run!.text = runWords.join(' ');
        runWords = null;
      }
      const cjkSpace = charSpace && isCjkFace(p.font) ? charSpace : 0;
      joinable = whole && !!p.plain && !o.cs && !cjkSpace;
      run = {
        kind: 'text',
        x,
        y: p.rise ? -p.rise : 0,
        text: p.text,
        font: p.font,
        size: p.size,
        width: drawn(p),
        role: p.role,
        join: k === 0 && pi === 0 ? o.firstJoin : pi === 0 ? 'space' : 'none',
      };
      if (scale !== 1) run.horizontalScaling = Math.round(scale * 1000) / 10;
      // Assigned, not spread: this runs for every run of the book.
      if (o.cs || tracking || cjkSpace) run.characterSpacing = o.cs + tracking + cjkSpace;
      if (o.story !== undefined && p.role !== 'noteRef') run.story = o.story;
      runs.push(run);
      if (p.link) links.push({ kind: 'link', x, y: -p.size, w: drawn(p), h: p.size * 1.3, target: p.link });
      if (p.destination) destinations.push({ name: p.destination, x, y: -p.size * 2 });
      x += drawn(p);
    }
  }
  if (runWords) run!.text = runWords.join(' ');
  if (o.addedHyphen && run) run.addedHyphen = true;
  if (o.bidi) reorder(runs, wordRun, wordX, x, gap, o);
  // Lines live until the book is painted: a line's one run in an array of one (a pushed-to array has room for 16 more).
  const kept = runs.length === 1 ? [runs[0]!] : runs;
  return ratio !== undefined ? { runs: kept, links, destinations, size, ratio } : { runs: kept, links, destinations, size };
}

/**
 * Move a line's words (placed left to right in reading order, `wordRun[k]` the first run of word k, `wordX[k]` its
 * left edge, `end` the right edge of the last) into their visual order by the bidi levels; a right-to-left
 * paragraph's line is mirrored within the measure (its indent on the right, a short line flush right). A
 * right-to-left word's pieces are mirrored within the word. The runs stay in reading order.
 */
function reorder(runs: TextRun[], wordRun: number[], wordX: number[], end: number, gap: number, o: PlaceOptions): void {
  const { levels, base } = o.bidi!;
  const n = wordX.length;
  const widthOf = (k: number): number => (k + 1 < n ? wordX[k + 1]! - gap : end) - wordX[k]!;
  let x = base & 1 ? o.lineWidth - end : wordX[0]!;
  for (const k of visualOrder(levels)) {
    const from = wordRun[k]!;
    const to = k + 1 < n ? wordRun[k + 1]! : runs.length;
    const left = wordX[k]!;
    const width = widthOf(k);
    for (let r = from; r < to; r++) {
      const run = runs[r]!;
      run.x = levels[k]! & 1 ? x + left + width - (run.x + run.width) : x + (run.x - left);
    }
    x += width + gap;
  }
}
