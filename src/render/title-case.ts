// Titles set in capitals in the source ("I. A SCANDAL IN BOHEMIA") in title case for a contents list: the same words, roman numerals kept.

/** Words an English title keeps in lower case inside it (articles, short conjunctions and prepositions). */
const MINOR = new Set(['a', 'an', 'the', 'and', 'but', 'or', 'nor', 'for', 'as', 'at', 'by', 'in', 'of', 'on', 'per', 'to', 'via', 'from', 'into', 'onto', 'with', 'than', 'upon']);
/** Words after which a roman numeral is a number, not a word (CHAPTER XII, BOOK II, PART IV). */
const NUMBERED = /^(?:chapter|book|part|volume|vol|act|scene|canto|section|adventure|letter|stave|chap|ch)\.?$/i;
const ROMAN = /^(?=[IVXLCDM])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/** Whether a title is written in capitals: it has no lower-case letter and at least two capital letters. */
export function isAllCaps(title: string): boolean {
  return !/\p{Ll}/u.test(title) && (title.match(/\p{Lu}/gu) ?? []).length >= 2;
}

/** One word's letters in title case: `RED-HEADED` → `Red-Headed`, `ENGINEER’S` → `Engineer’s`, `O’BRIEN` → `O’Brien`. */
function capitalise(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|[-‐–])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/^([OD])(['’])(\p{L})/u, (_, o: string, q: string, ch: string) => o + q + ch.toUpperCase());
}

/**
 * An English title in capitals in title case, keeping its words (only their case changes); roman numerals that
 * number something (`IV.`, `CHAPTER XII`, a title that is only a numeral) stay capitals. A title in mixed case
 * keeps its case but for a label in capitals before it (`CHAPTER I. Down the Rabbit-Hole`); a title in any other
 * language comes back as it is: other languages' titles capitalise by other rules.
 */
export function titleCase(title: string, language: string): string {
  if (!/^(?:en|und)\b/i.test(language)) return title;
  if (!isAllCaps(title)) {
    // Only a label in capitals before a title in mixed case: `CHAPTER I. Down the Rabbit-Hole`.
    return title.replace(/^\p{Lu}{2,}(?=\s)/u, (label) => (NUMBERED.test(label) ? capitalise(label) : label));
  }
  const tokens = title.split(/(\s+)/);
  const words = tokens.filter((t, i) => i % 2 === 0);
  let previous = '';
  let startOfPhrase = true;
  let index = 0;
  const out = tokens.map((token, i) => {
    if (i % 2 === 1) return token;
    const last = index === words.length - 1;
    index++;
    const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(token)!;
    const [, lead, core, trail] = m as unknown as [string, string, string, string];
    let result: string;
    if (!core) result = token;
    else if (ROMAN.test(core) && (words.length === 1 || NUMBERED.test(previous) || /^[.:]/.test(trail))) result = token;
    else if (!startOfPhrase && !last && !lead && MINOR.has(core.toLowerCase())) result = core.toLowerCase() + trail;
    else result = lead + capitalise(core) + trail;
    previous = core;
    startOfPhrase = !core || /[.:;!?—–-]$/.test(trail) || /^[—–-]+$/.test(token);
    return result;
  });
  return out.join('');
}
