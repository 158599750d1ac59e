// The config line that reverses a decision (`keep: ["Thanks for reading"]`), naming a paragraph by the start of its text when that start is its own, else by its line.
import { matchKey } from '../normalise/overrides.js';
import type { OverrideKey } from '../normalise/types.js';

/** How much of a paragraph's start is read for its key (an entry is never longer than this). */
const HEAD = 200;
/** An entry is at least this long (as a key) and at most this many words. */
const MIN_KEY = 20;
const MAX_WORDS = 12;

/**
 * The story's paragraphs as the config matches them: every non-blank source line that does not continue an
 * unwrapped paragraph starts one. Knows whether the start of a paragraph's text names it alone.
 */
export class ParagraphIndex {
  /** The key of each paragraph's head, sorted. */
  private readonly keys: string[] = [];
  /** The head text of the paragraph starting at each line. */
  private readonly heads = new Map<number, string>();
  /** The last line of each paragraph unwrapped from more than one. */
  private readonly lastOf = new Map<number, number>();

  constructor(lines: readonly string[], joined: readonly number[]) {
    const lastOf = this.lastOf;
    for (let k = 0; k < joined.length; k += 2) lastOf.set(joined[k]!, joined[k + 1]!);
    for (let i = 0; i < lines.length; i++) {
      const line = i + 1;
      const text = lines[i]!.trim();
      if (text === '') continue;
      const last = lastOf.get(line);
      let head = text;
      if (last !== undefined) {
        for (let j = i + 1; j < last && head.length < HEAD; j++) head += ` ${lines[j]!.trim()}`;
        i = last - 1;
      }
      head = head.slice(0, HEAD);
      this.heads.set(line, head);
      this.keys.push(matchKey(head));
    }
    this.keys.sort();
  }

  /** The last source line of the paragraph starting at `line`. */
  lastLine(line: number): number {
    return this.lastOf.get(line) ?? line;
  }

  /** How many paragraphs an entry with this key matches (0, 1 or 2: two means "more than one"). */
  private count(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    let n = 0;
    for (let i = lo; i < this.keys.length && this.keys[i]!.startsWith(key) && n < 2; i++) {
      const k = this.keys[i]!;
      if (k.length === key.length || k.charAt(key.length) === ' ') n++;
    }
    return n;
  }

  /**
   * The entry that names the paragraph starting at `line`: the first words of its text when no other paragraph
   * starts with them (long enough to read), else its line number.
   */
  entryFor(line: number): string | number {
    const head = this.heads.get(line);
    if (head === undefined || !/[\p{L}\p{N}]/u.test(head)) return line;
    const words = head.split(/\s+/);
    for (let k = 1; k <= Math.min(words.length, MAX_WORDS); k++) {
      // The last word of a cut head may be cut itself: only whole words, unless the head is all there.
      if (k === words.length && head.length >= HEAD) break;
      const text = words.slice(0, k).join(' ');
      const key = matchKey(text);
      if (key.length < MIN_KEY && k < words.length) continue;
      if (this.count(key) === 1) return trimEntry(text);
    }
    return line;
  }
}

/** An entry's text without the punctuation around it (`“Thanks for reading,` → `Thanks for reading`): entries match words. */
function trimEntry(text: string): string {
  return text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** A config line: `keep: ["Thanks for reading"]` or `breaks: [17]` (a YAML flow list, one entry). */
export function configLine(key: OverrideKey, entry: string | number): string {
  return `${key}: [${typeof entry === 'number' ? entry : JSON.stringify(entry)}]`;
}
