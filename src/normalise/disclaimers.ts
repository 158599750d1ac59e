// Disclaimers as data: moved out of the text into front matter, with the rights holder they name, for the notices page.
import { disclaimerOwner } from './paratext-rules.js';
import { record, type NormaliseState } from './state.js';

/** How many paragraphs at each end of a story count as its edge, where weaker markers apply. */
export const EDGE_PARAGRAPHS = 3;

export function moveDisclaimer(state: NormaliseState, b: { text: string; line: number }, rule: string, evidence: string): void {
  const owner = disclaimerOwner(b.text);
  state.disclaimers.push({ line: b.line, text: b.text, ...(owner && { owner }) });
  record(state, { kind: 'disclaimer', action: 'moved', line: b.line, text: b.text, rule, evidence }, `moved a disclaimer to the notices${owner ? ` (owner: ${owner})` : ''}`);
}
