// Texts with characters no face has, as setting stories measured them: noted while stories are set with one FontSet, counted into another (the layout's) by measuring them there.
import type { FontKey } from '../types.js';
import { FontSet } from './text/fonts.js';

/** A text (in its face) with a character that neither the face nor the fallback has. */
export type MissingText = [FontKey, string];

/**
 * The same fonts (same caches, same missing-glyph counts), also noting every text measured that has a character no
 * face has. Counting those texts into another FontSet (countMissing) counts them exactly as setting the same stories
 * with it would: a FontSet counts a text once, whichever story measures it first.
 */
export function recordingFonts(fonts: FontSet, record: Map<string, MissingText>): FontSet {
  const view = Object.create(fonts) as FontSet;
  // `this`: the view or a view made from it (forLanguage), whose Han face decides.
  view.segments = function (this: FontSet, text, key) {
    if (hasMissing(this, text, key)) record.set(`${key}\u0000${text}`, [key, text]);
    return FontSet.prototype.segments.call(this, text, key);
  };
  return view;
}

/** Count texts noted elsewhere into `fonts`, as measuring them there would. */
export function countMissing(fonts: FontSet, texts: Iterable<MissingText>): void {
  for (const [face, text] of texts) fonts.segments(text, face);
}

/** Has `text` a character (beyond ASCII) that no face of `fonts` has? */
export function hasMissing(fonts: FontSet, text: string, key: FontKey): boolean {
  return fonts.lacks(text, key);
}
