// French spacing: narrow no-break spaces inside guillemets and before ; ! ?, a no-break space before :, no space before an ellipsis, and titles tied to names.
import { has, NBSP, NNBSP, type Rule } from './rule.js';

/** What a French mark follows closely: a word, a number, a closing quotation mark or bracket, an emphasis marker. */
const WORD_BEFORE_MARK = /[\p{L}\p{N}»”’)\]*_]/u;

export const FRENCH_SPACING: Rule[] = [
  {
    // « » and ‹ › hold the text between narrow no-break spaces, whatever space was typed (or none).
    name: 'guillemets',
    trigger: (t) => /[«»‹›]/.test(t),
    apply: (t) =>
      t
        .replace(/([«‹])\s*(?=\S)/g, `$1${NNBSP}`)
        .replace(/\s+(?=[»›])/g, '')
        .replace(/[»›]/g, (mark: string, at: number) => (at === 0 ? mark : `${NNBSP}${mark}`)),
  },
  {
    // English marks the author typed (“ ” ‘ ’, the second level inside guillemets) hold the text close.
    name: 'english-quote-spacing',
    trigger: (t) => /[“‘]\s|\s[”’]/.test(t),
    apply: (t) => t.replace(/([“‘])\s+(?=[*_]*[^\s"'*_])/g, '$1').replace(/\s+(?=”|’(?!\p{L}))/gu, (m: string, at: number, s: string) => (at === 0 || /["'*_]/.test(s[at - 1]!) ? m : '')),
  },
  {
    // One narrow no-break space before ; ! ? (and before a run such as `!?`, with none inside it), replacing any
    // space typed, or added after a word.
    name: 'space-before-high-punctuation',
    trigger: (t) => /[;!?‽]/.test(t),
    apply: (t) =>
      t
        .replace(/([!?‽])\s+(?=[!?‽])/g, '$1')
        .replace(/\s+(?=[;!?‽])/g, (m: string, at: number) => (at === 0 ? m : NNBSP))
        .replace(/[;!?‽]+(?=\s|$|[»”’"')\]*_,.…\uE000])/g, (m: string, at: number, s: string) => (WORD_BEFORE_MARK.test(s[at - 1] ?? '') ? `${NNBSP}${m}` : m)),
  },
  {
    // A no-break space before a colon, replacing any space typed, or added after a word (not in `10:30` or a URL).
    name: 'space-before-colon',
    trigger: (t) => t.includes(':'),
    apply: (t) =>
      t
        .replace(/\s+:(?!:)/g, (m: string, at: number) => (at === 0 ? m : `${NBSP}:`))
        .replace(/:(?=\s|$)/g, (m: string, at: number, s: string) => (WORD_BEFORE_MARK.test(s[at - 1] ?? '') ? `${NBSP}:` : m)),
  },
  {
    name: 'ellipsis-spacing',
    trigger: (t) => /\s…/.test(t),
    apply: (t) => t.replace(/\s+…(?=\s|$|[»”’)\].,;:!?])/g, (m: string, at: number) => (/[\p{L}\p{N}]/u.test(t[at - 1] ?? '') ? '…' : m)),
  },
  { name: 'degrees', trigger: (t, f) => f.digits && has(t, '°', 'º'), apply: (t) => t.replace(/(?<=\d)(?=[°º][CF](?!\p{L}))/gu, NBSP) },
  {
    name: 'no-break-after-title',
    trigger: (t) => has(t, 'M. ', 'Mme', 'Mlle', 'Dr ', 'Pr ', 'Me ', 'Mgr '),
    apply: (t) => t.replace(/(?:M\.|MM\.|Mmes?|Mlles?|Dr|Pr|Me|Mgr) (?=[\p{Lu}⸺⸻])/gu, (m: string, at: number) => (/\p{L}/u.test(t[at - 1] ?? '') ? m : `${m.slice(0, -1)}${NBSP}`)),
  },
];
