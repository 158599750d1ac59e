// Step `author-note`: moves author's notes (paragraphs that start with a marker, inline `(A/N: …)`, review lines at the edges) to notes.
import { EDGE_PARAGRAPHS } from './disclaimers.js';
import { disclaimerOwner, INLINE_NOTE, isNoteStart, isReviewLine, wordCount } from './paratext-rules.js';
import { noteRefMarker, type DraftBlock, type DraftNote, type NormaliseState, type NormaliseStep } from './state.js';

/** Paragraphs that may follow a marker paragraph as part of the same note (before the end, a break or a heading). */
const END_NOTE_PARAGRAPHS = 4;
const START_NOTE_PARAGRAPHS = 3;

export const authorNotes: NormaliseStep = {
  name: 'author-note',
  run(state) {
    const blocks = state.blocks;
    const language = state.options.language;
    const paragraphPos = new Map<number, number>();
    blocks.forEach((b, i) => b.kind === 'paragraph' && paragraphPos.set(i, paragraphPos.size));
    const total = paragraphPos.size;
    const atEdge = (i: number): boolean => {
      const p = paragraphPos.get(i);
      return p !== undefined && (p < EDGE_PARAGRAPHS || p >= total - EDGE_PARAGRAPHS);
    };
    const isNoteParagraph = (i: number): boolean => blocks[i]!.kind === 'paragraph' && (isNoteStart(blocks[i]!.text, language) || (atEdge(i) && isReviewLine(blocks[i]!.text)));
    const out: DraftBlock[] = [];
    let lastNoteEnd = -2;
    let lastNote: DraftNote | undefined;

    const storyAfter = (from: number): boolean => {
      for (let j = from; j < blocks.length; j++) if (blocks[j]!.kind === 'paragraph' && !isNoteParagraph(j)) return true;
      return false;
    };
    const place = (note: DraftNote, after: number): void => {
      const lastStory = findLast(out, (b) => b.kind === 'paragraph');
      if (!lastStory) note.position = 'start';
      else if (!storyAfter(after)) note.position = 'end';
      else {
        note.position = 'inline';
        lastStory.text += noteRefMarker(state.notes.indexOf(note));
      }
    };

    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.kind !== 'paragraph') {
        out.push(b);
        continue;
      }
      if (isNoteStart(b.text, language)) {
        let next = i + 1;
        while (next < blocks.length && blocks[next]!.kind === 'paragraph') next++;
        const following = next - i - 1;
        const storyBefore = out.some((x) => x.kind === 'paragraph');
        let end = i;
        const closed = /^\s*[([]/.test(b.text);
        if (!closed && storyBefore && next === blocks.length && following <= END_NOTE_PARAGRAPHS && blocks.slice(i + 1, next).every((x) => looksLikeNoteContinuation(x.text))) end = next - 1;
        else if (!closed && next < blocks.length && following <= START_NOTE_PARAGRAPHS && (!storyBefore ? blocks[next]!.kind === 'sceneBreak' : blocks[next]!.kind === 'heading')) end = next - 1;
        while (end + 1 < blocks.length && isNoteParagraph(end + 1)) end++;
        const note = addNote(state, blocks.slice(i, end + 1).map((x) => x as Extract<DraftBlock, { kind: 'paragraph' }>));
        place(note, end + 1);
        lastNote = note;
        lastNoteEnd = end;
        i = end;
        continue;
      }
      if (atEdge(i) && isReviewLine(b.text)) {
        if (lastNote && lastNoteEnd === i - 1) {
          lastNote.paragraphs.push(b.text);
          record(state, b.line, b.text);
        } else {
          lastNote = addNote(state, [b]);
          place(lastNote, i + 1);
        }
        lastNoteEnd = i;
        continue;
      }
      const text = inlineNotes(state, b);
      if (text.replace(/\uE000\d+\uE001/g, '').trim() === '') {
        // The paragraph was nothing but an inline note: a note of its own where it stood.
        const refs = [...text.matchAll(/\uE000(\d+)\uE001/g)].map((m) => state.notes[Number(m[1])]!);
        for (const note of refs) place(note, i + 1);
        continue;
      }
      out.push({ ...b, text });
    }
    state.blocks = out;
  },
};

/** After an end note's marker paragraph: short paragraphs with no dialogue continue it. */
function looksLikeNoteContinuation(text: string): boolean {
  return wordCount(text) <= 50 && !/["“”]/.test(text);
}

function addNote(state: NormaliseState, paragraphs: Array<{ text: string; line: number }>): DraftNote {
  const note: DraftNote = { id: `${state.options.idPrefix}-n${state.notes.length + 1}`, position: 'end', line: paragraphs[0]!.line, paragraphs: paragraphs.map((p) => p.text) };
  state.notes.push(note);
  for (const p of paragraphs) {
    record(state, p.line, p.text);
    disclaimerInNote(state, p);
  }
  return note;
}

/**
 * A disclaimer inside an author's note (`A/N: … Disclaimer: I don't own Naruto.`) stays in the note, and is
 * also listed in front matter so the notices page names its owner.
 */
function disclaimerInNote(state: NormaliseState, p: { text: string; line: number }): void {
  const m = DISCLAIMER_IN_NOTE.exec(p.text);
  if (!m) return;
  const text = p.text.slice(m.index).trim();
  const owner = disclaimerOwner(text);
  state.disclaimers.push({ line: p.line, text, ...(owner && { owner }) });
  state.messages.info('disclaimer', `found a disclaimer inside an author's note${owner ? ` (owner: ${owner})` : ''}`, state.options.file, p.line);
}

const DISCLAIMER_IN_NOTE = /\b(?:disclaimer\b|I\s+(?:do\s+not|don['’]?t)\s+own\b)/i;

function record(state: NormaliseState, line: number, text: string): void {
  const drop = state.options.notes === 'drop';
  state.removed.push({ kind: 'authorNote', action: drop ? 'removed' : 'moved', line, text });
  state.messages.info('author-note', `${drop ? 'removed' : 'moved'} an author's note: "${text.length > 50 ? `${text.slice(0, 47)}…` : text}"`, state.options.file, line);
}

/** Replace each `(A/N: …)` / `[A/N …]` in a paragraph by a note-reference marker. */
function inlineNotes(state: NormaliseState, b: { text: string; line: number }): string {
  if (!INLINE_NOTE_HINT.test(b.text)) return b.text;
  INLINE_NOTE.lastIndex = 0;
  if (!INLINE_NOTE.test(b.text)) return b.text;
  INLINE_NOTE.lastIndex = 0;
  return b.text.replace(INLINE_NOTE, (match: string, offset: number, whole: string) => {
    const inner = match.trim().slice(1, -1).trim();
    const note = addNote(state, [{ text: inner, line: b.line }]);
    note.position = 'inline';
    // Keep words on both sides apart: `the (A/N: …)a` → `the[^n]  a`, never `thea`.
    const after = whole.charAt(offset + match.length);
    return noteRefMarker(state.notes.length - 1) + (after && !/[\s.,;:!?)\]}…”]/.test(after) ? ' ' : '');
  });
}

/** Cheap pre-check (no `u` flag) before the full inline-note pattern. */
const INLINE_NOTE_HINT = /[([]\s*(?:A\s?\/|AN:|A\.N|author)/i;

function findLast<T>(list: T[], test: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return list[i];
  return undefined;
}
