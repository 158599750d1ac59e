// Step `typography`: Standard Ebooks' rules for English (curly quotes, primes, dashes, ellipses, no-break spaces), French rules for `fr`; the rules are in typography/.
import { ellipsis, elisionDashes, ENGLISH_DASHES, FRENCH_DASHES, minus, numberRanges, plusMinus } from './typography/dashes.js';
import { FRENCH_SPACING } from './typography/french.js';
import { primes, quotes, texQuotes } from './typography/quotes.js';
import { factsOf, type Rule } from './typography/rule.js';
import { bracketSpacing, fractions, numberSpaces, spaceBeforePunctuation, titleSpaces } from './typography/spaces.js';
import type { NormaliseStep } from './state.js';

/** Rules both languages run first: ellipses, elided-word dashes, ±, number ranges, the minus sign. */
const MARKS: Rule[] = [ellipsis, elisionDashes, plusMinus, numberRanges, minus];

/** Each language's rules, in the order they apply (named as in docs/normaliser.md). */
const ENGLISH_RULES: Rule[] = [texQuotes(false), ...MARKS, ...ENGLISH_DASHES, spaceBeforePunctuation(true), bracketSpacing, primes, quotes(false), fractions, numberSpaces, titleSpaces];
const FRENCH_RULES: Rule[] = [texQuotes(true), ...MARKS, ...FRENCH_DASHES, spaceBeforePunctuation(false), bracketSpacing, primes, quotes(true), ...FRENCH_SPACING, fractions, numberSpaces];

/** Apply the typography rules of a language to one paragraph or heading. */
export function typeset(text: string, language: string): string {
  const rules = language.toLowerCase().startsWith('fr') ? FRENCH_RULES : ENGLISH_RULES;
  const facts = factsOf(text);
  let t = text;
  for (const rule of rules) if (rule.trigger(t, facts)) t = rule.apply(t);
  return t;
}

export const typography: NormaliseStep = {
  name: 'typography',
  run(state) {
    const lang = state.options.language;
    for (const b of state.blocks) if (b.kind !== 'sceneBreak' && !(b.kind === 'paragraph' && b.literal)) b.text = typeset(b.text, lang);
    for (const n of state.notes) n.paragraphs = n.paragraphs.map((p) => typeset(p, lang));
  },
};
