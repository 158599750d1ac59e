// Step `paratext`: moves what is not story out of the running text — notes to notes, disclaimers to the notices, site lines out, title lines to metadata.
import { addNote, inlineNotes, placeNote, type NoteParagraph } from './author-notes.js';
import { moveDisclaimer } from './disclaimers.js';
import { findParatext } from './paratext-zones.js';
import type { Verdict } from './paratext-verdict.js';
import { fieldLabel } from './site-metadata.js';
import { NOTE_REF, record, type DraftBlock, type NormaliseStep } from './state.js';
import { plainText } from './text-features.js';

/**
 * Each paratext block leaves the story with its rule and evidence (see paratext-zones.ts for how they are found):
 * consecutive note paragraphs make one note, placed at the start, the end or inline; a summary, title or author
 * the text states is kept as the story's metadata where the config gives none.
 */
export const paratext: NormaliseStep = {
  name: 'paratext',
  run(state) {
    const blocks = state.blocks;
    const verdicts = findParatext(state);
    // storyFrom[i]: a story paragraph stands at i or after it.
    const storyFrom = new Array<boolean>(blocks.length + 1).fill(false);
    for (let i = blocks.length - 1; i >= 0; i--) storyFrom[i] = storyFrom[i + 1]! || (blocks[i]!.kind === 'paragraph' && !verdicts[i]);
    const out: DraftBlock[] = [];
    let note: NoteParagraph[] = [];
    const closeNote = (next: number): void => {
      if (note.length === 0) return;
      placeNote(state, addNote(state, note), out, storyFrom[next]!);
      note = [];
    };
    const summary: string[] = [];
    /** Only the first summary the text states is taken (a repeated one at a later chapter is dropped). */
    let summaryDone = false;
    for (const [i, b] of blocks.entries()) {
      const v = verdicts[i];
      if (!v) {
        if (summary.length > 0) summaryDone = true;
        closeNote(i);
        if (b.kind !== 'paragraph') out.push(b);
        else keepParagraph(b, i);
        continue;
      }
      if (v.kind === 'authorNote' && b.kind === 'paragraph') {
        note.push({ text: b.text, line: b.line, rule: v.rule, evidence: v.evidence });
        continue;
      }
      closeNote(i);
      if (v.kind === 'disclaimer') moveDisclaimer(state, b, v.rule, v.evidence);
      else takeOut(b, v);
    }
    closeNote(blocks.length);
    if (summary.length > 0) state.found.summary ??= summary.join(' ');
    state.blocks = out;

    function keepParagraph(b: Extract<DraftBlock, { kind: 'paragraph' }>, i: number): void {
      // A paragraph the config keeps stays as it is, an `(A/N: …)` inside it too.
      const text = b.force?.key === 'keep' ? b.text : inlineNotes(state, b);
      if (text === b.text || text.replace(NOTE_REF, '').trim() !== '') {
        out.push(text === b.text ? b : { ...b, text });
        return;
      }
      // The paragraph was nothing but an inline note: a note of its own where it stood.
      for (const m of text.matchAll(NOTE_REF)) placeNote(state, state.notes[Number(m[1])]!, out, storyFrom[i + 1]!);
    }

    function takeOut(b: DraftBlock, v: Verdict): void {
      const plain = plainText(b.text).replace(/^[-*•]\s+/, '');
      let used = false;
      if (v.title && !state.found.title) {
        state.found.title = v.title;
        used = !state.options.title;
      }
      if (v.author && !state.found.author) {
        state.found.author = v.author;
        used = !state.options.authors?.length;
      }
      if (v.summary && b.kind === 'paragraph' && !summaryDone) {
        summary.push(fieldLabel(b.text)?.value || plain);
        used = state.options.summary === undefined;
      } else if (summary.length > 0) summaryDone = true;
      const what = v.kind === 'titleLine' ? (v.author ? 'a byline' : 'a title line') : v.rule === 'summary' ? 'a summary' : 'a site line';
      record(state, { kind: v.kind === 'titleLine' ? 'titleLine' : 'metadata', action: used ? 'moved' : 'removed', line: b.line, text: b.text, rule: v.rule, evidence: v.evidence }, `${used ? 'took' : 'removed'} ${what}`);
    }
  },
};
