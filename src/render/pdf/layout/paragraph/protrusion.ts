// Margin kerning (character protrusion, as pdfTeX and microtype do it): punctuation, hyphens and quotes at a line's
// edge hang part of their width into the margin, so the text block's edge looks straight to the eye.
import type { FontSet } from '../text/fonts.js';
import type { MeasuredPiece } from './words.js';

/**
 * The share of a character's width that hangs into the right margin when it ends a line, after microtype's
 * default set: full stops, commas and hyphens most, then colons, closing quotes, dashes.
 */
const RIGHT: Record<string, number> = {
  '.': 0.7,
  ',': 0.7,
  '-': 0.7,
  '\u2010': 0.7,
  '\u00ad': 0.7,
  ':': 0.5,
  ';': 0.4,
  '!': 0.2,
  '?': 0.2,
  '\u2019': 0.7,
  "'": 0.7,
  '\u201d': 0.5,
  '"': 0.5,
  '\u2013': 0.3,
  '\u2014': 0.2,
  ')': 0.1,
  '\u2026': 0.2,
};

/** The share of a character's width that hangs into the left margin when it starts a line (opening quotes, brackets). */
const LEFT: Record<string, number> = {
  '\u2018': 0.7,
  "'": 0.7,
  '\u201c': 0.5,
  '"': 0.5,
  '(': 0.1,
  '\u2013': 0.3,
  '\u2014': 0.2,
};

/** How far (points) `piece` hangs into the margin on `side` when it stands at that edge of a line. */
export function hang(fonts: FontSet, piece: MeasuredPiece | undefined, side: 'left' | 'right'): number {
  const text = piece?.text;
  if (!piece || !text || piece.rise) return 0;
  const ch = side === 'left' ? text[0]! : text[text.length - 1]!;
  const share = (side === 'left' ? LEFT : RIGHT)[ch];
  return share === undefined ? 0 : share * fonts.width(ch, piece.font, piece.size);
}

/** How far a line-end hyphen in `font` at `size` hangs into the right margin. */
export function hyphenHang(fonts: FontSet, font: MeasuredPiece['font'], size: number): number {
  return RIGHT['-']! * fonts.width('-', font, size);
}
