// Quotation marks, apostrophes and primes: each straight mark is curled by what stands on either side of it.
import { has, type Rule } from './rule.js';

/**
 * TeX and typewriter quotes: ``` `` ``` opens, `''` after a word closes (in French as guillemets), a lone backtick is
 * a single quotation mark (`` `quote' ``, ``don`t``). A pair of backticks around text without an apostrophe
 * (`` `code` ``) is left as typed.
 */
export const texQuotes = (french: boolean): Rule => ({
  name: 'tex-quotes',
  trigger: (t) => has(t, '`', "''"),
  apply: (text) => {
    const t = text.replace(/``/g, french ? '«' : '“').replace(/(\S)''(?![\p{L}\p{N}])/gu, french ? '$1»' : '$1”');
    return t.replace(/`[\p{L}\p{N}][^`']*`|`/gu, (m: string, at: number) => (m.length > 1 ? m : isWordChar(t[at - 1]) || isSpace(t[at + 1]) ? '’' : '‘'));
  },
});

/** Feet and inches, minutes and seconds: `6' 10"`, `5'10"`, `2'33"`, `2"44'` → `6′ 10″`… */
export const primes: Rule = {
  name: 'primes',
  trigger: (t, f) => f.digits && has(t, "'", '"'),
  apply: (t) => t.replace(/(\d)'( ?)(\d+(?:[.,]\d+)?)"/g, '$1′$2$3″').replace(/(\d)"(\d+(?:[.,]\d+)?)'/g, '$1″$2′'),
};

/**
 * Words that begin with an apostrophe for elided letters (after Standard Ebooks' list, with common dialect forms).
 * Those in ANY_CASE elide however they are written (`'Tis`, `'Twixt`); those in LOWER_CASE only in lower case,
 * because capitalised they are usually a quotation's first word (`'Em` is a name, `'Er…` a hesitation).
 */
const ANY_CASE = new Set(
  'tis twas twere twould twill twixt tween til cause cos coz cuz neath gainst midst mongst bout nuff fraid spose sposed cept scuse pon specially appen aven ave ome ere ello allo e n'.split(' '),
);
const LOWER_CASE = new Set('em er im un uns ud ow round course kay member less nother alf ead ee'.split(' '));

/** Whether `'` before `at` elides a century: `'90s`, `'05`. */
function century(t: string, at: number): boolean {
  return /^\d\d(?:s|(?![\p{L}\d]))/u.test(t.slice(at, at + 4));
}

/** Whether the letters after an apostrophe at `at` make an elided word (`'tis`, `'Twixt`, `'e`, `'n'`) or an elided century (`'90s`, `'05`). */
function elides(t: string, at: number): boolean {
  let end = at;
  while (end < t.length && isLetter(t[end])) end++;
  if (end === at) return century(t, at);
  let word = t.slice(at, end);
  // `'tisn't`, `'twasn't`
  if (word.endsWith('n') && /['’]t/.test(t.slice(end, end + 2))) word = word.slice(0, -1);
  const lower = word.toLowerCase();
  if (lower === 'n') return /['’]/.test(t[end] ?? '');
  if (lower === 'e' && /['’]/.test(t[end] ?? '')) return false; // `'E'`: a quoted letter
  return ANY_CASE.has(lower) || (LOWER_CASE.has(word) && word === lower);
}

/** What a mark after this character opens: spaces, the start, opening brackets and quotes, slashes, `=` (dashes: see sideOf). */
const OPENS_AFTER = new Set([...'([{“‘«‹„/=¿¡']);
const DASHES = new Set([...'—–-―⸺⸻']);
/** After a dash, a mark followed by one of these closes (`nine—"`); followed by a word it opens (`dog—"'man's'"`). */
const CLOSING_PUNCTUATION = new Set([...'.,;:!?)]}']);

/**
 * Curl the straight quotation marks of one paragraph by position: a mark opens after a space, the start, an
 * opening bracket, quote or dash (when a word follows); it closes after a word or closing punctuation; an
 * apostrophe stands between letters and before elided words and centuries. A mark with space on both sides (a
 * ditto mark) and the tear of `:'(` stay as typed. `21"` with no quotation open is the inch mark ″.
 * French (`french`): double marks are guillemets « » (“ ” inside guillemets), single marks “ ”, apostrophes ’;
 * English curly marks the author typed stay as they are.
 */
export function curlQuotes(t: string, french: boolean): string {
  const open = new OpenQuotations(french);
  const re = french ? /["'«»“”]/g : /["']/g;
  let out = '';
  let last = 0;
  /** The last mark curled, so a mark right after it sees the curled character. */
  let curledAt = -1;
  let curled = '';
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const at = m.index;
    const mark = m[0];
    if (mark !== '"' && mark !== "'") {
      open.typed(mark);
      continue;
    }
    const p = previous(t, at);
    const before = p < 0 ? undefined : p === curledAt ? curled : t[p];
    const after = t[next(t, at)];
    const side = sideOf(before, after, t, at);
    let result: string | undefined;
    if (mark === '"') result = isDigit(before) && (after === '"' || (open.none() && shortNumber(t, at))) ? '″' : open.double(side);
    else if (isWordChar(before) && isWordChar(after)) result = '’';
    else if (/[:;=]/.test(before ?? '') && (after === '(' || after === ')')) result = undefined;
    else if (side === 'open' && (french ? century(t, at + 1) : elides(t, at + 1))) result = '’';
    else result = open.single(side);
    if (result === undefined) continue;
    out += t.slice(last, at) + result;
    last = at + 1;
    curledAt = at;
    curled = result;
  }
  return last === 0 ? t : out + t.slice(last);
}

/** The quotations open at a point of the paragraph, and the marks that open and close them in its language. */
class OpenQuotations {
  /** The double marks open, outermost first (French: « or “). */
  private readonly doubles: string[] = [];
  private singles = 0;

  constructor(private readonly french: boolean) {}

  /** A curly mark or guillemet the author typed (French only: English ones need no tracking). */
  typed(mark: string): void {
    if (mark === '«' || mark === '“') this.doubles.push(mark);
    else this.doubles.pop();
  }

  none(): boolean {
    return this.doubles.length === 0;
  }

  double(side: Side): string | undefined {
    if (side === 'open') {
      const mark = !this.french ? '“' : this.doubles.length > 0 ? '“' : '«';
      this.doubles.push(mark);
      return mark;
    }
    if (side === 'close') return this.doubles.pop() === '«' ? '»' : '”';
    return undefined;
  }

  single(side: Side): string | undefined {
    if (side === 'open') {
      this.singles++;
      return this.french ? '“' : '‘';
    }
    if (side !== 'close') return undefined;
    const closesOne = this.singles > 0;
    this.singles = Math.max(0, this.singles - 1);
    return this.french && closesOne ? '”' : '’';
  }
}

type Side = 'open' | 'close' | 'alone';

/** Whether a mark between `before` and `after` opens, closes, or stands alone (space on both sides). */
function sideOf(before: string | undefined, after: string | undefined, t: string, at: number): Side {
  if (isSpace(after)) return isSpace(before) ? 'alone' : 'close';
  if (isSpace(before) || OPENS_AFTER.has(before!)) {
    if (after === '.') return /[\p{L}\p{N}.]/u.test(t[next(t, at) + 1] ?? '') ? 'open' : 'close';
    return CLOSING_PUNCTUATION.has(after!) ? 'close' : 'open';
  }
  if (DASHES.has(before!)) return CLOSING_PUNCTUATION.has(after!) ? 'close' : 'open';
  return 'close';
}

/** The index of the character before `at`, looking through emphasis markers (`*`, `_`) and note-reference markers. */
function previous(t: string, at: number): number {
  let i = at - 1;
  for (;;) {
    const c = t[i];
    if (c === '*' || c === '_') i--;
    else if (c === '\uE001') i = t.lastIndexOf('\uE000', i) - 1;
    else return i;
  }
}

/** The index of the character after `at`, looking through emphasis markers. */
function next(t: string, at: number): number {
  let i = at + 1;
  while (t[i] === '*' || t[i] === '_') i++;
  return i;
}

/** Whether the number ending before `at` is a plausible measurement (up to three digits, or a decimal): not a year. */
function shortNumber(t: string, at: number): boolean {
  let i = at - 1;
  let digits = 0;
  while (i >= 0 && isDigit(t[i])) {
    digits++;
    i--;
  }
  if (t[i] === '.' && isDigit(t[i - 1])) return true;
  return digits <= 3;
}

function isSpace(c: string | undefined): boolean {
  return c === undefined || /\s/.test(c);
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
function isLetter(c: string | undefined): boolean {
  return c !== undefined && /\p{L}/u.test(c);
}
function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

export const quotes = (french: boolean): Rule => ({ name: 'quotes', trigger: (t) => has(t, '"', "'"), apply: (t) => curlQuotes(t, french) });
