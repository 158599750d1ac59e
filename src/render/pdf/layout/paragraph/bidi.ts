// Right-to-left text: the Unicode bidi algorithm (bidi-js) over a paragraph's words, and the visual order of a line's words.
import { createRequire } from 'node:module';
import type { ParagraphWords } from './words.js';

interface Bidi {
  getEmbeddingLevels(text: string, direction?: 'ltr' | 'rtl' | 'auto'): { levels: Uint8Array; paragraphs: Array<{ start: number; end: number; level: number }> };
}

const require = createRequire(import.meta.url);
/** Made on the first paragraph with right-to-left text: a book without one never loads it. */
let bidi: Bidi | undefined;

const LETTER = /[\p{L}\p{N}]/u;

/**
 * The embedding level of each word of a paragraph (its first letter's, by the bidi algorithm over the words joined
 * by spaces) and the paragraph's base level (1: right to left, from its first strong character).
 */
export function wordLevels(words: ParagraphWords): { levels: Uint8Array; base: number } {
  bidi ??= (require('bidi-js') as () => Bidi)();
  const starts: number[] = [];
  let text = '';
  for (let w = 0; w < words.count; w++) {
    if (w > 0) text += ' ';
    starts.push(text.length);
    for (let p = words.first[w]!; p < words.first[w + 1]!; p++) text += words.text[p]!;
  }
  const result = bidi.getEmbeddingLevels(text, 'auto');
  const levels = new Uint8Array(words.count);
  for (let w = 0; w < words.count; w++) {
    const end = w + 1 < words.count ? starts[w + 1]! - 1 : text.length;
    let at = starts[w]!;
    for (let i = at; i < end; i++) {
      if (LETTER.test(text[i]!)) {
        at = i;
        break;
      }
    }
    levels[w] = at < text.length ? result.levels[at]! : result.paragraphs[0]?.level ?? 0;
  }
  return { levels, base: result.paragraphs[0]?.level ?? 0 };
}

/** The visual order of items at `levels` (rule L2: from the highest level to the lowest odd one, reverse every run at that level or above). */
export function visualOrder(levels: ArrayLike<number>): number[] {
  const order = Array.from({ length: levels.length }, (_, i) => i);
  let highest = 0;
  let lowestOdd = 255;
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    if (l > highest) highest = l;
    if (l & 1 && l < lowestOdd) lowestOdd = l;
  }
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; ) {
      if (levels[order[i]!]! < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && levels[order[j]!]! >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  return order;
}
