// Steps `scene-break`, `heading`, `heading-levels`: mark separator paragraphs and chapter headings, then give headings one or two levels.
import { entryKey } from './contents.js';
import { bareNumber, headingForm, type HeadingKind } from './heading.js';
import { isNoteStart, isStrongDisclaimer } from './paratext-rules.js';
import { isSceneBreakLine } from './scene-break.js';
import { isFieldLabel } from './site-metadata.js';
import { record, type DraftBlock, type NormaliseState, type NormaliseStep } from './state.js';
import { hasDialogue, plainText, unwrapLine, wordCount } from './text-features.js';

export const sceneBreaks: NormaliseStep = {
  name: 'scene-break',
  run(state) {
    for (const [i, b] of state.blocks.entries()) {
      if (b.kind !== 'paragraph' || (b.force ? b.force.key !== 'breaks' : b.literal || !isSceneBreakLine(b.text))) continue;
      state.blocks[i] = { kind: 'sceneBreak', text: b.text, line: b.line, ...(b.force && { force: b.force }) };
    }
  },
};

/** Sizes of division: a part holds chapters, a chapter sections. A named heading (Prologue) stands at the top level. */
const RANK: Record<HeadingKind | 'section', number> = { named: 0, part: 10, chapter: 20, markdown: 20, section: 30 };

/**
 * Headings: the forms of `headingForm`; numbers alone (`II`, `3.`) or numbered titles (`1. Prologue`) in a rising
 * sequence; lines repeating a table of contents' entries; a name alone after a break, used as a name in the text
 * (a point-of-view title).
 */
export const headings: NormaliseStep = {
  name: 'heading',
  run(state) {
    const blocks = state.blocks;
    const make = (i: number, text: string, rank: number, why: string): void => {
      const b = blocks[i]!;
      blocks[i] = { kind: 'heading', text, line: b.line, rank, level: 2, evidence: why, ...(b.force && { force: b.force }) };
      state.messages.info('heading', `chapter heading "${text}" (${why})`, state.options.file, b.line);
    };
    for (const [i, b] of blocks.entries()) {
      if (b.kind !== 'paragraph') continue;
      if (b.force) {
        // The config says what it is: a heading (of the size its form says, else a chapter's), or not one.
        if (b.force.key === 'headings') make(i, unwrapLine(b.text).text, headingRank(headingForm(b.text)), `decided by the config: ${b.force.by}`);
        continue;
      }
      if (b.literal) continue;
      const aozora = b.text.includes('見出し］') ? aozoraHeading(b.text) : undefined;
      if (aozora) {
        record(state, { kind: 'boilerplate', action: 'removed', line: b.line, text: aozora.annotations, rule: 'aozora', evidence: 'Aozora Bunko markup saying the line is a heading' }, 'removed a heading annotation');
        make(i, aozora.text, aozora.rank, 'marked as a heading in Aozora Bunko markup');
        continue;
      }
      const form = headingForm(b.text);
      if (!form) continue;
      if (form.kind === 'markdown' && isLabel(form.text)) continue;
      make(i, form.text, headingRank(form), form.kind === 'markdown' ? 'a markdown heading' : `a ${form.kind} heading`);
    }
    for (const i of numberedSequence(blocks)) make(i, unwrapLine(blocks[i]!.text).text, RANK.section, 'a number in a rising sequence');
    for (const i of contentsMatches(blocks, state.contentsEntries)) make(i, unwrapLine(blocks[i]!.text).text, RANK.chapter, 'an entry of the table of contents');
    for (const i of pointOfViewTitles(state)) make(i, unwrapLine(blocks[i]!.text).text, RANK.section, 'a name alone after a break, used as a name in the text');
  },
};

/** The size of division a heading form opens (a chapter's when the line has no heading form). */
function headingRank(form: ReturnType<typeof headingForm>): number {
  return !form ? RANK.chapter : form.markdownLevel !== undefined ? form.markdownLevel * 10 : RANK[form.kind];
}

/** `一［＃「一」は中見出し］`: Aozora Bunko marks a heading (大 large, 中 middle, 小 small) after its text. */
function aozoraHeading(text: string): { text: string; rank: number; annotations: string } | undefined {
  const m = /［＃「[^」]+」は(大|中|小)見出し］/.exec(text);
  if (!m) return undefined;
  const annotations = (text.match(/［＃[^］]*］/g) ?? []).join(' ');
  const heading = text.replace(/［＃[^］]*］/g, '').trim();
  return heading ? { text: heading, rank: { 大: 10, 中: 20, 小: 30 }[m[1] as '大' | '中' | '小'], annotations } : undefined;
}

/** Two levels when some larger division holds smaller ones (a part holds chapters): the larger is 2, the rest 3; else all 2. */
export const headingLevels: NormaliseStep = {
  name: 'heading-levels',
  run(state) {
    const heads = state.blocks.filter((b): b is Extract<DraftBlock, { kind: 'heading' }> => b.kind === 'heading');
    const ranks = heads.filter((h) => h.rank > 0).map((h) => h.rank);
    if (ranks.length === 0) return;
    const top = Math.min(...ranks);
    const nests = heads.some((h, k) => h.rank === top && (heads[k + 1]?.rank ?? 0) > top);
    for (const h of heads) h.level = nests && h.rank > top ? 3 : 2;
  },
};

/** A label or note marker set as a markdown heading (`## Author's Note`, `## Disclaimer`) is paratext, not a chapter. */
function isLabel(text: string): boolean {
  return isNoteStart(text, '') || isStrongDisclaimer(text) || isFieldLabel(text);
}

/** `II`, `3.`, `~ 4 ~` or `1. Prologue` lines, each 1 or one more than the one before, with text between them. */
function numberedSequence(blocks: DraftBlock[]): number[] {
  const candidates: Array<{ i: number; n: number }> = [];
  for (const [i, b] of blocks.entries()) {
    if (b.kind !== 'paragraph' || b.literal || b.force || b.text.length > 70) continue;
    const n = bareNumber(b.text) ?? numberedTitle(b.text);
    if (n !== undefined) candidates.push({ i, n });
  }
  if (candidates.length < 2) return [];
  const accepted: number[] = [];
  let prev = 0;
  for (const c of candidates) {
    if (c.n !== 1 && c.n !== prev + 1) continue;
    // Text between two numbers: a list of numbered lines is not a run of chapters.
    const last = accepted[accepted.length - 1];
    if (last !== undefined && !blocks.slice(last + 1, c.i).some((b) => b.kind === 'paragraph' && isProse(b.text))) continue;
    accepted.push(c.i);
    prev = c.n;
  }
  return accepted.length >= 2 && accepted.length >= candidates.length * 0.6 ? accepted : [];
}

/** A paragraph of prose: 15 words, or 30 characters of a script written without spaces (Japanese, Chinese). */
function isProse(text: string): boolean {
  return wordCount(text) >= 15 || text.length >= 80 || (text.length >= 30 && /[\u3040-\u30ff\u4e00-\u9fff]/.test(text));
}

/** `1. Prologue`, `12. The Long Way Home`: a number, a period and a short title in title case. */
function numberedTitle(text: string): number | undefined {
  if (!/^\d/.test(text)) return undefined;
  const m = /^(\d{1,3})\.\s+(\p{Lu}[^.!?:;"“”]{0,50})$/u.exec(plainText(text));
  if (!m || wordCount(m[2]!) > 8) return undefined;
  return Number(m[1]);
}

/** Short lines equal to an entry of the removed table of contents (at least two of them). */
function contentsMatches(blocks: DraftBlock[], entries: string[]): number[] {
  if (entries.length < 2) return [];
  const keys = new Set(entries.filter(Boolean));
  // A title line: short, no quotation, no sentence end (cheap tests first; most paragraphs are prose).
  const titleLike = (t: string): boolean => t.length <= 100 && !/[.,;!?"“”«»]$|["“”«»]/.test(t);
  const hits = blocks.flatMap((b, i) => (b.kind === 'paragraph' && !b.literal && !b.force && titleLike(b.text) && keys.has(entryKey(b.text)) ? [i] : []));
  return hits.length >= 2 ? hits : [];
}

/**
 * `Sorin` alone on a line after a break (or at the start), followed by text, where `Sorin` is also used as a
 * name inside sentences at least twice, or opens the next paragraph and never occurs in lower case: the title of a
 * point-of-view section. `X's POV` / `POV: X` need no more.
 */
function pointOfViewTitles(state: NormaliseState): number[] {
  const blocks = state.blocks;
  const out: number[] = [];
  for (const [i, b] of blocks.entries()) {
    if (b.kind !== 'paragraph' || b.literal || b.force || b.text.length > 40) continue;
    const prev = blocks[i - 1];
    const next = blocks[i + 1];
    if ((prev && prev.kind === 'paragraph') || next?.kind !== 'paragraph' || wordCount(next.text) < 8) continue;
    const text = plainText(unwrapLine(b.text).text);
    if (/^(?:\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?['’]s\s+(?:POV|P\.O\.V\.|point of view)|POV\s*[:\-–—]\s*\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)$/u.test(text)) {
      out.push(i);
      continue;
    }
    if (!/^\p{Lu}[\p{L}'’-]{1,20}(?:\s+\p{Lu}[\p{L}'’-]{1,20}){0,2}$/u.test(text) || hasDialogue(b.text) || isSceneBreakLine(text)) continue;
    if (out.length < 20 && (usedAsName(state.text, text) || (next.text.startsWith(`${text} `) && neverLowerCase(state.text, text)))) out.push(i);
  }
  return out;
}

/** The words never occur in lower case (a name, not a word such as `Silence`). */
function neverLowerCase(text: string, name: string): boolean {
  return !text.includes(name.toLowerCase());
}

/** The words occur at least twice inside sentences (after a lower-case word or a comma), as a name does. */
function usedAsName(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`[\\p{Ll},;] ${escaped}(?![\\p{L}\\p{N}])`, 'gu');
  let n = 0;
  while (re.exec(text) && ++n < 2);
  return n >= 2;
}
