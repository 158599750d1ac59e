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

/** Whether a hyphen in `text` has whitespace before or after it (`x - y`, `a bit- more`, `turned -slowly`), found from each hyphen. */
export function hyphenBySpace(text: string): boolean {
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) if (isSpaceCode(text.charCodeAt(i - 1)) || isSpaceCode(text.charCodeAt(i + 1))) return true;
  return false;
}

/** Whether a UTF-16 code unit is whitespace (as `\s`). */
export function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x202f || c === 0x3000 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x205f;
}
