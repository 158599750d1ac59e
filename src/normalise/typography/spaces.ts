// Spacing: no space before a comma or period (or, in English, before ! ? ; :), none inside brackets, vulgar fractions, and no-break spaces where a line must not break.
import { has, NBSP, type Rule } from './rule.js';

/** `word ,` and `word .` lose the space (any language); English also `word !`, `word ?`, `word ;`, `word :`. */
export const spaceBeforePunctuation = (english: boolean): Rule => ({
  name: 'space-before-punctuation',
  trigger: (t) => (english ? /\s[,.!?;:]/ : /\s[,.]/).test(t),
  apply: (t) => {
    const s = t.replace(/\s+(?=[,.](?:\s|$|[”’»›"')\]]))/g, (m: string, at: number) => (AFTER_WORD.test(t[at - 1] ?? '') ? '' : m));
    // (`:)` and `;)` after a space are smileys: they keep it.)
    return english ? s.replace(/[ \t\u00A0\u202F]+(?=[!?]+(?:\s|$|[”’"')\]])|[;:](?:\s|$|[”’"'\]]))/g, (m: string, at: number) => (AFTER_WORD.test(s[at - 1] ?? '') ? '' : m)) : s;
  },
});

/** A word, a number, a closing bracket or a quotation mark (a straight one is curled later, after this rule). */
const AFTER_WORD = /[\p{L}\p{N}”’»)\]"']/u;

/** `( or not )` → `(or not)`, `[ sic ]` → `[sic]`; an emoticon (`:(`, `;)`) is left alone. */
export const bracketSpacing: Rule = {
  name: 'bracket-spacing',
  trigger: (t) => has(t, '(', '[') && /[([]\s|\s[)\]]/.test(t),
  apply: (t) => {
    const trim = (open: string, close: string) => (whole: string, inner: string, at: number) => {
      if (!/^\s|\s$/.test(inner) || /[:;=8]/.test(t[at - 1] ?? '')) return whole;
      const trimmed = inner.trim();
      return trimmed && !/^[:;=]|[:;=]$/.test(trimmed) ? `${open}${trimmed}${close}` : whole;
    };
    return t.replace(/\(([^()]*)\)/g, trim('(', ')')).replace(/\[([^[\]]*)\]/g, trim('[', ']'));
  },
};

const FRACTIONS: Record<string, string> = {
  '1/2': '½', '1/3': '⅓', '2/3': '⅔', '1/4': '¼', '3/4': '¾', '1/5': '⅕', '2/5': '⅖', '3/5': '⅗', '4/5': '⅘',
  '1/6': '⅙', '5/6': '⅚', '1/8': '⅛', '3/8': '⅜', '5/8': '⅝', '7/8': '⅞',
};

/** `1/2` → `½` where it stands alone (not in `1/2/2020` or `11/12`), and a whole number takes its fraction closed up: `4 ½` → `4½`. */
export const fractions: Rule = {
  name: 'fractions',
  trigger: (t, f) => f.digits && (t.includes('/') || /[¼½¾⅐-⅞]/.test(t)),
  apply: (t) => t.replace(/(?<![\d/.,⁄])[1-7]\/[2-8](?![\d/])/g, (f) => FRACTIONS[f] ?? f).replace(/(\d)[ \u00A0]+(?=[¼½¾⅐-⅞])/g, '$1'),
};

/** Unit symbols a number is tied to (longest first): `5 km`, `10 %`, `37,2 °C`, `7 $`. */
const UNITS =
  'km/h m/s kWh mph kph km cm mm µm nm mi ft yd kg mg µg lbs lb oz mL ml cL cl dl kW MW mA kHz MHz GHz Hz KB kB MB GB TB Ko Mo Go To ms sec min hrs hr deg °C °F ºC ºF CHF % ‰ m g l L W V Ω K s h € $ £ ¥ ₹ ₽ ฿'
    .split(' ')
    .map((u) => u.replace(/[$/]/g, '\\$&'))
    .join('|');
const NUMBER_UNIT = new RegExp(`(\\d)[ \\u00A0\\u202F]+(?=(?:${UNITS})(?![\\p{L}\\p{N}]))`, 'gu');

/** English titles tied to the name that follows (Standard Ebooks' list and a few more ranks), and `St.`. */
const TITLES = new Set('Mr Mrs Ms Mx Messrs Dr Drs Prof Profs Lt Lieut Capt Cmdr Cdr Adm Col Sgt Cpl Pvt Rev Fr Mt MM Mme Mmes Mlle Mlles St'.split(' '));
/** `St.` after a capitalised word or a number is Street (`Baker St. Then…`), unless the word makes a saint's place name (`Mount St. Helens`). */
const STREET_BEFORE = /(?:^|[\s(])(?:(?!(?:Mount|Mt\.|Fort|Port|Cape|Lake|Isle) $)\p{Lu}[\p{L}’'-]*|\d+(?:st|nd|rd|th)?) $/u;

/** No-break spaces (both languages): a number and its unit, a time and `a.m.`/`p.m.`, `No.`/`nº` and the number, degrees and minutes of an angle. */
export const numberSpaces: Rule = {
  name: 'no-break-number',
  trigger: (t, f) => f.digits,
  apply: (t) =>
    t
      .replace(NUMBER_UNIT, `$1${NBSP}`)
      .replace(/(\d) +(?=(?:[ap]\.m\.|[AP]\.M\.|[ap]m|[AP]M)(?![\p{L}\p{N}]))/gu, `$1${NBSP}`)
      .replace(/\b(Nos?\.|nos?\.|[Nn][º°]) (?=\d)/g, `$1${NBSP}`)
      .replace(/([°º]) +(?=\d+(?:[.,]\d+)?['′])/g, `$1${NBSP}`),
};

/** English: `Mr.`, `Dr.`, `Capt.`… and `St.` as Saint are tied to the name after them (found from each `. `, which is fast). */
export const titleSpaces: Rule = {
  name: 'no-break-after-title',
  trigger: (t) => t.includes('. '),
  apply: (t) => {
    let out = '';
    let last = 0;
    for (let dot = t.indexOf('. '); dot > 0; dot = t.indexOf('. ', dot + 2)) {
      let start = dot;
      while (start > 0 && dot - start < 6 && isAsciiLetter(t.charCodeAt(start - 1))) start--;
      const first = t.charCodeAt(start);
      if (first < 65 || first > 90 || (start > 0 && /[\p{L}\p{N}]/u.test(t[start - 1]!)) || !/[\p{Lu}⸺⸻—]/u.test(t[dot + 2] ?? '')) continue;
      const word = t.slice(start, dot);
      if (!TITLES.has(word) || (word === 'St' && STREET_BEFORE.test(t.slice(Math.max(0, start - 30), start)))) continue;
      out += `${t.slice(last, dot)}.${NBSP}`;
      last = dot + 2;
    }
    return last === 0 ? t : out + t.slice(last);
  },
};

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
