// Author's notes as data: a note made of the paragraphs the paratext step found, its place (start, end, inline), and inline `(A/N: …)` notes.
import { disclaimerOwner, INLINE_NOTE, NDA } from './paratext-rules.js';
import { noteRefMarker, record, type DraftBlock, type DraftNote, type NormaliseState } from './state.js';

export interface NoteParagraph {
  text: string;
  line: number;
  rule: string;
  evidence: string;
}

/** A note of consecutive paragraphs; each is reported with its rule and evidence. */
export function addNote(state: NormaliseState, paragraphs: NoteParagraph[]): DraftNote {
  const note: DraftNote = { id: `${state.options.idPrefix}-n${state.notes.length + 1}`, position: 'end', line: paragraphs[0]!.line, paragraphs: paragraphs.map((p) => p.text) };
  state.notes.push(note);
  for (const p of paragraphs) {
    recordNote(state, p);
    disclaimerInNote(state, p);
  }
  return note;
}

/**
 * Where a note stood: `start` (no story text before it), `end` (none after it), else `inline`: a reference is
 * placed at the end of the story paragraph before it. `out` holds the story blocks kept so far.
 */
export function placeNote(state: NormaliseState, note: DraftNote, out: DraftBlock[], storyAfter: boolean): void {
  const lastStory = findLast(out, (b) => b.kind === 'paragraph');
  if (!lastStory) note.position = 'start';
  else if (!storyAfter) note.position = 'end';
  else {
    note.position = 'inline';
    lastStory.text += noteRefMarker(state.notes.indexOf(note));
  }
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

function recordNote(state: NormaliseState, p: NoteParagraph): void {
  const drop = state.options.notes === 'drop';
  const excerpt = p.text.length > 50 ? `${p.text.slice(0, 47)}…` : p.text;
  record(state, { kind: 'authorNote', action: drop ? 'removed' : 'moved', line: p.line, text: p.text, rule: p.rule, evidence: p.evidence }, `${drop ? 'removed' : 'moved'} an author's note: "${excerpt}"`);
}

/** Replace each `(A/N: …)` / `[A/N …]` / `(NdT : …)` in a story paragraph by a note-reference marker. */
export function inlineNotes(state: NormaliseState, b: { text: string; line: number }): string {
  if (!INLINE_NOTE_HINT.test(b.text)) return b.text;
  INLINE_NOTE.lastIndex = 0;
  if (!INLINE_NOTE.test(b.text)) return b.text;
  INLINE_NOTE.lastIndex = 0;
  return b.text.replace(INLINE_NOTE, (match: string, offset: number, whole: string) => {
    if (NDA.test(match)) return match;
    const inner = match.trim().slice(1, -1).trim();
    const note = addNote(state, [{ text: inner, line: b.line, rule: 'author-note', evidence: `"${match.trim().slice(0, 12)}…" in parentheses inside a paragraph` }]);
    note.position = 'inline';
    // Keep words on both sides apart: `the (A/N: …)a` → `the[^n]  a`, never `thea`.
    const after = whole.charAt(offset + match.length);
    return noteRefMarker(state.notes.length - 1) + (after && !/[\s.,;:!?)\]}…”]/.test(after) ? ' ' : '');
  });
}

/** Cheap pre-check (no `u` flag) before the full inline-note pattern. */
const INLINE_NOTE_HINT = /[([]\s*(?:A\s?\/|AN:|A\.N|author|N\.?\s?d|T\s?\/|N\s?\/|TN:|TL|Anm|translator)/i;

function findLast<T>(list: T[], test: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return list[i];
  return undefined;
}
