// Ellipses and dashes: elided words (⸺ ⸻), number ranges (–), the minus sign (−), em dashes in English and spaced en dashes in French.
import { has, hyphenBySpace, NBSP, replaceWithSpaces, type Rule } from './rule.js';

const LETTER = /\p{L}/u;

/** Three or more periods, spaced or not (`...`, `. . .`, `....`, `.. .. .`), are one ellipsis; two stay as typed. */
export const ellipsis: Rule = { name: 'ellipsis', trigger: (t) => {
    for (let i = t.indexOf('.'); i >= 0; i = t.indexOf('.', i + 1)) {
      const c = t[i + 1];
      if (c === '.' || ((c === ' ' || c === NBSP) && t[i + 2] === '.')) return true;
    }
    return false;
  }, apply: (t) => t.replace(/\.(?:[ \u00A0]?\.){2,}/g, '…') };

/**
 * A run of four or more hyphens or two or more em dashes stands for elided letters (Standard Ebooks): a whole
 * word (`Mr. ----`) is the three-em dash ⸻, part of a word (`D——`, `d----d`, `----shire`) the two-em dash ⸺.
 * After a longer word (`going to----`) it is an interrupted sentence: an em dash.
 */
export const elisionDashes: Rule = {
  name: 'elision-dashes',
  trigger: (t, f) => t.includes('----') || (f.dashes && /[—―]{2}/.test(t)),
  apply: (t) =>
    t.replace(/-{4,}|[—―]{2,}/g, (run: string, at: number) => {
      let before = 0;
      while (before < 2 && at - before > 0 && LETTER.test(t[at - before - 1]!)) before++;
      if (before >= 2) return '—';
      return before === 1 || LETTER.test(t[at + run.length] ?? '') ? '⸺' : '⸻';
    }),
};

export const plusMinus: Rule = { name: 'plus-minus', trigger: (t, f) => f.digits && t.includes('+-'), apply: (t) => t.replace(/\+-(?=\d)/g, '±') };

const NUMBER = '\\d+(?:[.,:]\\d+)*';
/** Two numbers joined by a hyphen or en dash, spaced alike on both sides, and not part of a longer chain (a date, a phone number). */
const RANGE = new RegExp(`(?<![\\d.,:\\-–]|\\d *[-–] *)(${NUMBER})( *)[-–]\\2(${NUMBER})(?!\\d|[.,:]\\d| *[-–] *\\d)`, 'g');

/** `1914-1918`, `1964 - 2009`, `1806 - 07`, `12--14` → en dash, closed up; `1440-'80s` → `1440–’80s`. */
export const numberRanges: Rule = {
  name: 'number-ranges',
  trigger: (t, f) => f.digits && has(t, '-', '–'),
  apply: (t) =>
    t
      .replace(/(\d)--(?=\d)/g, '$1–')
      .replace(RANGE, '$1–$3')
      .replace(/(\d)-(?='\d\d(?:s|(?![\p{L}\d])))/gu, '$1–'),
};

/** A hyphen before a number, after a space or an opening bracket, is the minus sign: `-5` → `−5`. */
export const minus: Rule = {
  name: 'minus',
  trigger: (t, f) => f.digits && t.includes('-'),
  apply: (t) => t.replace(/-(?=\d)/g, (m: string, at: number) => (at === 0 || /[\s([{/=]/.test(t[at - 1]!) ? '−' : m)),
};


/** English (Standard Ebooks): every dash between words is a closed em dash. */
export const ENGLISH_DASHES: Rule[] = [
  { name: 'horizontal-bar', trigger: (t, f) => f.dashes && t.includes('―'), apply: (t) => t.replace(/―/g, '—') },
  // Not the `<!--` / `-->` of an HTML comment typed as text.
  { name: 'em-dash-double-hyphen', trigger: (t) => t.includes('--'), apply: (t) => replaceWithSpaces(t, /-{2,}/g, (before, after) => (before === '!' || after === '>' ? undefined : '—')) },
  { name: 'em-dash-spaced-hyphen', trigger: (t, f) => hyphenBySpace(t) || (f.dashes && t.includes('–')), apply: (t) => t.replace(/ +[-–] +/g, '—') },
  { name: 'em-dash-hanging-hyphen', trigger: hyphenBySpace, apply: (t) => hangingHyphens(t, '—') },
  { name: 'em-dash-interrupted', trigger: (t) => t.includes('-') && /-(?:["'”’)]|\s*$)/.test(t), apply: (t) => interrupted(t).replace(/ +-(?=\s*$|["'”’])/g, '—') },
  { name: 'em-dash-leading', trigger: (t) => t[0] === '-', apply: (t) => t.replace(/^-\s*(?=\S)/u, '—') },
  { name: 'em-dash-spacing', trigger: (t, f) => f.dashes && / —|— /.test(t), apply: (t) => t.replace(/ +—/g, '—').replace(/— +/g, '—') },
];

const WORD_END = /[\p{L}\p{N},;!?’'"”»]/u;
const WORD_START = /[\p{L}\p{N}'"‘“«(]/u;

/** `a bit- hopefully`, `turned -slowly`: a hyphen spaced on one side between words is a dash. */
function hangingHyphens(t: string, dash: string): string {
  return t
    .replace(/- +/g, (m: string, at: number) => (WORD_END.test(t[at - 1] ?? '') && WORD_START.test(t[at + m.length] ?? '') ? dash : m))
    .replace(/ +-/g, (m: string, at: number, s: string) => (/[\p{L}\p{N}.,;!?'"’”»]/u.test(s[at - 1] ?? '') && /[\p{L}\p{N}'"‘“«]/u.test(s[at + m.length] ?? '') ? dash : m));
}

/** `detonat-`, `prowess-"`: a word broken off by a hyphen at the end of the paragraph or before a closing quote. */
function interrupted(t: string): string {
  return t.replace(/-(?=["'”’»)]*\s*$|["'”’»])/g, (m: string, at: number) => (/[\p{L}\p{N}]/u.test(t[at - 1] ?? '') ? '—' : m));
}

/**
 * French: a dash between words is a spaced en dash (`venu - enfin`, `venu--enfin` → `venu – enfin`); a typed em
 * dash keeps its spacing; a paragraph opening with a dash is dialogue: an em dash and a no-break space.
 */
export const FRENCH_DASHES: Rule[] = [
  { name: 'dialogue-dash', trigger: (t) => t[0] === '-' || t[0] === '–' || t[0] === '—', apply: (t) => t.replace(/^(?:-{1,3}|[–—])\s*(?=\S)/u, `—${NBSP}`) },
  {
    name: 'en-dash-double-hyphen',
    trigger: (t) => t.includes('--'),
    // Between words a spaced en dash; ending the paragraph or a quotation, an interruption: an em dash.
    apply: (t) =>
      replaceWithSpaces(t, /-{2,3}/g, (before, after) =>
        before === undefined || before === '<' || before === '!' || after === '>' ? undefined : after === undefined || /["'”’»]/.test(after) ? '—' : ' – ',
      ),
  },
  { name: 'en-dash-spaced-hyphen', trigger: (t, f) => hyphenBySpace(t) || (f.dashes && t.includes('–')), apply: (t) => t.replace(/(?<=\S) +[-–] +(?=\S)/g, ' – ') },
  { name: 'en-dash-hanging-hyphen', trigger: hyphenBySpace, apply: (t) => hangingHyphens(t, ' – ') },
  { name: 'em-dash-interrupted', trigger: (t) => t.includes('-') && /-(?:["'”’»)]|\s*$)/.test(t), apply: interrupted },
];
