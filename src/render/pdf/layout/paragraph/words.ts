// A paragraph's words as parallel arrays (no object per word): inline content, or explicit pieces, → words of styled pieces.
import type { Inline } from '../../../../model/types.js';
import type { FontKey, RunRole } from '../../types.js';
import { RTL_CHARS } from '../../../../common/scripts.js';

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

/** A piece with its measured width. */
export interface MeasuredPiece extends Piece {
  width: number;
  /** No rise, link, destination or inner white space: can share a run with neighbouring words. */
  plain?: boolean;
}

/** What a piece may carry beyond its text and style. */
export type PieceExtra = Pick<Piece, 'rise' | 'link' | 'destination'>;

/** A word given piece by piece (a pointer line, an ornament); an empty word is a forced line break. */
export type Word = Piece[];

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
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Size of small capitals relative to the text. */
const SMALL_CAPS_SCALE = 0.78;

/** The face emphasis switches to (italic ↔ regular, bold ↔ bold italic). */
function italicOf(font: FontKey): FontKey {
  return font === 'regular' ? 'italic' : font === 'italic' ? 'regular' : font === 'bold' ? 'boldItalic' : font === 'boldItalic' ? 'bold' : font;
}
/** The face strong emphasis switches to. */
function boldOf(font: FontKey): FontKey {
  return font === 'regular' ? 'bold' : font === 'italic' ? 'boldItalic' : font;
}

/**
 * The words of one paragraph: word w holds pieces [first[w], first[w + 1]), none for a forced line break; piece p
 * is text[p] in font[p], size[p] and role[p], with extra[p] for a raised or linked piece. One instance is reused
 * for every paragraph (paragraphs are set one at a time), so a paragraph of plain words costs no object per word.
 */
export class ParagraphWords {
  count = 0;
  first = new Int32Array(256);
  pieces = 0;
  readonly text: string[] = [];
  readonly font: FontKey[] = [];
  size = new Float64Array(256);
  readonly role: RunRole[] = [];
  readonly extra: Array<PieceExtra | undefined> = [];
  /** Some text of the paragraph is written right to left (its lines are ordered by the bidi algorithm). */
  rtl = false;
  /** Whether the last word is still open (the next piece joins it). */
  private open = false;

  clear(): this {
    this.count = 0;
    this.pieces = 0;
    this.open = false;
    this.rtl = false;
    return this;
  }

  /** Add a piece to the open word (opening one): merged into the word's last piece when both are plain text of one style. */
  add(text: string, font: FontKey, size: number, role: RunRole, extra?: PieceExtra): void {
    const p = this.pieces;
    if (this.open && extra === undefined && this.extra[p - 1] === undefined && this.font[p - 1] === font && this.size[p - 1] === size && this.role[p - 1] === role) {
      this.text[p - 1] += text;
      return;
    }
    if (!this.open) this.startWord();
    if (p === this.size.length) {
      const size = new Float64Array(p * 2);
      size.set(this.size);
      this.size = size;
    }
    this.text[p] = text;
    this.font[p] = font;
    this.size[p] = size;
    this.role[p] = role;
    this.extra[p] = extra;
    this.pieces = p + 1;
  }

  /** End the open word (the next piece starts a new one). */
  endWord(): void {
    this.open = false;
  }

  /** A forced line break: a word without pieces. */
  lineBreak(): void {
    this.startWord();
    this.open = false;
  }

  private startWord(): void {
    if (this.count + 2 > this.first.length) {
      const first = new Int32Array(this.first.length * 2);
      first.set(this.first);
      this.first = first;
    }
    this.first[this.count++] = this.pieces;
    this.open = true;
  }

  /** Close the list (after the last piece); returns it. */
  done(): this {
    this.open = false;
    this.first[this.count] = this.pieces;
    return this;
  }

  /** Word w's pieces as objects (for words that are not one plain piece). */
  piecesOf(w: number): Piece[] {
    const out: Piece[] = [];
    for (let p = this.first[w]!; p < this.first[w + 1]!; p++) out.push({ text: this.text[p]!, font: this.font[p]!, size: this.size[p]!, role: this.role[p]!, ...this.extra[p] });
    return out;
  }
}

/** The words being set (shared: valid until the next inlineWords or pieceWords call). */
const shared = new ParagraphWords();

/** Inline content → words. Text split at spaces (NBSP stays inside words); styles become pieces. */
export function inlineWords(content: Inline[], style: InlineStyle): ParagraphWords {
  const words = shared.clear();
  const walk = (nodes: Inline[], font: FontKey, smallCaps = false): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        if (!words.rtl && RTL_CHARS.test(node.text)) words.rtl = true;
        const parts = node.text.replace(INVISIBLE, '').split(SPACE);
        for (let i = 0; i < parts.length; i++) {
          if (i > 0) words.endWord();
          const part = parts[i]!;
          if (!part) continue;
          if (!smallCaps) words.add(part, font, style.size, style.role);
          // Small capitals: lower-case letters set as capitals of a smaller size.
          else for (const m of part.matchAll(/(\p{Ll}+)|[^\p{Ll}]+/gu)) words.add(m[0].toUpperCase(), font, m[1] ? style.size * SMALL_CAPS_SCALE : style.size, style.role);
        }
      } else if (node.type === 'emphasis') walk(node.children, italicOf(font), smallCaps);
      else if (node.type === 'strong') walk(node.children, boldOf(font), smallCaps);
      else if (node.type === 'smallCaps') walk(node.children, font, true);
      else if (node.type === 'lineBreak') words.lineBreak();
      else if (node.type === 'noteRef') {
        const note = style.notes?.(node.noteId);
        if (note) {
          const extra: PieceExtra = { rise: style.size * 0.36 };
          if (note.target !== undefined) extra.link = note.target;
          if (note.destination !== undefined) extra.destination = note.destination;
          words.add(note.label, 'regular', style.size * 0.62, 'noteRef', extra);
        }
      }
    }
  };
  walk(content, style.font);
  return words.done();
}

/** Explicit words → words (an empty word is a forced line break). */
export function pieceWords(list: Word[]): ParagraphWords {
  const words = shared.clear();
  for (const word of list) {
    if (word.length === 0) words.lineBreak();
    for (const { text, font, size, role, ...extra } of word) {
      if (!words.rtl && RTL_CHARS.test(text)) words.rtl = true;
      words.add(text, font, size, role, Object.keys(extra).length ? extra : undefined);
    }
    words.endWord();
  }
  return words.done();
}
