// Sets one paragraph: inline content → words (styled, fallback-font pieces) → hyphenated items → Knuth-Plass lines of positioned runs.
import type { Inline } from '../../../model/types.js';
import type { FontKey, LinkBox, RunRole, TextRun, Destination } from '../types.js';
import type { FontSet } from './fonts.js';
import type { Hyphenator } from './hyphenate.js';
import { BOX } from './knuth-plass.js';
import { breakItems, type BreakMethod } from './linebreak.js';
import { buildItems, FORCED, HYPHEN } from './paragraph-items.js';
import { cachedWordUnits, charCount, type MeasuredPiece, type Piece, type WordUnit } from './word-units.js';

export type { Piece };

/** A word: pieces set without a gap; `lineBreak` marks a forced line break instead of a word. */
export type Word = { pieces: Piece[] } | { lineBreak: true };

export interface NoteResolver {
  /** The superscript label, link target and back-link destination of a note reference. */
  (noteId: string): { label: string; target?: string; destination?: string } | undefined;
}

export interface InlineStyle {
  size: number;
  /** Face for plain text (emphasis toggles italics from it). */
  font: FontKey;
  role: RunRole;
  notes?: NoteResolver;
}

/** White space that separates words (NBSP and narrow NBSP keep a word together). */
export const SPACE = /[ \t\n\r\f\v\u1680\u2000-\u200a\u2028\u2029\u205f\u3000]+/;
/** Invisible characters dropped from the text before setting. */
export const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Size of small capitals relative to the text. */
const SMALL_CAPS_SCALE = 0.78;

/** The face emphasis switches to (italic ↔ regular, bold ↔ bold italic). */
export function italicOf(font: FontKey): FontKey {
  return font === 'regular' ? 'italic' : font === 'italic' ? 'regular' : font === 'bold' ? 'boldItalic' : font === 'boldItalic' ? 'bold' : font;
}
/** The face strong emphasis switches to. */
export function boldOf(font: FontKey): FontKey {
  return font === 'regular' ? 'bold' : font === 'italic' ? 'boldItalic' : font;
}

/** Inline content → words. Text split at spaces (NBSP stays inside words); styles become pieces. */
export function inlineWords(content: Inline[], style: InlineStyle): Word[] {
  const words: Word[] = [];
  let current: Piece[] | null = null;
  const end = (): void => {
    if (current && current.length) words.push({ pieces: current });
    current = null;
  };
  const add = (piece: Piece): void => {
    (current ??= []).push(piece);
  };
  const walk = (nodes: Inline[], font: FontKey, smallCaps = false): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const text = node.text.replace(INVISIBLE, '');
        const parts = text.split(SPACE);
        parts.forEach((part, i) => {
          if (i > 0) end();
          if (!part) return;
          if (!smallCaps) add({ text: part, font, size: style.size, role: style.role });
          // Small capitals: lower-case letters set as capitals of a smaller size.
          else for (const m of part.matchAll(/(\p{Ll}+)|[^\p{Ll}]+/gu)) add({ text: m[0].toUpperCase(), font, size: m[1] ? style.size * SMALL_CAPS_SCALE : style.size, role: style.role });
        });
      } else if (node.type === 'emphasis') walk(node.children, italicOf(font), smallCaps);
      else if (node.type === 'strong') walk(node.children, boldOf(font), smallCaps);
      else if (node.type === 'smallCaps') walk(node.children, font, true);
      else if (node.type === 'lineBreak') {
        end();
        words.push({ lineBreak: true });
      } else if (node.type === 'noteRef') {
        const note = style.notes?.(node.noteId);
        if (note) {
          add({
            text: note.label,
            font: 'regular',
            size: style.size * 0.62,
            role: 'noteRef',
            rise: style.size * 0.36,
            ...(note.target !== undefined && { link: note.target }),
            ...(note.destination !== undefined && { destination: note.destination }),
          });
        }
      }
    }
  };
  walk(content, style.font);
  end();
  // Merge consecutive pieces of the same style (text nodes split by the parser).
  for (const w of words) {
    if (!('pieces' in w) || w.pieces.length < 2) continue;
    const merged: Piece[] = [];
    for (const p of w.pieces) {
      const last = merged[merged.length - 1];
      // Pieces are fresh objects made by walk(), so the first of a run can absorb the next one in place.
      if (last && last.font === p.font && last.size === p.size && last.role === p.role && !last.rise && !p.rise && !last.link && !p.link) last.text += p.text;
      else merged.push(p);
    }
    w.pieces = merged;
  }
  return words;
}

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
  /** Shift the whole paragraph right (block quotes, list items) — applied by the caller; kept for hanging markers. */
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

/** Before hyphenating, try the paragraph with whole words up to this adjustment ratio (TeX's pretolerance). */
export const PRETOLERANCE = 1;

/** Set a paragraph's words into lines: whole words first, hyphenated only when spacing would be too loose. */
export function setParagraph(fonts: FontSet, words: Word[], opts: SetOptions): SetLine[] {
  if (words.length === 0) return [];
  if (opts.hyphenate && (opts.method ?? 'knuth-plass') === 'knuth-plass') {
    const lines = setWith(fonts, words, opts, undefined, PRETOLERANCE);
    if (lines) return lines;
  }
  return setWith(fonts, words, opts, opts.hyphenate, null)!;
}

/** The paragraph's lines, or null when `maxRatio` is given and no breaks keep every line within it. */
function setWith(fonts: FontSet, words: Word[], opts: SetOptions, hyphenate: Hyphenator | undefined, maxRatio: number | null): SetLine[] | null {
  const cs = opts.characterSpacing ?? 0;
  const baseSize = firstSize(words);
  const space = fonts.width(' ', 'regular', baseSize) + cs;
  const hyphenWidth = fonts.width('-', 'regular', baseSize);
  const justify = opts.align === 'justify';
  const stretch = justify ? space * 0.6 : space * 3;
  const shrink = justify ? space * 0.3 : 0;

  const units: Array<WordUnit | null> = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    units.push('pieces' in w ? cachedWordUnits(fonts, w.pieces, opts.lineWidth, cs, hyphenate) : null);
  }
  const { items, word: refWord, fragment: refFragment, flag: refFlag } = buildItems(units, opts.indent, { space, stretch, shrink, hyphenWidth });
  const breaks = breakItems(items, opts.lineWidth, opts.method ?? 'knuth-plass', maxRatio);
  if (!breaks) return null;
  const lines: SetLine[] = [];
  for (let l = 0; l + 1 < breaks.length; l++) {
    const from = l === 0 ? 0 : breaks[l]! + 1;
    const to = breaks[l + 1]!;
    const endsForced = refFlag[to] === FORCED;
    const endsHyphen = refFlag[to] === HYPHEN;
    const lineWords: MeasuredPiece[][] = [];
    let indent = 0;
    let startsMidWord = false;
    let lastWord = -1;
    let ownsLast = false;
    /** Per line word: its word index and the first and last of its fragments on the line. */
    const lineWordIndex: number[] = [];
    const lineWordFrom: number[] = [];
    const lineWordTo: number[] = [];
    for (let i = from; i <= to; i++) {
      const word = refWord[i]!;
      if (word < 0) {
        if (items.type[i] === BOX) indent += items.width[i]!;
        continue;
      }
      const fragment = refFragment[i]!;
      if (lineWords.length === 0 && fragment > 0) startsMidWord = true;
      const frag = units[word]!.fragments[fragment]!;
      // A word's own fragment array is shared (never mutated); it is copied only when a second fragment joins it.
      if (word === lastWord) {
        const at = lineWords.length - 1;
        if (!ownsLast) {
          lineWords[at] = lineWords[at]!.slice();
          ownsLast = true;
        }
        lineWords[at]!.push(...frag.pieces);
        lineWordTo[at] = fragment;
      } else {
        lineWords.push(frag.pieces);
        lineWordIndex.push(word);
        lineWordFrom.push(fragment);
        lineWordTo.push(fragment);
        ownsLast = false;
      }
      lastWord = word;
    }
    if (lineWords.length === 0) continue;
    // Syllables of a word that was not broken here are drawn as one piece (measured whole, with its kerning).
    for (let wi = 0; wi < lineWords.length; wi++) {
      const w = lineWords[wi]!;
      if (w.length < 2) continue;
      const unit = units[lineWordIndex[wi]!]!;
      // A whole word (all its fragments on this line) is merged once per word unit and shared.
      if (lineWordFrom[wi] === 0 && lineWordTo[wi] === unit.fragments.length - 1) lineWords[wi] = unit.whole ??= mergePieces(fonts, w, cs);
      else lineWords[wi] = mergePieces(fonts, w, cs);
    }
    if (endsHyphen) {
      const w = lineWords[lineWords.length - 1]!.slice();
      lineWords[lineWords.length - 1] = w;
      const lastPiece = w[w.length - 1]!;
      w[w.length - 1] = { ...lastPiece, text: lastPiece.text + '-', width: lastPiece.width + fonts.width('-', lastPiece.font, lastPiece.size) + cs };
    }
    lines.push(
      positionLine(fonts, lineWords, {
        indent,
        lineWidth: opts.lineWidth,
        align: opts.align,
        stretchToFill: justify && !endsForced,
        cs,
        story: opts.story,
        firstJoin: l === 0 ? 'para' : startsMidWord ? 'none' : refFlag[breaks[l]!] === FORCED ? 'line' : 'space',
        addedHyphen: endsHyphen,
        space,
      }),
    );
  }
  return lines;
}


/** Consecutive pieces of one style joined into one piece, measured whole (with the kerning across the joins). */
function mergePieces(fonts: FontSet, w: MeasuredPiece[], cs: number): MeasuredPiece[] {
  const merged: MeasuredPiece[] = [];
  for (const p of w) {
    const last = merged[merged.length - 1];
    if (last && last.font === p.font && last.size === p.size && last.role === p.role && !last.rise && !p.rise && !last.link && !p.link && !last.destination && !p.destination) {
      const text = last.text + p.text;
      merged[merged.length - 1] = { ...last, text, width: fonts.width(text, last.font, last.size) + (cs ? cs * charCount(text) : 0) };
    } else merged.push(p);
  }
  return merged;
}

function firstSize(words: Word[]): number {
  for (const w of words) if ('pieces' in w && w.pieces.length) return w.pieces[0]!.size;
  return 10;
}

/** What spacing a line needs: the measure, indent, alignment and whether it is stretched to fill. */
export interface SpacingOptions {
  indent: number;
  lineWidth: number;
  align: SetOptions['align'];
  stretchToFill: boolean;
  /** The natural word space. */
  space: number;
}

/**
 * The word gap of a line of `natural` width with `gaps` gaps, its adjustment ratio when stretched to fill, and
 * where its first word starts (after the indent, or centred / right-aligned).
 */
export function spacing(natural: number, gaps: number, o: SpacingOptions): { gap: number; ratio: number | undefined; x: number } {
  const avail = o.lineWidth - o.indent;
  let gap = o.space;
  let ratio: number | undefined;
  if (o.stretchToFill && gaps > 0) {
    gap = (avail - natural) / gaps;
    ratio = (gap - o.space) / (gap >= o.space ? o.space * 0.6 : o.space * 0.3);
  }
  // A line set at natural spacing that would run past the measure (Knuth-Plass may shrink a last line) is tightened.
  if (!o.stretchToFill && gaps > 0 && natural + gaps * gap > avail) gap = Math.max(0, (avail - natural) / gaps);
  const used = natural + gaps * gap;
  let x = o.indent;
  if (o.align === 'center') x += Math.max(0, (avail - used) / 2);
  else if (o.align === 'right') x += Math.max(0, avail - used);
  return { gap, ratio, x };
}

interface PositionOptions {
  indent: number;
  lineWidth: number;
  align: SetOptions['align'];
  stretchToFill: boolean;
  cs: number;
  story: string | undefined;
  firstJoin: TextRun['join'];
  addedHyphen: boolean;
  space: number;
}

/** Place a line's words: justified by spreading the gaps equally, else aligned; consecutive same-style words share a run. */
function positionLine(fonts: FontSet, segWords: MeasuredPiece[][], o: PositionOptions): SetLine {
  let natural = 0;
  for (const w of segWords) {
    let ww = 0;
    for (const p of w) ww += p.width;
    natural += ww;
  }
  const { gap, ratio, x: start } = spacing(natural, segWords.length - 1, o);
  let x = start;

  const runs: TextRun[] = [];
  const links: LinkBox[] = [];
  const destinations: Destination[] = [];
  let size = 0;
  /** Whether the last run holds only whole plain words (so the next such word can join it). */
  let lastPlain = false;
  /** Words of the last run when it absorbed others (joined into its text once, not concatenated word by word). */
  let lastWords: string[] | null = null;
  let spaceFont: FontKey | undefined;
  let spaceSize = 0;
  let spaceWidth = 0;
  for (let wi = 0; wi < segWords.length; wi++) {
    const w = segWords[wi]!;
    if (wi > 0) x += gap;
    for (let pi = 0; pi < w.length; pi++) {
      const p = w[pi]!;
      if (p.role !== 'noteRef' && p.size > size) size = p.size;
      const last = runs.length ? runs[runs.length - 1]! : undefined;
      const mergeable =
        lastPlain && last && pi === 0 && wi > 0 && w.length === 1 && p.plain && last.font === p.font && last.size === p.size && last.role === p.role && !o.cs;
      if (mergeable) {
        // Every gap of a line is equally wide, so one pdfkit word spacing value describes the whole run.
        if (p.font !== spaceFont || p.size !== spaceSize) {
          spaceFont = p.font;
          spaceSize = p.size;
          spaceWidth = fonts.width(' ', p.font, p.size);
        }
        const ws = gap - spaceWidth;
        (lastWords ??= [last.text]).push(p.text);
        if (Math.abs(ws) > 1e-6) last.wordSpacing = ws;
        x += p.width;
        last.width = x - last.x;
        continue;
      }
      if (lastWords) {
        last!.text = lastWords.join(' ');
        lastWords = null;
      }
      lastPlain = w.length === 1 && !!p.plain && !o.cs;
      const join: TextRun['join'] = wi === 0 && pi === 0 ? o.firstJoin : pi === 0 ? 'space' : 'none';
      const run: TextRun = {
        kind: 'text',
        x,
        y: p.rise ? -p.rise : 0,
        text: p.text,
        font: p.font,
        size: p.size,
        width: p.width,
        role: p.role,
        join,
      };
      // Assigned, not spread: this runs for every run of the book.
      if (o.cs) run.characterSpacing = o.cs;
      if (o.story !== undefined && p.role !== 'noteRef') run.story = o.story;
      runs.push(run);
      if (p.link) links.push({ kind: 'link', x, y: -p.size, w: p.width, h: p.size * 1.3, target: p.link });
      if (p.destination) destinations.push({ name: p.destination, x, y: -p.size * 2 });
      x += p.width;
    }
  }
  if (lastWords) runs[runs.length - 1]!.text = lastWords.join(' ');
  if (o.addedHyphen && runs.length) runs[runs.length - 1]!.addedHyphen = true;
  // (As placeLine in plain-paragraph.ts: a line's one run in an array of one.)
  return { runs: runs.length === 1 ? [runs[0]!] : runs, links, destinations, size, ...(ratio !== undefined && { ratio }) };
}
