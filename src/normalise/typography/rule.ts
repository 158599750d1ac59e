// The shape of one typography rule, and what the rules share.

/**
 * What is known of a paragraph before the rules run, from two scans that spare most rules a scan of their own
 * (`includes` of an ASCII character is cheap; a search for a non-ASCII one or a regex scan is not).
 */
export interface Facts {
  /** The paragraph has a digit (no rule adds one): the number rules can apply. */
  digits: boolean;
  /** The paragraph has an en dash, em dash or horizontal bar typed as such. */
  dashes: boolean;
}

export function factsOf(text: string): Facts {
  return { digits: /\d/.test(text), dashes: /[–—―]/.test(text) };
}

/**
 * A named rule (named as in docs/normaliser.md), applied to one paragraph. `trigger` says cheaply whether the rule
 * can apply (mostly `includes`, which is far faster than a regex scan of a long paragraph); `apply` does the work.
 */
export interface Rule {
  name: string;
  trigger(text: string, facts: Facts): boolean;
  apply(text: string): string;
}

/** Whether `text` contains any of `needles` (ASCII ones: see Facts). */
export function has(text: string, ...needles: string[]): boolean {
  for (const n of needles) if (text.includes(n)) return true;
  return false;
}

export const NBSP = '\u00A0';
export const NNBSP = '\u202F';

/** Whether a hyphen in `text` has a space before or after it (`x - y`, `a bit- more`, `turned -slowly`), found from each hyphen. */
export function hyphenBySpace(text: string): boolean {
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) if (text[i - 1] === ' ' || text[i + 1] === ' ') return true;
  return false;
}

/**
 * Replace each match of `anchor` (a global regex that starts with a rare character, so the scan is fast) together
 * with the whitespace around it (on `sides`) by what `replace` returns for the characters beyond that whitespace;
 * `undefined` leaves the match and its spaces as they are. (A regex that starts with `\s*` is tried at every position.)
 */
export function replaceWithSpaces(
  text: string,
  anchor: RegExp,
  replace: (before: string | undefined, after: string | undefined, match: string) => string | undefined,
  sides: 'both' | 'before' | 'after' = 'both',
): string {
  let out = '';
  let last = 0;
  anchor.lastIndex = 0;
  for (let m = anchor.exec(text); m; m = anchor.exec(text)) {
    let start = m.index;
    let end = start + m[0].length;
    if (sides !== 'after') while (start > last && isSpace(text.charCodeAt(start - 1))) start--;
    if (sides !== 'before') while (end < text.length && isSpace(text.charCodeAt(end))) end++;
    const by = replace(text[start - 1], text[end], m[0]);
    if (by === undefined) continue;
    out += text.slice(last, start) + by;
    last = end;
    anchor.lastIndex = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x202f || c === 0x3000 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x205f;
}
