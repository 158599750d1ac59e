// Step `typography`: Standard Ebooks' rules (curly quotes, em/en dashes, ellipses, no-break spaces), French rules for `fr`.
import type { NormaliseStep } from './state.js';

const L = '\\p{L}\\p{N}';
const NBSP = '\u00A0';
const NNBSP = '\u202F';

/** Each rule has a name (as in docs/normaliser.md) and is applied in order to one paragraph or heading. */
const ENGLISH_RULES: Array<[name: string, apply: (t: string) => string]> = [
  ['ellipsis', (t) => t.replace(/\.\s\.\s\.(?:\s\.(?!\s*\.))?/g, '…').replace(/\.{3,}/g, (m) => (m.length === 4 ? '….' : '…'))],
  // Not the `<!--` / `-->` of an HTML comment typed as text.
  ['em-dash-double-hyphen', (t) => t.replace(/(?<!<!)\s*-{2,}\s*(?![->])/g, '—')],
  ['em-dash-spaced-hyphen', (t) => t.replace(/ +[-–] +/g, '—')],
  ['em-dash-hanging-hyphen', (t) => t.replace(new RegExp(`([${L},;!?’'"”])- +(?=[${L}'"‘“(])`, 'gu'), '$1—').replace(new RegExp(`([${L}.,;!?'"’”]) +-(?=[${L}'"‘“])`, 'gu'), '$1—')],
  ['em-dash-interrupted', (t) => t.replace(new RegExp(`([${L}])-(?=["'”’)]*\\s*$|["'”’])`, 'gu'), '$1—').replace(/ +-\s*$/u, '—').replace(/ +-(?=["'”’])/gu, '—')],
  ['em-dash-leading', (t) => t.replace(/^-\s*(?=\S)/u, '—')],
  ['em-dash-spacing', (t) => t.replace(/ *— */g, '—')],
  ['en-dash-range', (t) => t.replace(/(?<![\d-])(\d{1,4})-(\d{1,4})(?![\d-])/g, '$1–$2')],
  ['apostrophe-elision', (t) => t.replace(/(^|[\s(“"‘—–-])'(?=(?:em|tis|twas|til|cause|n|round|bout|s)\b|\d\ds?\b)/giu, '$1’')],
  ['quotes-closing', (t) => t.replace(/(\S)"(?=$|[\s.,;:!?)\]}—–…’'-])/gu, '$1”').replace(/(\S)'(?=$|[\s.,;:!?)\]}—–…"”-])/gu, '$1’')],
  ['apostrophe', (t) => t.replace(new RegExp(`([${L}])'(?=[${L}])`, 'gu'), '$1’')],
  ['quotes-opening', (t) => t.replace(/(^|[\s(\[{—–‘“-])"/gu, '$1“').replace(/(^|[\s(\[{—–“‘-])'/gu, '$1‘')],
  ['quotes-remaining', (t) => t.replace(new RegExp(`"(?=[${L}])`, 'gu'), '“').replace(/"/g, '”').replace(new RegExp(`'(?=[${L}])`, 'gu'), '‘').replace(/'/g, '’')],
  ['no-break-after-title', (t) => t.replace(/\b(Mr|Mrs|Ms|Dr|Mx|Prof|St|Messrs|Mme|Mlle)\. (?=\p{Lu})/gu, `$1.${NBSP}`)],
];

const FRENCH_RULES: Array<[name: string, apply: (t: string) => string]> = [
  // French keeps a spaced dash spaced, as an en dash (`Chapitre 1 – Ombre`, `venu – enfin`).
  ...ENGLISH_RULES.filter(([n]) => n !== 'no-break-after-title' && n !== 'em-dash-spacing' && n !== 'em-dash-leading').map(([n, apply]): [string, (t: string) => string] => (n === 'em-dash-spaced-hyphen' ? [n, (t) => t.replace(/ +[-–] +/g, ' – ')] : [n, apply])),
  ['em-dash-leading', (t) => t.replace(/^[-–—]\s*(?=\S)/u, `—${NBSP}`)],
  ['guillemets', (t) => t.replace(/“\s*/g, `«${NNBSP}`).replace(/\s*”/g, `${NNBSP}»`).replace(/«\s+/g, `«${NNBSP}`).replace(/\s+»/g, `${NNBSP}»`)],
  ['space-before-high-punctuation', (t) => t.replace(/(\S) *([;!?])(?=\s|$|[»”’)])/gu, (m, a: string, p: string) => (a === NNBSP ? m : `${a}${NNBSP}${p}`))],
  ['space-before-colon', (t) => t.replace(/([^\s\d]) *:(?=\s|$)/gu, `$1${NBSP}:`)],
];

/** Apply the typography rules of a language to one text. */
export function typeset(text: string, language: string): string {
  const french = language.toLowerCase().startsWith('fr');
  const rules = french ? FRENCH_RULES : ENGLISH_RULES;
  let t = text;
  for (const [name, apply] of rules) {
    const trigger = TRIGGERS[name];
    if (trigger && !trigger.test(t)) continue;
    t = apply(t);
  }
  return t;
}

/** A rule runs only when its trigger is present (plain regexes, so long paragraphs are cheap). */
const TRIGGERS: Record<string, RegExp> = {
  ellipsis: /\.\s?\./,
  'em-dash-double-hyphen': /--/,
  'em-dash-spaced-hyphen': /[-–]/,
  'em-dash-hanging-hyphen': /-/,
  'em-dash-interrupted': /-/,
  'em-dash-leading': /^[-–—]/,
  'em-dash-spacing': / —|— /,
  'en-dash-range': /\d-\d/,
  'apostrophe-elision': /'/,
  'quotes-closing': /["']/,
  apostrophe: /'/,
  'quotes-opening': /["']/,
  'quotes-remaining': /["']/,
  'no-break-after-title': /[MDSJP][a-z]{0,4}\. /,
  'space-before-high-punctuation': /[;!?]/,
  'space-before-colon': /:/,
};

export const typography: NormaliseStep = {
  name: 'typography',
  run(state) {
    const lang = state.options.language;
    for (const b of state.blocks) if (b.kind !== 'sceneBreak' && !(b.kind === 'paragraph' && b.literal)) b.text = typeset(b.text, lang);
    for (const n of state.notes) n.paragraphs = n.paragraphs.map((p) => typeset(p, lang));
  },
};
