// The config line that reverses a decision (`keep: ["Thanks for reading"]`), naming a paragraph by the start of its text when that start is its own, else by its line.
import { matchKey, startsWithEntry } from '../normalise/overrides.js';
import type { OverrideKey } from '../normalise/types.js';

/** How much of a paragraph's start is read for its key (an entry is never longer than this). */
const HEAD = 200;
/** An entry is at least this long (as a key) and at most this many words. */
const MIN_KEY = 20;
const MAX_WORDS = 12;

/**
 * The story's paragraphs as the config matches them: every non-blank source line that does not continue an
 * unwrapped paragraph starts one. Knows whether the start of a paragraph's text names it alone. Only paragraphs
 * whose first word is a decision's first word are ever keyed (a novel has tens of thousands of paragraphs).
 */
export class ParagraphIndex {
  /** The last line of each paragraph unwrapped from more than one. */
  private readonly lastOf = new Map<number, number>();
  /** Paragraph start lines by their first word's key, made on first use. */
  private byFirstWord: Map<string, number[]> | undefined;
  /** Head keys made so far, by start line. */
  private readonly keys = new Map<number, string>();

  /** Lines taken out before paragraphs were made (a header, a table of contents): no override can match them. */
  private readonly gone: Uint8Array;

  constructor(
    private readonly lines: readonly string[],
    joined: readonly number[],
    removedBefore: ReadonlyArray<{ line: number; lastLine?: number }> = [],
  ) {
    for (let k = 0; k < joined.length; k += 2) this.lastOf.set(joined[k]!, joined[k + 1]!);
    this.gone = new Uint8Array(lines.length + 2);
    for (const r of removedBefore) this.gone.fill(1, r.line, (r.lastLine ?? r.line) + 1);
  }

  /** The last source line of the paragraph starting at `line`. */
  lastLine(line: number): number {
    return this.lastOf.get(line) ?? line;
  }

  /** The first HEAD characters of the paragraph starting at `line`, its lines joined by spaces. */
  private head(line: number): string {
    let head = this.lines[line - 1]!.trim();
    const last = this.lastOf.get(line);
    if (last !== undefined) for (let j = line; j < last && head.length < HEAD; j++) head += ` ${this.lines[j]!.trim()}`;
    return head.slice(0, HEAD);
  }

  private keyOf(line: number): string {
    let key = this.keys.get(line);
    if (key === undefined) this.keys.set(line, (key = matchKey(this.head(line))));
    return key;
  }

  private starts(): Map<string, number[]> {
    if (this.byFirstWord) return this.byFirstWord;
    const map = new Map<string, number[]>();
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      const word = this.gone[i + 1] ? null : FIRST_WORD.exec(text);
      if (word) {
        const key = word[0].toLowerCase();
        const list = map.get(key);
        if (list) list.push(i + 1);
        else map.set(key, [i + 1]);
      }
      const last = this.lastOf.get(i + 1);
      if (last !== undefined) i = last - 1;
    }
    return (this.byFirstWord = map);
  }

  /** How many paragraphs an entry with this key matches (0, 1 or 2: two means "more than one"). */
  private count(key: string): number {
    const first = key.split(' ', 1)[0]!;
    let n = 0;
    for (const line of this.starts().get(first) ?? []) {
      if (startsWithEntry(this.keyOf(line), key) && ++n === 2) break;
    }
    return n;
  }

  /**
   * The entry that names the paragraph starting at `line`: the first words of its text when no other paragraph
   * starts with them (long enough to read), else its line number.
   */
  entryFor(line: number): string | number {
    const head = this.lines[line - 1] === undefined ? undefined : this.head(line);
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

/** A line's first word (letters and digits), as match keys begin. */
const FIRST_WORD = /[\p{L}\p{N}]+/u;

/** An entry's text without the punctuation around it (`“Thanks for reading,` → `Thanks for reading`): entries match words. */
function trimEntry(text: string): string {
  return text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** A config line: `keep: ["Thanks for reading"]` or `breaks: [17]` (a YAML flow list, one entry). */
export function configLine(key: OverrideKey, entry: string | number): string {
  return `${key}: [${typeof entry === 'number' ? entry : JSON.stringify(entry)}]`;
}
