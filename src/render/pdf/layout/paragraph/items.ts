// Paragraph items: a paragraph's word units → Knuth–Plass boxes, glue and penalties, remembering which word fragment each box holds.
import { ItemList, MIN_COST } from './linebreak.js';
import type { WordUnit } from './word-units.js';

/** Glue and hyphen measures of one paragraph (from its first word's size). */
export interface ItemSpacing {
  space: number;
  stretch: number;
  shrink: number;
  hyphenWidth: number;
  /** Margin kerning: set the items' `left` and `right` hangs (justified text), the hyphen's among them. */
  protrusion: boolean;
  hyphenHang: number;
}

/** The cost of breaking a word at a hyphenation point (plain TeX's \hyphenpenalty is 50; fewer hyphens here). */
const HYPHEN_PENALTY = 100;

/** Item flags: a hyphen penalty (a hyphen is drawn when the line breaks there), a forced break. */
export const HYPHEN = 1;
export const FORCED = 2;

/**
 * The items of the paragraph being set and, per item, the word and fragment of a box (-1 for other items) and
 * its flag. Reused by every paragraph: paragraphs are set one at a time and the result is read before the next.
 */
const paragraphItems = {
  items: new ItemList(),
  word: new Int32Array(1024) as Int32Array,
  fragment: new Int32Array(1024) as Int32Array,
  flag: new Uint8Array(1024) as Uint8Array,
};

/**
 * Fill `paragraphItems` for the first `count` word units (null = forced line break): an optional indent box,
 * words separated by glue, fragments of a word joined by a hyphen penalty or (after a dash or a cut) a penalty
 * plus a zero-width stretchable glue, and the paragraph end (fill glue, forced break).
 */
export function buildItems(units: ReadonlyArray<WordUnit | null>, count: number, indent: number, sp: ItemSpacing): typeof paragraphItems {
  const p = paragraphItems;
  // Upper bound of the item count: indent, per word a glue, its fragments and two items between fragments, the end.
  let capacity = 3;
  for (let i = 0; i < count; i++) {
    const unit = units[i];
    capacity += unit ? 3 * unit.fragments.length : 2;
  }
  if (p.word.length < capacity) {
    const size = Math.max(capacity, p.word.length * 2);
    p.word = new Int32Array(size);
    p.fragment = new Int32Array(size);
    p.flag = new Uint8Array(size);
  }
  const { items, word, fragment, flag } = p;
  items.clear();
  const ref = (at: number, w: number, f: number, fl: number): void => {
    word[at] = w;
    fragment[at] = f;
    flag[at] = fl;
  };
  if (indent > 0) ref(items.box(indent), -1, -1, 0);
  const hangs = sp.protrusion;
  /** The right hang of the last box (a line ending at the next glue or dash break ends with it). */
  let lastRight = 0;
  let needGlue = false;
  for (let wi = 0; wi < count; wi++) {
    const unit = units[wi];
    if (!unit) {
      ref(items.glue(0, 10000, 0), -1, -1, 0);
      ref(items.penalty(0, MIN_COST, false), -1, -1, FORCED);
      needGlue = false;
      continue;
    }
    if (needGlue) {
      const g = items.glue(sp.space, sp.stretch, sp.shrink);
      ref(g, -1, -1, 0);
      if (hangs) items.right[g] = lastRight;
    }
    const frags = unit.fragments;
    for (let fi = 0; fi < frags.length; fi++) {
      if (fi > 0) {
        if (unit.hyphenAfter[fi - 1]!) {
          const h = items.penalty(sp.hyphenWidth, HYPHEN_PENALTY, true);
          ref(h, -1, -1, HYPHEN);
          if (hangs) items.right[h] = sp.hyphenHang;
        } else {
          const d = items.penalty(0, 30, false);
          ref(d, -1, -1, 0);
          if (hangs) items.right[d] = lastRight;
          // After a break without hyphen (a dash, a cut giant word) a zero-width stretchable glue lets a line of
          // unbreakable pieces end short instead of being forced overfull.
          ref(items.glue(0, sp.stretch, 0), -1, -1, 0);
        }
      }
      const frag = frags[fi]!;
      const b = items.box(frag.width);
      ref(b, wi, fi, 0);
      if (hangs) {
        items.left[b] = frag.left;
        lastRight = frag.right;
      }
    }
    needGlue = true;
  }
  ref(items.glue(0, 10000, 0), -1, -1, 0);
  ref(items.penalty(0, MIN_COST, false), -1, -1, FORCED);
  return p;
}
