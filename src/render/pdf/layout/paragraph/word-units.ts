// Word units: a word measured in its faces and split into fragments where a line may break (dashes, hyphenation points), cached per style.
import type { FontKey, RunRole } from '../../types.js';
import type { FontSet } from '../text/fonts.js';
import type { Hyphenator } from '../text/hyphenate.js';
import { breaksInside, cjkPieces } from '../text/line-breaks.js';
import { hang } from './protrusion.js';
import type { MeasuredPiece, Piece } from './words.js';

/** A piece in one face (after fallback segmentation) with its measured width. */
/** A fragment of a word between two break points. */
export interface Fragment {
  pieces: MeasuredPiece[];
  width: number;
  /** Margin kerning: how far the fragment may hang into the left margin starting a line, the right one ending it. */
  left: number;
  right: number;
}

export interface WordUnit {
  fragments: Fragment[];
  /** For each fragment boundary: true when a hyphen is drawn if the line breaks there. */
  hyphenAfter: boolean[];
  /** The fragments merged back into whole-word pieces (made on first use; units are shared, never mutated after). */
  whole?: MeasuredPiece[];
}

const BREAK_AFTER = /(?<=[\p{L}\p{N}][-\u2010\u2013\u2014])(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}]\u2014)|(?=\u2014[\p{L}\p{N}])/u;
const HAS_DASH = /[-\u2010\u2013\u2014]/;

export function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

const WHITE_SPACE = /\s/;

/** Split pieces into fallback-face segments and measure them. */
export function measure(fonts: FontSet, pieces: Piece[], cs: number): MeasuredPiece[] {
  const out: MeasuredPiece[] = [];
  for (const p of pieces) {
    const segs = fonts.segments(p.text, p.font);
    const decorated = !!(p.rise || p.link || p.destination);
    for (const seg of segs) {
      const width = fonts.width(seg.text, seg.font, p.size) + (cs ? cs * charCount(seg.text) : 0);
      const same = segs.length === 1 && seg.font === p.font;
      const text = same ? p.text : seg.text;
      // Built field by field (one object shape for every piece), optional fields only when present.
      const piece: MeasuredPiece = { text, font: same ? p.font : seg.font, size: p.size, role: p.role, width, plain: !decorated && !WHITE_SPACE.test(text) };
      if (p.rise !== undefined) piece.rise = p.rise;
      if (p.link !== undefined) piece.link = p.link;
      if (p.destination !== undefined) piece.destination = p.destination;
      out.push(piece);
    }
  }
  // Units are cached for the whole build: keep arrays of their exact size (a pushed-to array has room for 16 more).
  return out.length === 1 ? [out[0]!] : out;
}

function fragmentOf(fonts: FontSet, pieces: MeasuredPiece[]): Fragment {
  let width = 0;
  for (const p of pieces) width += p.width;
  return { pieces, width, left: hang(fonts, pieces[0], 'left'), right: hang(fonts, pieces[pieces.length - 1], 'right') };
}

/** Both units of a plain word: set whole (the pretolerance pass) and with its hyphenation points; made on first use. */
export interface UnitPair {
  whole?: WordUnit;
  hyphenated?: WordUnit;
}

/** Unit pairs of plain one-piece words, by face, size, role and line width (units are never mutated). */
const unitCache = new WeakMap<FontSet, Map<string, Map<string, UnitPair>>>();

let lastStyle: { fonts?: FontSet; font?: FontKey; size?: number; role?: RunRole; width?: number; cache?: Map<string, UnitPair> } = {};

/** The cached unit pair of a plain word (one piece, no rise, link or letter spacing). */
export function unitPair(fonts: FontSet, text: string, font: FontKey, size: number, role: RunRole, lineWidth: number): UnitPair {
  const cache = styleCache(fonts, font, size, role, lineWidth);
  let pair = cache.get(text);
  if (!pair) {
    if (cache.size > 300_000) cache.clear();
    cache.set(text, (pair = {}));
  }
  return pair;
}

/** The pair's unit with or without hyphenation points (the unit wordUnits makes for the word as one piece). */
export function unitOf(pair: UnitPair, fonts: FontSet, text: string, font: FontKey, size: number, role: RunRole, lineWidth: number, hyphenate: Hyphenator | undefined): WordUnit {
  if (hyphenate) return (pair.hyphenated ??= wordUnits(fonts, [{ text, font, size, role }], lineWidth, 0, hyphenate));
  return (pair.whole ??= wordUnits(fonts, [{ text, font, size, role }], lineWidth, 0, undefined));
}

/** The unit cache of one style (the last one asked for is remembered: consecutive words mostly share it). */
function styleCache(fonts: FontSet, font: FontKey, size: number, role: RunRole, lineWidth: number): Map<string, UnitPair> {
  const memo = lastStyle;
  if (memo.fonts === fonts && memo.font === font && memo.size === size && memo.role === role && memo.width === lineWidth) return memo.cache!;
  let styles = unitCache.get(fonts);
  if (!styles) unitCache.set(fonts, (styles = new Map()));
  const style = `${font}|${size}|${role}|${lineWidth}`;
  let cache = styles.get(style);
  if (!cache) styles.set(style, (cache = new Map<string, UnitPair>()));
  lastStyle = { fonts, font, size, role, width: lineWidth, cache };
  return cache;
}

/** A word's pieces cut at the break opportunities of its text (none inside a raised piece: a note reference). */
function cjkParts(word: Piece[]): Piece[][] {
  const cuts = new Set<number>();
  let at = 0;
  for (const text of cjkPieces(word.map((p) => p.text).join(''))) cuts.add((at += text.length));
  const parts: Piece[][] = [[]];
  let offset = 0;
  for (const p of word) {
    let from = 0;
    if (!p.rise) {
      for (let i = 1; i < p.text.length; i++) {
        if (!cuts.has(offset + i)) continue;
        parts[parts.length - 1]!.push({ ...p, text: p.text.slice(from, i) });
        parts.push([]);
        from = i;
      }
    }
    parts[parts.length - 1]!.push(from === 0 ? p : { ...p, text: p.text.slice(from) });
    offset += p.text.length;
    if (cuts.has(offset) && offset < at) parts.push([]);
  }
  return parts.filter((part) => part.length > 0);
}

/** Split a word into fragments at hyphens/dashes and (optionally) hyphenation points; giant fragments are cut to fit. */
export function wordUnits(fonts: FontSet, word: Piece[], lineWidth: number, cs: number, hyphenate: Hyphenator | undefined): WordUnit {
  const fragments: Fragment[] = [];
  const hyphenAfter: boolean[] = [];
  const single = word.length === 1 && !word[0]!.rise ? word[0]! : undefined;
  if (word.some((p) => breaksInside(p.text))) {
    // CJK text breaks between characters (by UAX #14, with its line-start and line-end rules), never with a hyphen.
    const parts = cjkParts(word);
    parts.forEach((part, i) => {
      fragments.push(fragmentOf(fonts, measure(fonts, part, cs)));
      if (i < parts.length - 1) hyphenAfter.push(false);
    });
  } else if (single && (hyphenate || HAS_DASH.test(single.text))) {
    const parts = HAS_DASH.test(single.text) ? single.text.split(BREAK_AFTER).filter(Boolean) : [single.text];
    parts.forEach((part, pi) => {
      const syllables = hyphenate && !HAS_DASH.test(part.slice(-1)) ? hyphenate(part) : [];
      const pieces = syllables.length > 1 ? syllables : [part];
      pieces.forEach((text, si) => {
        fragments.push(fragmentOf(fonts, measure(fonts, [{ ...single, text }], cs)));
        if (si < pieces.length - 1) hyphenAfter.push(true);
      });
      if (pi < parts.length - 1) hyphenAfter.push(false);
    });
  } else {
    fragments.push(fragmentOf(fonts, measure(fonts, word, cs)));
  }
  // A fragment wider than the line (a giant "word") is cut into small pieces, broken without a hyphen (a new list:
  // splicing a giant word's thousands of pieces in as arguments would overflow the stack).
  const max = lineWidth;
  const fits = fragments.every((f) => f.width <= max);
  const kept: Fragment[] = fits ? fragments : [];
  const keptHyphens: boolean[] = fits ? hyphenAfter : [];
  for (let i = 0; !fits && i < fragments.length; i++) {
    const f = fragments[i]!;
    if (i > 0) keptHyphens.push(hyphenAfter[i - 1]!);
    if (f.width <= max) kept.push(f);
    else for (const [k, piece] of cutFragment(fonts, f, max, cs).entries()) {
      if (k > 0) keptHyphens.push(false);
      kept.push(piece);
    }
  }
  return { fragments: kept.length === 1 ? [kept[0]!] : kept.slice(), hyphenAfter: keptHyphens.slice() };
}

/** A fragment wider than the line cut into small pieces (a twentieth of the line each), so Knuth-Plass can fill each line of a giant word. */
function cutFragment(fonts: FontSet, f: Fragment, max: number, cs: number): Fragment[] {
  const cut: Fragment[] = [];
  for (const p of f.pieces) {
    let buf = '';
    let bw = 0;
    for (const ch of p.text) {
      buf += ch;
      bw += fonts.width(ch, p.font, p.size) + cs;
      if (bw > max * 0.05) {
        cut.push({ pieces: [{ ...p, text: buf, width: bw }], width: bw, left: 0, right: 0 });
        buf = '';
        bw = 0;
      }
    }
    if (buf) cut.push({ pieces: [{ ...p, text: buf, width: bw }], width: bw, left: 0, right: 0 });
  }
  return cut;
}
