// Ellipses and dashes: elided words (⸺ ⸻), number ranges (–), the minus sign (−), em dashes in English and spaced en dashes in French.
import { has, hyphenBySpace, isSpaceCode, NBSP, type Rule } from './rule.js';

const LETTER = /\p{L}/u;
const DASH = /[-–—―⸺⸻]/;

/** Three or more periods, spaced or not (`...`, `. . .`, `....`, `.. .. .`), are one ellipsis; two stay as typed. */
export const ellipsis: Rule = {
  name: 'ellipsis',
  trigger: (t) => {
    for (let i = t.indexOf('.'); i >= 0; i = t.indexOf('.', i + 1)) {
      const c = t[i + 1];
      if (c === '.' || ((c === ' ' || c === NBSP) && t[i + 2] === '.')) return true;
    }
    return false;
  },
  apply: (t) => t.replace(/\.(?:[ \u00A0]?\.){2,}/g, '…'),
};

/**
 * A run of dashes two em long or more (four hyphens, two em dashes, `---—`) stands for elided letters (Standard
 * Ebooks): a whole word (`Mr. ----`) is the three-em dash ⸻, part of a word (`D——`, `d----d`, `----shire`) the
 * two-em dash ⸺. After a longer word (`going to----`) it is an interrupted sentence: an em dash. A shorter run
 * mixing hyphens and dashes (`—-`) is an em dash.
 */
export const elisionDashes: Rule = {
  name: 'elision-dashes',
  trigger: (t, f) => t.includes('----') || (f.dashes && /[—―]-|-[—―]|[—―]{2}/.test(t)),
  apply: (t) =>
    t.replace(/[-—―]{2,}/g, (run: string, at: number) => {
      const hyphens = run.split('-').length - 1;
      const ems = run.length - hyphens + hyphens / 2;
      if (ems < 2) return hyphens === run.length ? run : '—';
      let before = 0;
      while (before < 2 && at - before > 0 && LETTER.test(t[at - before - 1]!)) before++;
      if (before >= 2) return '—';
      return before === 1 || LETTER.test(t[at + run.length] ?? '') ? '⸺' : '⸻';
    }),
};

export const plusMinus: Rule = { name: 'plus-minus', trigger: (t, f) => f.digits && t.includes('+-'), apply: (t) => t.replace(/\+-(?=\d)/g, '±') };

const NUMBER = '\\d+(?:[.,:]\\d+)*';
const FRACTIONS = '¼½¾⅐-⅞';
/** Two numbers joined by a hyphen or en dash, spaced or not, not negative (`-5-3`) and not part of a longer chain (a date, a phone number). */
const RANGE = new RegExp(`(?<![\\d.,:–−]|(?:^|[^-])-|[\\d${FRACTIONS}]\\s*[-–—]\\s*)(${NUMBER})\\s*[-–]\\s*(${NUMBER})(?!\\d|[.,:]\\d|\\s*[-–—−]\\s*[\\d${FRACTIONS}])`, 'g');

/** `1914-1918`, `1964 - 2009`, `1806 - 07`, `12--14` → en dash, closed up; `1440-'80s` → `1440–’80s`. */
export const numberRanges: Rule = {
  name: 'number-ranges',
  trigger: (t, f) => f.digits && has(t, '-', '–'),
  apply: (t) =>
    t
      .replace(/(\d)--(?=\d)/g, '$1–')
      .replace(RANGE, '$1–$2')
      .replace(/(\d)-(?='\d\d(?:s|(?![\p{L}\d])))/gu, '$1–'),
};

/** A hyphen before a number, after a space, an opening bracket or quotation mark or a dash, is the minus sign: `-5` → `−5`. */
export const minus: Rule = {
  name: 'minus',
  trigger: (t, f) => f.digits && t.includes('-'),
  apply: (t) => t.replace(/-(?=\d)/g, (m: string, at: number) => (at === 0 || /[\s([{/="'«‹“‘–—]/.test(t[at - 1]!) ? '−' : m)),
};

/** English (Standard Ebooks): every dash between words is a closed em dash. */
export const ENGLISH_DASHES: Rule[] = [
  { name: 'horizontal-bar', trigger: (t, f) => f.dashes && t.includes('―'), apply: (t) => t.replace(/―/g, '—') },
  // Not the `<!--` / `-->` of an HTML comment typed as text.
  { name: 'em-dash-double-hyphen', trigger: (t) => t.includes('--'), apply: (t) => replaceWithSpaces(t, /-{2,}/g, (a) => (a.before === '!' || a.after === '>' ? undefined : closedDash(a))) },
  {
    name: 'em-dash-spaced-hyphen',
    trigger: (t, f) => hyphenBySpace(t) || (f.dashes && t.includes('–')),
    apply: (t) => replaceWithSpaces(t, /[-–]/g, (a) => (a.spaceBefore && a.spaceAfter ? closedDash(a) : undefined)),
  },
  { name: 'em-dash-hanging-hyphen', trigger: hyphenBySpace, apply: (t) => hangingHyphens(t, '—') },
  { name: 'em-dash-interrupted', trigger: (t) => t.includes('-'), apply: (t) => interrupted(t).replace(/ +-(?=\s*$|["'”’])/g, (m: string, at: number, u: string) => (DASH.test(u[at - 1] ?? '') ? m : '—')) },
  { name: 'em-dash-leading', trigger: (t) => t[0] === '-', apply: (t) => t.replace(/^-\s*(?=[^\s\-–—―⸺⸻])/u, '—') },
  {
    name: 'em-dash-spacing',
    // (Not Facts.dashes: the rules above make em dashes.)
    trigger: (t) => t.includes('—') && /\s—|—\s/.test(t),
    apply: (t) => replaceWithSpaces(t, /—/g, closedDash),
  },
];

/** Whether `space` is whitespace the author typed: not the no-break spaces the French rules put beside guillemets and marks. */
function typed(space: string): boolean {
  return space !== '' && !/[\u00A0\u202F]/.test(space);
}

/** An em dash closed up to its neighbours, except a neighbouring dash (closing up `— —` would make an elision dash of the two). */
function closedDash(a: Around): string {
  return `${DASH.test(a.before ?? '') ? a.spaceBefore : ''}—${DASH.test(a.after ?? '') ? a.spaceAfter : ''}`;
}

const WORD_END = /[\p{L}\p{N},;!?’'"”»]/u;
const WORD_START = /[\p{L}\p{N}'"‘“«(]/u;

/** `a bit- hopefully`, `turned -slowly`: a hyphen spaced on one side between words is a dash. */
function hangingHyphens(t: string, dash: string): string {
  return t
    .replace(/-\s+/g, (m: string, at: number) => (WORD_END.test(t[at - 1] ?? '') && WORD_START.test(t[at + m.length] ?? '') ? dash : m))
    .replace(/\s+-/g, (m: string, at: number, s: string) => (/[\p{L}\p{N}.,;!?'"’”»]/u.test(s[at - 1] ?? '') && /[\p{L}\p{N}'"‘“«]/u.test(s[at + m.length] ?? '') ? dash : m));
}

/** `detonat-`, `prowess-"`, `nine- ”`: a word broken off by a hyphen at the end of the paragraph or before a closing quote. */
function interrupted(t: string): string {
  return t.replace(/-(?=["'”’»)]*\s*$|["'”’»]|\s+[”’»)]|\s+["'](?:[\s.,;:!?)\]]|$))/g, (m: string, at: number) => (/[\p{L}\p{N}]/u.test(t[at - 1] ?? '') ? '—' : m));
}

/**
 * French: a dash between words is a spaced en dash (`venu - enfin`, `venu--enfin` → `venu – enfin`); a typed em
 * dash keeps its spacing; a paragraph opening with a dash is dialogue: an em dash and a no-break space. A typed
 * horizontal bar (the quotation dash) stays: only English turns it into an em dash (Standard Ebooks).
 */
export const FRENCH_DASHES: Rule[] = [
  {
    name: 'dialogue-dash',
    trigger: (t) => t[0] === '-' || t[0] === '–' || t[0] === '—' || t[0] === '―',
    // A horizontal bar typed as the quotation dash is kept (the language may use it); it too holds its first word.
    apply: (t) => t.replace(/^(?:-{1,3}|[–—])\s*(?=\S)/u, `—${NBSP}`).replace(/^―\s*(?=\S)/u, `―${NBSP}`),
  },
  {
    name: 'en-dash-double-hyphen',
    trigger: (t) => t.includes('--'),
    // Between words a spaced en dash; ending the paragraph or a quotation, an interruption: an em dash.
    apply: (t) =>
      replaceWithSpaces(t, /-{2,3}/g, (a) => {
        const { before, after } = a;
        if (before === undefined || before === '<' || before === '!' || after === '>') return undefined;
        if (DASH.test(before) || DASH.test(after ?? '')) return closedDash(a);
        return after === undefined || /["'”’»]/.test(after) ? '—' : /\d\d/.test(before + after) ? '–' : ' – ';
      }),
  },
  {
    name: 'en-dash-spaced-hyphen',
    trigger: (t, f) => hyphenBySpace(t) || (f.dashes && t.includes('–')),
    apply: (t) => replaceWithSpaces(t, /[-–]/g, (a) => (typed(a.spaceBefore) && typed(a.spaceAfter) && a.before && a.after ? ' – ' : undefined)),
  },
  { name: 'en-dash-hanging-hyphen', trigger: hyphenBySpace, apply: (t) => hangingHyphens(t, ' – ') },
  { name: 'em-dash-interrupted', trigger: (t) => t.includes('-'), apply: interrupted },
];

/** What stands around a match: the whitespace on each side and the characters beyond it (undefined at an end). */
interface Around {
  before: string | undefined;
  after: string | undefined;
  spaceBefore: string;
  spaceAfter: string;
}

/**
 * Replace each match of `anchor` (a global regex that starts with a rare character, so the scan is fast) together
 * with the whitespace around it by what `replace` returns; `undefined` leaves them as they are. A replacement that
 * ends in a space leaves the spaces after the match in the text, for the next match. (A regex that starts with
 * `\s*` is tried at every position: slow.)
 */
function replaceWithSpaces(text: string, anchor: RegExp, replace: (around: Around) => string | undefined): string {
  let out = '';
  let last = 0;
  anchor.lastIndex = 0;
  for (let m = anchor.exec(text); m; m = anchor.exec(text)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start > last && isSpaceCode(text.charCodeAt(start - 1))) start--;
    while (end < text.length && isSpaceCode(text.charCodeAt(end))) end++;
    const spaceAfter = text.slice(m.index + m[0].length, end);
    let by = replace({ before: text[start - 1], after: text[end], spaceBefore: text.slice(start, m.index), spaceAfter });
    if (by === undefined) continue;
    if (spaceAfter && isSpaceCode(by.charCodeAt(by.length - 1))) {
      by = by.trimEnd();
      end -= spaceAfter.length;
    }
    out += text.slice(last, start) + by;
    last = end;
    anchor.lastIndex = end;
  }
  return last === 0 ? text : out + text.slice(last);
}
