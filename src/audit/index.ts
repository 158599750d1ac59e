// Lossless audit: tokenise text into comparable words (ignoring typography) and find the first mismatch between two word lists.

export interface WordsOptions {
  /** Join a word split by a hyphen at the end of a line (`extraor-\ndinary`), as in PDF text. Off by default. */
  joinLineEndHyphens?: boolean;
}

export interface AuditResult {
  ok: boolean;
  /** Index in `expected` of the first differing word. */
  index?: number;
  /** A few words of context from each side, starting a little before the mismatch. */
  expected?: string[];
  actual?: string[];
}

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u02BC\u0060\u00B4\u2032]/g;
/** `extraor-\ndinary` → `extraordinary`: a letter or digit, a hyphen, spacing with a line break, a letter or digit. */
export const LINE_END_HYPHEN = /([\p{L}\p{N}])[-\u2010\u2011]\s*\n\s*(?=[\p{L}\p{N}])/gu;
/** Where LINE_END_HYPHEN can match: at a hyphen before a line break. Hyphens are rare, so this scan is fast. */
const HYPHEN_BEFORE_BREAK = /[-\u2010\u2011](?=\s*\n)/g;
const SPACES = /\s*/y;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Inside a candidate: ellipses, double hyphens and doubled quotes split words too. */
const INNER_SEPARATOR = /[-\u2010\u2011\u2013']{2,}/;
const EDGE = /^['\-\u2010\u2011\u2013]+|['\-\u2010\u2011\u2013]+$/g;
const JOINER = /[-\u2010\u2011\u2013]/g;
/** What makes a word: a letter, a digit, or a symbol (an emoji, ♥, ©): a story of emoji has words too. */
const HAS_WORD_CHAR = /[\p{L}\p{N}\p{So}\p{Extended_Pictographic}]/u;

/**
 * The words of a text, compared case-insensitively and ignoring typography: curly and straight quotes,
 * periods, em dashes, ellipses and spacing all separate words (`U.S.S.` is three words on every side); hyphens and en dashes inside a word are dropped
 * (`whipcord-taut` → `whipcordtaut`, `1914–1918` → `19141918`), so `- ` → `—` and `...` → `…` never change
 * the list. Pure punctuation is not a word; symbols and emoji are (`♥`, `🚀✨`). Each Han or kana character is a
 * word of its own (CJK text has no spaces).
 */
export function wordsOf(text: string, options: WordsOptions = {}): string[] {
  const chunks = new Chunks(prepare(text, options));
  const words: string[] = [];
  while (chunks.next()) {
    if (chunks.special) carefulWords(chunks.text(), words);
    else words.push(chunks.text());
  }
  return words;
}

/** wordsOf(text).length, without making the words. */
export function countWords(text: string): number {
  return wordTally(text).wordCount;
}

/**
 * A text's words counted and digested: wordsOf(text) in order, in lower case, hashed (64 bits). Two texts whose
 * word lists differ have different tallies but by a chance of 2⁻⁶⁴; the same list, the same tally.
 */
export interface WordTally {
  wordCount: number;
  wordDigest: string;
}

/** The words of a text, counted and digested, read as auditTexts reads them (without making them). */
export function wordTally(text: string, options: WordsOptions = {}): WordTally {
  const reader = new WordReader(prepare(text, options, false));
  const h = new Uint32Array([0x811c9dc5, 0x9e3779b9]);
  let n = 0;
  while (reader.next()) {
    reader.mixInto(h);
    n++;
  }
  return { wordCount: n, wordDigest: `${h[0]!.toString(16).padStart(8, '0')}${h[1]!.toString(16).padStart(8, '0')}` };
}

/** Normalised words to audit an output's against: their text (NormalisedStory.wordText) and its tally. */
export interface ExpectedWords extends WordTally {
  text: string;
}

/**
 * auditWords(wordsOf(expectedText), wordsOf(text, options)), reading both texts word by word side by side
 * without building either list when they match. Given the expected words' tally (`expected` an ExpectedWords),
 * only `text` is read when they match: its tally is the same.
 */
export function auditTexts(expectedWords: string | ExpectedWords, text: string, options: WordsOptions = {}): AuditResult {
  if (typeof expectedWords !== 'string') {
    const tally = wordTally(text, options);
    if (tally.wordCount === expectedWords.wordCount && tally.wordDigest === expectedWords.wordDigest) return { ok: true };
  }
  const expectedText = typeof expectedWords === 'string' ? expectedWords : expectedWords.text;
  const expected = new WordReader(prepare(expectedText, {}, false));
  const actual = new WordReader(prepare(text, options, false));
  for (;;) {
    const more = expected.next();
    if (more !== actual.next()) break;
    if (!more) return { ok: true };
    if (!expected.same(actual)) break;
  }
  // A difference (rare): the detailed report from the word lists.
  return auditWords(wordsOf(expectedText), wordsOf(text, options));
}

/**
 * The words of a prepared text one at a time, as wordsOf reads them: a plain chunk's in place, a careful chunk's
 * as strings. The text is not lower-cased as a whole (two-byte text goes through ICU: ≈ 50 ms a million
 * characters): each word is compared in lower case.
 */
class WordReader {
  private readonly chunks: Chunks;
  private readonly careful: string[] = [];
  private at = 0;
  /** The current word when it came from a careful chunk; otherwise it is `chunks.t.slice(start, end)`. */
  private word: string | undefined;
  private start = 0;
  private end = 0;

  constructor(t: string) {
    this.chunks = new Chunks(t);
  }

  /** Move to the next word; false at the end of the text. */
  next(): boolean {
    if (this.at < this.careful.length) {
      this.word = this.careful[this.at++];
      return true;
    }
    const chunks = this.chunks;
    while (chunks.next()) {
      if (!chunks.special) {
        this.word = undefined;
        this.start = chunks.start;
        this.end = chunks.end;
        return true;
      }
      this.careful.length = 0;
      this.at = 0;
      carefulWords(chunks.text().toLowerCase(), this.careful);
      if (this.careful.length > 0) {
        this.word = this.careful[this.at++];
        return true;
      }
    }
    return false;
  }

  /**
   * Mix the current word in lower case into the two 32-bit lanes of `h` (then a separator): as `same` compares
   * words, ASCII letters folded here, any other word lower-cased whole.
   */
  mixInto(h: Uint32Array): void {
    // The word's characters: a careful word's (lower case already), a plain chunk's where it stands when ASCII
    // (its letters folded below), else the chunk lower-cased.
    let t = this.word ?? this.chunks.t;
    let from = this.word === undefined ? this.start : 0;
    let to = this.word === undefined ? this.end : t.length;
    for (let i = from; i < to; i++) {
      if (t.charCodeAt(i) < 0x80) continue;
      t = t.slice(from, to).toLowerCase();
      from = 0;
      to = t.length;
      break;
    }
    let a = h[0]!;
    let b = h[1]!;
    for (let i = from; i < to; i++) {
      let c = t.charCodeAt(i);
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b + c, 0x85ebca6b) ^ (b >>> 13);
    }
    h[0] = Math.imul(a ^ 0x10000, 0x01000193);
    h[1] = Math.imul(b + 0x10000, 0x85ebca6b) ^ (b >>> 13);
  }

  /** Whether the current word is `word` (a lower-case word) in lower case. */
  is(word: string): boolean {
    return this.word !== undefined ? this.word === word : chunkIs(this.chunks.t, this.start, this.end, word);
  }

  /** Whether the current words of this reader and `other` are the same (in lower case). */
  same(other: WordReader): boolean {
    if (other.word !== undefined) return this.is(other.word);
    if (this.word !== undefined) return other.is(this.word);
    const n = this.end - this.start;
    const t = this.chunks.t;
    const u = other.chunks.t;
    if (n === other.end - other.start) {
      let i = 0;
      for (; i < n; i++) {
        const a = t.charCodeAt(this.start + i);
        const b = u.charCodeAt(other.start + i);
        if (a >= 0x80 || b >= 0x80) break;
        if (a !== b && ((a | 0x20) !== (b | 0x20) || !isAsciiLetter(a))) return false;
      }
      if (i === n) return true;
    }
    return t.slice(this.start, this.end).toLowerCase() === u.slice(other.start, other.end).toLowerCase();
  }
}

/** The text as words are read from it: composed, invisible characters dropped, quotes unified, lower case (unless `lower` is false: then each word is compared in lower case). */
function prepare(text: string, options: WordsOptions, lower = true): string {
  let t = text.normalize('NFC').replace(INVISIBLE, '');
  if (options.joinLineEndHyphens) t = joinLineEndHyphens(t);
  t = t.replace(SINGLE_QUOTES, "'");
  return lower ? t.toLowerCase() : t;
}

/**
 * Whether the plain chunk `t[start, end)` is `word` (a lower-case word) in lower case: ASCII compared as it stands,
 * a chunk with anything else lower-cased whole (its lower case may differ in length: `İ` → `i̇`). A chunk is
 * lower-cased alone, not in its sentence (a Greek final sigma before a full stop may come out otherwise): the
 * audit then takes the careful path, which reads the whole text as wordsOf does.
 */
function chunkIs(t: string, start: number, end: number, word: string): boolean {
  const n = end - start;
  if (n === word.length) {
    let i = 0;
    for (; i < n; i++) {
      let c = t.charCodeAt(start + i);
      if (c >= 0x80) break;
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      if (c !== word.charCodeAt(i)) return false;
    }
    if (i === n) return true;
  }
  return t.slice(start, end).toLowerCase() === word;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * The chunks of a prepared text, in order: maximal runs of non-separator characters. A chunk without a
 * special character is one word as it stands; one with needs carefulWords.
 */
class Chunks {
  /** The current chunk is `t.slice(start, end)`. */
  start = 0;
  end = 0;
  /** Whether the current chunk has a special character. */
  special = false;

  constructor(readonly t: string) {}

  /** Move to the next chunk; false at the end of the text. */
  next(): boolean {
    const t = this.t;
    const n = t.length;
    let i = this.end;
    while (i < n && kindAt(t.charCodeAt(i)) === SEPARATOR_KIND) i++;
    if (i === n) return false;
    this.start = i;
    let special = false;
    if (kindAt(t.charCodeAt(i)) === SOLO) {
      this.end = i + 1;
      this.special = false;
      return true;
    }
    for (; i < n; i++) {
      const kind = kindAt(t.charCodeAt(i));
      if (kind === SEPARATOR_KIND || kind === SOLO) break;
      if (kind === SPECIAL) special = true;
    }
    this.end = i;
    this.special = special;
    return true;
  }

  /** The current chunk's text. */
  text(): string {
    return this.t.slice(this.start, this.end);
  }
}

/** The words of a chunk with joiners, apostrophes, marks or astral characters, appended to `words`. */
function carefulWords(chunk: string, words: string[]): void {
  for (const piece of chunk.split(INNER_SEPARATOR)) {
    const word = piece.replace(EDGE, '');
    if (!word || !HAS_WORD_CHAR.test(word)) continue;
    words.push(word.replace(JOINER, ''));
  }
}

const SEPARATOR_KIND = 0;
const WORD = 1;
/** Joiners, combining marks and astral characters: the chunk needs the careful path. */
const SPECIAL = 2;
/** Han and kana: each character is a word (Chinese and Japanese are written without spaces between words). */
const SOLO = 3;
const ASCII_KIND = new Uint8Array(128).map((_, c) => (/[a-z0-9]/i.test(String.fromCharCode(c)) ? WORD : /['-]/.test(String.fromCharCode(c)) ? SPECIAL : SEPARATOR_KIND));
const KIND_CACHE = new Uint8Array(65536).fill(255);
/** The kind of a UTF-16 code unit (a lone half of a surrogate pair is SPECIAL). */
function kindAt(c: number): number {
  return c < 0x80 ? ASCII_KIND[c]! : c >= 0xd800 && c <= 0xdfff ? SPECIAL : kindOf(c);
}
function kindOf(c: number): number {
  let k = KIND_CACHE[c]!;
  if (k !== 255) return k;
  const ch = String.fromCharCode(c);
  k = /[\u2010\u2011\u2013\p{M}]/u.test(ch) ? SPECIAL : /[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/.test(ch) ? SOLO : HAS_WORD_CHAR.test(ch) ? WORD : SEPARATOR_KIND;
  KIND_CACHE[c] = k;
  return k;
}

/**
 * `text.replace(LINE_END_HYPHEN, '$1')`, done from the hyphens: the regex tries a match at every letter of the text,
 * which made it the largest part of the PDF audit; this looks only at hyphens before a line break.
 */
export function joinLineEndHyphens(text: string): string {
  const parts: string[] = [];
  let from = 0;
  HYPHEN_BEFORE_BREAK.lastIndex = 0;
  for (let m = HYPHEN_BEFORE_BREAK.exec(text); m; m = HYPHEN_BEFORE_BREAK.exec(text)) {
    const hyphen = m.index;
    // The letter or digit before it (a surrogate pair is one). It cannot belong to the previous join, which
    // ended at spacing right before a letter: that letter is this one only if this hyphen follows it directly.
    const low = text.charCodeAt(hyphen - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && hyphen >= 2 && isHighSurrogate(text.charCodeAt(hyphen - 2));
    if (!isLetterOrDigit(text.codePointAt(hyphen - (pair ? 2 : 1)))) continue; // (undefined before the start)
    SPACES.lastIndex = hyphen + 1;
    SPACES.exec(text);
    const after = SPACES.lastIndex;
    if (!isLetterOrDigit(text.codePointAt(after))) continue;
    parts.push(text.slice(from, hyphen));
    from = after;
    HYPHEN_BEFORE_BREAK.lastIndex = after;
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** 0: not yet known, 1: a letter or digit, 2: not. */
const LETTER_CACHE = new Uint8Array(65536);
function isLetterOrDigit(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  if (cp > 0xffff) return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
  let k = LETTER_CACHE[cp]!;
  if (k === 0) LETTER_CACHE[cp] = k = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 1 : 2;
  return k === 1;
}

const CONTEXT = 6;

/** Compare two word lists; on a difference, give its index and a little context from both. */
export function auditWords(expected: string[], actual: string[]): AuditResult {
  const n = Math.min(expected.length, actual.length);
  let i = 0;
  while (i < n && expected[i] === actual[i]) i++;
  if (i === expected.length && i === actual.length) return { ok: true };
  const from = Math.max(0, i - 2);
  return { ok: false, index: i, expected: expected.slice(from, i + CONTEXT), actual: actual.slice(from, i + CONTEXT) };
}
