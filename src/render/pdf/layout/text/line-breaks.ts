// Where a word of CJK text may break: the Unicode line breaking algorithm (UAX #14, the `linebreak` package) inside a space-free run, which keeps the line-start and line-end rules (kinsoku).
import { createRequire } from 'node:module';
import { CJK_CHARS } from '../../../../common/scripts.js';

interface Break {
  position: number;
  required: boolean;
}
type LineBreakerClass = new (text: string) => { nextBreak(): Break | null };

const require = createRequire(import.meta.url);
/** Loaded on the first CJK word: a book without one never reads its tables. */
let LineBreaker: LineBreakerClass | undefined;

/** Whether a word (text without spaces) is CJK text that breaks between its characters. */
export function breaksInside(word: string): boolean {
  return CJK_CHARS.test(word);
}

/**
 * A space-free word cut at its UAX #14 break opportunities: between Han and kana characters, never before closing
 * brackets, 。、 or small kana and the prolonged sound mark (class NS, CL), never after opening brackets (OP), never
 * inside Latin words or numbers. One piece when it has none.
 */
export function cjkPieces(word: string): string[] {
  LineBreaker ??= require('linebreak') as LineBreakerClass;
  const breaker = new LineBreaker(word);
  const pieces: string[] = [];
  let from = 0;
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    if (b.position <= from || b.position >= word.length) continue;
    pieces.push(word.slice(from, b.position));
    from = b.position;
  }
  pieces.push(word.slice(from));
  return pieces;
}
