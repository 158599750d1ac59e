// Step `disclaimer`: moves disclaimer paragraphs out of the text into front matter, with the rights holder they name.
import { disclaimerOwner, isStrongDisclaimer, isWeakDisclaimer } from './paratext-rules.js';
import type { NormaliseStep } from './state.js';

/** How many paragraphs at each end of a story count as its edge, where weaker markers apply. */
export const EDGE_PARAGRAPHS = 3;

export const disclaimers: NormaliseStep = {
  name: 'disclaimer',
  run(state) {
    const paragraphIndex = new Map<number, number>();
    state.blocks.forEach((b, i) => b.kind === 'paragraph' && paragraphIndex.set(i, paragraphIndex.size));
    const total = paragraphIndex.size;
    state.blocks = state.blocks.filter((b, i) => {
      if (b.kind !== 'paragraph') return true;
      const p = paragraphIndex.get(i)!;
      const atEdge = p < EDGE_PARAGRAPHS || p >= total - EDGE_PARAGRAPHS;
      if (!isStrongDisclaimer(b.text) && !(atEdge && isWeakDisclaimer(b.text))) return true;
      const owner = disclaimerOwner(b.text);
      state.disclaimers.push({ line: b.line, text: b.text, ...(owner && { owner }) });
      state.removed.push({ kind: 'disclaimer', action: 'moved', line: b.line, text: b.text });
      state.messages.info('disclaimer', `moved a disclaimer to the notices${owner ? ` (owner: ${owner})` : ''}`, state.options.file, b.line);
      return false;
    });
  },
};
