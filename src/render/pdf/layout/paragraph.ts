// Sets one paragraph: inline content → words (styled, fallback-font pieces) → hyphenated items → Knuth-Plass lines of positioned runs.
import type { Inline } from '../../../model/types.js';
import type { FontKey, LinkBox, RunRole, TextRun, Destination } from '../types.js';
import type { FontSet } from './fonts.js';
import type { Hyphenator } from './hyphenate.js';
import { breakItems, MaxAdjustmentExceededError, MIN_COST, type BreakMethod, type InputItem } from './linebreak.js';

/** A piece of a word in one face and size. */
export interface Piece {
  text: string;
  font: FontKey;
  size: number;
  role: RunRole;
  /** Baseline shift upwards in points (superscript note numbers). */
  rise?: number;
  /** Link target (named destination) for the piece. */
  link?: string;
  /** Named destination placed at the piece. */
  destination?: string;
}

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

const SPACE = /[ \t\n\r\f\v\u1680\u2000-\u200a\u2028\u2029\u205f\u3000]+/;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

function italicOf(font: FontKey): FontKey {
  return font === 'regular' ? 'italic' : font === 'italic' ? 'regular' : font === 'bold' ? 'boldItalic' : font === 'boldItalic' ? 'bold' : font;
}
function boldOf(font: FontKey): FontKey {
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
  const walk = (nodes: Inline[], font: FontKey): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const text = node.text.replace(INVISIBLE, '');
        const parts = text.split(SPACE);
        parts.forEach((part, i) => {
          if (i > 0) end();
          if (part) add({ text: part, font, size: style.size, role: style.role });
        });
      } else if (node.type === 'emphasis') walk(node.children, italicOf(font));
      else if (node.type === 'strong') walk(node.children, boldOf(font));
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

/** A piece in one face (after fallback segmentation) with its measured width. */
interface MeasuredPiece extends Piece {
  width: number;
  /** No rise, link, destination or inner white space: can share a run with neighbouring words. */
  plain?: boolean;
}

/** A fragment of a word between two break points. */
interface Fragment {
  pieces: MeasuredPiece[];
  width: number;
  /** Its box item, made once (items are shared between paragraphs, never mutated). */
  box?: InputItem;
}

interface WordUnit {
  fragments: Fragment[];
  /** For each fragment boundary: true when a hyphen is drawn if the line breaks there. */
  hyphenAfter: boolean[];
  /** The fragments merged back into whole-word pieces (made on first use; units are shared, never mutated after). */
  whole?: MeasuredPiece[];
}

const BREAK_AFTER = /(?<=[\p{L}\p{N}][-\u2010\u2013\u2014])(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}]\u2014)|(?=\u2014[\p{L}\p{N}])/u;
const HAS_DASH = /[-\u2010\u2013\u2014]/;

function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** Split pieces into fallback-face segments and measure them. */
function measure(fonts: FontSet, pieces: Piece[], cs: number): MeasuredPiece[] {
  const out: MeasuredPiece[] = [];
  for (const p of pieces) {
    const segs = fonts.segments(p.text, p.font);
    for (const seg of segs) {
      const width = fonts.width(seg.text, seg.font, p.size) + (cs ? cs * charCount(seg.text) : 0);
      const piece: MeasuredPiece = segs.length === 1 && seg.font === p.font ? { ...p, width } : { ...p, text: seg.text, font: seg.font, width };
      piece.plain = !p.rise && !p.link && !p.destination && !/\s/.test(piece.text);
      out.push(piece);
    }
  }
  return out;
}

function fragmentOf(pieces: MeasuredPiece[]): Fragment {
  let width = 0;
  for (const p of pieces) width += p.width;
  return { pieces, width };
}

/** Word units of plain one-piece words, by face, size, role, hyphenation and line width (they are never mutated). */
const unitCache = new WeakMap<FontSet, Map<string, Map<string, WordUnit>>>();

let lastStyle: { fonts?: FontSet; font?: FontKey; size?: number; role?: RunRole; hyphenate?: boolean; width?: number; cache?: Map<string, WordUnit> } = {};

function cachedWordUnits(fonts: FontSet, word: Piece[], opts: SetOptions, cs: number, hyphenate: Hyphenator | undefined): WordUnit {
  const p = word[0]!;
  if (word.length !== 1 || p.rise || p.link || p.destination || cs) return wordUnits(fonts, word, opts, cs, hyphenate);
  let styles = unitCache.get(fonts);
  if (!styles) unitCache.set(fonts, (styles = new Map()));
  let cache: Map<string, WordUnit>;
  const memo = lastStyle;
  if (memo.fonts === fonts && memo.font === p.font && memo.size === p.size && memo.role === p.role && memo.hyphenate === !!hyphenate && memo.width === opts.lineWidth) cache = memo.cache!;
  else {
    const style = `${p.font}|${p.size}|${p.role}|${hyphenate ? 1 : 0}|${opts.lineWidth}`;
    const found = styles.get(style);
    cache = found ?? new Map<string, WordUnit>();
    if (!found) styles.set(style, cache);
    lastStyle = { fonts, font: p.font, size: p.size, role: p.role, hyphenate: !!hyphenate, width: opts.lineWidth, cache };
  }
  let unit = cache.get(p.text);
  if (!unit) {
    unit = wordUnits(fonts, word, opts, cs, hyphenate);
    if (cache.size > 300_000) cache.clear();
    cache.set(p.text, unit);
  }
  return unit;
}

/** Split a word into fragments at hyphens/dashes and (optionally) hyphenation points; giant fragments are cut to fit. */
function wordUnits(fonts: FontSet, word: Piece[], opts: SetOptions, cs: number, hyphenate: Hyphenator | undefined): WordUnit {
  const fragments: Fragment[] = [];
  const hyphenAfter: boolean[] = [];
  const single = word.length === 1 && !word[0]!.rise ? word[0]! : undefined;
  if (single && (hyphenate || HAS_DASH.test(single.text))) {
    const parts = HAS_DASH.test(single.text) ? single.text.split(BREAK_AFTER).filter(Boolean) : [single.text];
    parts.forEach((part, pi) => {
      const syllables = hyphenate && !HAS_DASH.test(part.slice(-1)) ? hyphenate(part) : [];
      const pieces = syllables.length > 1 ? syllables : [part];
      pieces.forEach((text, si) => {
        fragments.push(fragmentOf(measure(fonts, [{ ...single, text }], cs)));
        if (si < pieces.length - 1) hyphenAfter.push(true);
      });
      if (pi < parts.length - 1) hyphenAfter.push(false);
    });
  } else {
    fragments.push(fragmentOf(measure(fonts, word, cs)));
  }
  // A fragment wider than the line (a giant "word") is cut into small pieces, broken without a hyphen.
  const max = opts.lineWidth;
  for (let i = 0; i < fragments.length; i++) {
    const f = fragments[i]!;
    if (f.width <= max) continue;
    const cut: Fragment[] = [];
    for (const p of f.pieces) {
      let buf = '';
      let bw = 0;
      for (const ch of p.text) {
        const cw = fonts.width(ch, p.font, p.size) + cs;
        buf += ch;
        bw += cw;
        // Small chunks so Knuth-Plass can fill each line of the giant word.
        if (bw > max * 0.05) {
          cut.push({ pieces: [{ ...p, text: buf, width: bw }], width: bw });
          buf = '';
          bw = 0;
        }
      }
      if (buf) cut.push({ pieces: [{ ...p, text: buf, width: bw }], width: bw });
    }
    fragments.splice(i, 1, ...cut);
    hyphenAfter.splice(i, 0, ...cut.slice(1).map(() => false));
    i += cut.length - 1;
  }
  return { fragments, hyphenAfter };
}


/** Before hyphenating, try the paragraph with whole words up to this adjustment ratio (TeX's pretolerance). */
const PRETOLERANCE = 1;

/** Set a paragraph's words into lines: whole words first, hyphenated only when spacing would be too loose. */
export function setParagraph(fonts: FontSet, words: Word[], opts: SetOptions): SetLine[] {
  if (words.length === 0) return [];
  if (opts.hyphenate && (opts.method ?? 'knuth-plass') === 'knuth-plass') {
    try {
      return setWith(fonts, words, opts, undefined, PRETOLERANCE);
    } catch (error) {
      if (!(error instanceof MaxAdjustmentExceededError)) throw error;
    }
  }
  return setWith(fonts, words, opts, opts.hyphenate, null);
}

function setWith(fonts: FontSet, words: Word[], opts: SetOptions, hyphenate: Hyphenator | undefined, maxRatio: number | null): SetLine[] {
  const cs = opts.characterSpacing ?? 0;
  const baseSize = firstSize(words);
  const space = fonts.width(' ', 'regular', baseSize) + cs;
  const hyphenWidth = fonts.width('-', 'regular', baseSize);
  const justify = opts.align === 'justify';
  const stretch = justify ? space * 0.6 : space * 3;
  const shrink = justify ? space * 0.3 : 0;

  const units: Array<WordUnit | null> = [];
  /** Upper bound of the item count (indent, per word a glue, its fragments and two items between fragments, the end). */
  let capacity = 3;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const unit = 'pieces' in w ? cachedWordUnits(fonts, w.pieces, opts, cs, hyphenate) : null;
    units.push(unit);
    capacity += unit ? 3 * unit.fragments.length : 2;
  }
  // Items are never mutated by the line breaker, so one glue/penalty object serves every position.
  const wordGlue: InputItem = { type: 'glue', width: space, stretch, shrink };
  const fillGlue: InputItem = { type: 'glue', width: 0, stretch: 10000, shrink: 0 };
  const cutGlue: InputItem = { type: 'glue', width: 0, stretch, shrink: 0 };
  const forced: InputItem = { type: 'penalty', width: 0, cost: MIN_COST, flagged: false };
  const hyphenPenalty: InputItem = { type: 'penalty', width: hyphenWidth, cost: 50, flagged: true };
  const cutPenalty: InputItem = { type: 'penalty', width: 0, cost: 30, flagged: false };
  const items: InputItem[] = [];
  /** Per item: word index (boxes of words), fragment index, and flags (1 = hyphen penalty, 2 = forced break). */
  const refWord = new Int32Array(capacity);
  const refFragment = new Int32Array(capacity);
  const refFlag = new Uint8Array(capacity);
  const push = (item: InputItem, word: number, fragment: number, flag: number): void => {
    const at = items.length;
    items.push(item);
    refWord[at] = word;
    refFragment[at] = fragment;
    refFlag[at] = flag;
  };
  if (opts.indent > 0) push({ type: 'box', width: opts.indent }, -1, -1, 0);
  let needGlue = false;
  for (let wi = 0; wi < units.length; wi++) {
    const unit = units[wi];
    if (!unit) {
      push(fillGlue, -1, -1, 0);
      push(forced, -1, -1, 2);
      needGlue = false;
      continue;
    }
    if (needGlue) push(wordGlue, -1, -1, 0);
    const frags = unit.fragments;
    for (let fi = 0; fi < frags.length; fi++) {
      if (fi > 0) {
        const hyphen = unit.hyphenAfter[fi - 1]!;
        push(hyphen ? hyphenPenalty : cutPenalty, -1, -1, hyphen ? 1 : 0);
        // After a break without hyphen (a dash, a cut giant word) a zero-width stretchable glue lets a line of
        // unbreakable pieces end short instead of being forced overfull.
        if (!hyphen) push(cutGlue, -1, -1, 0);
      }
      const f = frags[fi]!;
      push((f.box ??= { type: 'box', width: f.width }), wi, fi, 0);
    }
    needGlue = true;
  }
  push(fillGlue, -1, -1, 0);
  push(forced, -1, -1, 2);

  const breaks = breakItems(items, opts.lineWidth, opts.method ?? 'knuth-plass', maxRatio);
  const lines: SetLine[] = [];
  for (let l = 0; l + 1 < breaks.length; l++) {
    const from = l === 0 ? 0 : breaks[l]! + 1;
    const to = breaks[l + 1]!;
    const endsForced = refFlag[to] === 2;
    const endsHyphen = refFlag[to] === 1;
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
        if (items[i]!.type === 'box') indent += items[i]!.width;
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
        firstJoin: l === 0 ? 'para' : startsMidWord ? 'none' : refFlag[breaks[l]!] === 2 ? 'line' : 'space',
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
  const gaps = segWords.length - 1;
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
  return { runs, links, destinations, size, ...(ratio !== undefined && { ratio }) };
}
