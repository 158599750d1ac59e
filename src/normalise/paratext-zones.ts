// Which blocks are paratext: a comment section, chapters that are notes, walks in from each edge (the file's, each chapter's) while the evidence holds, markers anywhere.
import { EDGE_PARAGRAPHS } from './disclaimers.js';
import { noteEvidence } from './evidence.js';
import { besideField, isMenuLabel, isSignature, isSubheading, labelValue, labelVerdict } from './paratext-labels.js';
import { isEdgeNoteStart, isNoteStart, isReviewLine, isStrongDisclaimer, isWeakDisclaimer, mayStartMarker } from './paratext-rules.js';
import { ellipsis, type Verdict } from './paratext-verdict.js';
import { fieldLabel, isCommentSectionStart, isFlair, isNavigation, isScaffold, isStatsLine } from './site-metadata.js';
import type { DraftBlock, Forced, NormaliseState } from './state.js';
import { hasDialogue, hasWords, isListItem, plainText, wordCount, wrappingEmphasis } from './text-features.js';
import { titleHeadingAt, titleLineAt } from './title-lines.js';

/**
 * How sure: `strong`, paratext on its own; `evidence`, some evidence of its own, taken when a strong one or a boundary
 * (a break, a heading) comes before the story does; `short`, a short line with no evidence of its own (a signature, a
 * menu line, a label), taken when evidence follows it; `continuation`, a paragraph that only continues a note (a
 * little evidence, the same emphasis, a list), taken only when evidence follows it and a boundary closes the note.
 */
interface Found {
  verdict: Verdict;
  tier: 'strong' | 'evidence' | 'short' | 'continuation';
  /** Found by what it says (voice, vocabulary), not by a marker or a label. */
  spoken?: boolean;
}

type Edge = 'file-start' | 'file-end' | 'chapter-start' | 'chapter-end' | 'marker';

interface Walk {
  dir: 1 | -1;
  edge: Edge;
  metaZone: boolean;
  /** How many paragraphs this walk has read. */
  read: number;
  /** In reading order (forward walks only): what was taken just before, and the emphasis wrapping it. */
  previous?: { verdict: Verdict; emphasis?: string };
}

/** Headings whose chapter is the author's own words: everything under them is a note. */
const NOTE_CHAPTER = /^(?:(?:chapitre|chapter|kapitel|capítulo)\s+\S+\s*[:.\-–—]\s*)?(?:avant[- ]propos|foreword|vorwort|author['’]?s\s+notes?|authors?\s+notes?|a\/n|note\s+de\s+l['’]auteure?|nota\s+de\s+la\s+autora|nota\s+del\s+autor|disclaimer|まえがき|前書き|あとがき|後書き)\s*$/iu;

/** The author's own voice: `I`, `my`, `we`, in the story's languages. */
const PERSONAL = /(?<![\p{L}\p{N}])(?:I|I['’]m|I['’]ve|my|me|we|our|ich|mein\p{L}*|je|j['’]|mon|ma|mes|yo|mis?)(?![\p{L}\p{N}])/u;

/** What the config makes of a block: paratext leaves as an author's note; story text, a heading or a break stays. */
function forcedVerdict(force: Forced): Verdict | undefined {
  return force.key === 'paratext' ? { kind: 'authorNote', rule: 'config', evidence: `decided by the config: ${force.by}` } : undefined;
}

/** Finds the paratext of a story: one verdict per block, undefined for story. */
export function findParatext(state: NormaliseState): Array<Verdict | undefined> {
  const zones = new Zones(state);
  zones.run();
  return zones.verdicts;
}

class Zones {
  readonly verdicts: Array<Verdict | undefined>;
  private readonly blocks: DraftBlock[];
  private readonly language: string;
  /** The title the text itself states (a Gutenberg header, a title line found so far). */
  private textTitle: string | undefined;

  constructor(private readonly state: NormaliseState) {
    this.blocks = state.blocks;
    this.verdicts = new Array(this.blocks.length).fill(undefined);
    this.language = state.options.language;
    this.textTitle = state.found.title;
  }

  run(): void {
    const blocks = this.blocks;
    if (blocks.length === 0) return;
    const end = this.commentSection();
    this.noteChapters();
    this.walk(0, 1, 'file-start');
    blocks.forEach((b, h) => {
      if (b.kind !== 'heading' || this.verdicts[h]) return;
      this.walk(h - 1, -1, 'chapter-end');
      this.walk(h + 1, 1, 'chapter-start');
    });
    this.walk(end - 1, -1, 'file-end');
    this.markers();
    // What the config decided stands, whatever a walk or a section took around it.
    blocks.forEach((b, i) => {
      if (b.force) this.verdicts[i] = forcedVerdict(b.force);
    });
  }

  /** From a comment-section line (`### Comments:`, `Comments (4)`) in the last part of the text to the end. */
  private commentSection(): number {
    const blocks = this.blocks;
    const from = Math.floor(blocks.length * 0.5);
    for (let i = from; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.kind === 'sceneBreak' || !isCommentSectionStart(b.text)) continue;
      for (let k = i; k < blocks.length; k++) this.verdicts[k] = { kind: 'metadata', rule: 'comment-section', evidence: `readers' comments after "${ellipsis(b.text)}"` };
      return i;
    }
    return blocks.length;
  }

  /** A chapter titled Foreword / Author's note / Avant-propos holds no story: its paragraphs are notes (the heading stays). */
  private noteChapters(): void {
    const blocks = this.blocks;
    blocks.forEach((b, h) => {
      if (b.kind !== 'heading' || !NOTE_CHAPTER.test(plainText(b.text))) return;
      for (let k = h + 1; k < blocks.length && blocks[k]!.kind !== 'heading'; k++) {
        if (blocks[k]!.kind === 'paragraph' && !this.verdicts[k]) this.verdicts[k] = { kind: 'authorNote', rule: 'note-chapter', evidence: `in the chapter "${b.text}", which is the author's note` };
      }
    });
  }

  /** Notes, disclaimers and review lines that a marker announces, wherever they stand. */
  private markers(): void {
    let total = 0;
    for (const b of this.blocks) if (b.kind === 'paragraph') total++;
    let rank = -1;
    this.blocks.forEach((b, i) => {
      if (b.kind !== 'paragraph') return;
      rank++;
      if (this.verdicts[i]) return;
      const atEdge = rank < EDGE_PARAGRAPHS || rank >= total - EDGE_PARAGRAPHS;
      const marked = mayStartMarker(b.text);
      if (marked && isStrongDisclaimer(b.text)) this.verdicts[i] = { kind: 'disclaimer', rule: 'disclaimer', evidence: 'starts with "Disclaimer"' };
      else if (atEdge && isWeakDisclaimer(b.text)) this.verdicts[i] = { kind: 'disclaimer', rule: 'disclaimer', evidence: 'a short disclaimer of ownership at the edge of the story' };
      else if (marked && isNoteStart(b.text, this.language)) this.walk(i, 1, 'marker');
      else if (atEdge && isReviewLine(b.text)) this.verdicts[i] = { kind: 'authorNote', rule: 'review-line', evidence: 'a review or update line at the edge of the story' };
    });
  }

  /**
   * Walks from `from` in `dir` while blocks are paratext (see `Found` for the tiers). A strong one is taken at once,
   * with all that waits before it; a boundary (a break, a heading, the end of the file after a marked note) takes
   * what waits up to the last paragraph with evidence. The walk stops at the first story paragraph, and what
   * waits stays story: a note block ends where the evidence ends.
   */
  private walk(from: number, dir: 1 | -1, edge: Edge): void {
    const blocks = this.blocks;
    // Site fields crowd a download's top and bottom, not its chapters.
    const metaZone = (edge === 'file-start' || edge === 'file-end') && this.metaZone(edge === 'file-end' ? blocks.length - 1 : from, dir);
    const w: Walk = { dir, edge, metaZone, read: 0 };
    // What was read since the last boundary, in walk order; strong ones are taken at once and stay as anchors.
    let zone: Array<{ i: number; found: Found }> = [];
    const anchored = (tier: Found['tier']): boolean => tier === 'strong' || tier === 'evidence';
    /** A strong one confirms the evidence and short lines right before it (continuations, and what precedes them, wait for a boundary). */
    const confirm = (): void => {
      for (let k = zone.length - 1; k >= 0 && zone[k]!.found.tier !== 'continuation'; k--) this.verdicts[zone[k]!.i] = zone[k]!.found.verdict;
    };
    /**
     * A continuation belongs to the note only when the next paragraph with evidence after it speaks to readers too
     * (not a new marked note, which starts a block of its own: `A/N` / story / `A/N` keeps the story).
     */
    const belongs = (k: number, storyBeyond: boolean): boolean => {
      if (zone[k]!.found.tier !== 'continuation') return true;
      if (!storyBeyond) return false;
      const next = zone.slice(k + 1).find((z) => z.found.tier !== 'continuation');
      return next !== undefined && anchored(next.found.tier) && next.found.spoken === true;
    };
    /**
     * A break or a heading confirms all up to the last paragraph with evidence; the end of the file only a marked
     * note's. Continuations only when the story goes on beyond the boundary (it closed a note off from the story).
     */
    const closedBy = (boundary: 'break' | 'heading' | 'end', at: number): void => {
      const last = boundary === 'end' && edge !== 'marker' ? -1 : zone.findLastIndex((z) => anchored(z.found.tier));
      const storyBeyond = boundary !== 'end' && zone.some((z) => z.found.tier === 'continuation') && this.storyBeyond(at, dir, w);
      for (let k = 0; k <= last; k++) if (belongs(k, storyBeyond)) this.verdicts[zone[k]!.i] = zone[k]!.found.verdict;
      zone = [];
    };
    let i = from;
    for (; i >= 0 && i < blocks.length; i += dir) {
      const b = blocks[i]!;
      const already = this.verdicts[i];
      if (already) {
        if (already.rule === 'comment-section') return closedBy('end', i);
        if (b.kind === 'heading' && already.kind !== 'titleLine') return closedBy('heading', i);
        confirm();
        zone.push({ i, found: { verdict: already, tier: 'strong', ...(already.rule === 'edge-note' && { spoken: true }) } });
        if (dir === 1) w.previous = { verdict: already };
        continue;
      }
      if (b.kind === 'heading') {
        const title = edge === 'file-start' && i === 0 && !b.force ? titleHeadingAt(blocks, i, this.language) : undefined;
        if (!title) return closedBy('heading', i);
        this.verdicts[i] = title;
        this.textTitle ??= title.title;
        w.previous = { verdict: title };
        continue;
      }
      if (b.kind === 'sceneBreak') {
        let j = i + dir;
        while (j >= 0 && j < blocks.length && blocks[j]!.kind === 'sceneBreak') j += dir;
        const next = blocks[j];
        closedBy('break', i);
        if (!next || next.kind !== 'paragraph' || this.verdicts[j] || this.classify(j, { ...w, previous: undefined })?.tier !== 'strong') return;
        w.previous = undefined;
        i = j - dir;
        continue;
      }
      if (!hasWords(b.text)) {
        // Taken with the paratext around it, left with the story next to it.
        zone.push({ i, found: { verdict: { kind: 'metadata', rule: 'site-metadata', evidence: 'a line without words among paratext' }, tier: 'short' } });
        continue;
      }
      const found = this.classify(i, w);
      w.read++;
      if (!found) return;
      if (found.tier === 'strong') {
        confirm();
        this.verdicts[i] = found.verdict;
        if (found.verdict.title) this.textTitle ??= found.verdict.title;
      }
      zone.push({ i, found });
      if (dir === 1) {
        const emphasis = wrappingEmphasis(b.text);
        w.previous = { verdict: found.verdict, ...(emphasis && { emphasis }) };
      }
    }
    closedBy('end', i);
  }

  /** Beyond the boundary at `at` (past headings and breaks), the first paragraph is story. */
  private storyBeyond(at: number, dir: 1 | -1, w: Walk): boolean {
    let j = at + dir;
    while (j >= 0 && j < this.blocks.length && this.blocks[j]!.kind !== 'paragraph') j += dir;
    return j >= 0 && j < this.blocks.length && !this.verdicts[j] && this.classify(j, { ...w, previous: undefined, read: 1 }) === undefined;
  }

  /** Is this stretch of the file crowded with archive fields (labels, navigation)? Then its short lines are fields too. */
  private metaZone(from: number, dir: 1 | -1): boolean {
    let labels = 0;
    for (let i = from, n = 0; i >= 0 && i < this.blocks.length && n < 60; i += dir, n++) {
      const b = this.blocks[i]!;
      if (b.kind === 'heading' && !this.verdicts[i]) break;
      // The story has begun: a long paragraph is neither a field nor a link.
      if (b.kind === 'paragraph' && b.text.length > 300 && !this.verdicts[i]) break;
      if ((this.verdicts[i]?.kind === 'metadata' || (b.kind === 'paragraph' && (fieldLabel(b.text) || isNavigation(b.text) || isScaffold(b.text)))) && ++labels >= 3) return true;
    }
    return false;
  }

  /** Is paragraph `i` paratext, and how sure is it? undefined: story. */
  private classify(i: number, w: Walk): Found | undefined {
    const { text, force } = this.blocks[i]!;
    if (force) {
      const verdict = forcedVerdict(force);
      return verdict && { verdict, tier: 'strong' };
    }
    const strong = (verdict: Verdict): Found => ({ verdict, tier: 'strong' });
    const evident = (verdict: Verdict): Found => ({ verdict, tier: 'evidence' });
    const short = (verdict: Verdict): Found => ({ verdict, tier: 'short' });
    const continuation = (verdict: Verdict): Found => ({ verdict, tier: 'continuation' });
    if (isScaffold(text)) return strong({ kind: 'metadata', rule: 'site-scaffold', evidence: 'a site landmark line' });
    if (isNavigation(text)) return strong({ kind: 'metadata', rule: 'navigation', evidence: 'a navigation line (a link or "next chapter")' });
    if (isStatsLine(text)) return strong({ kind: 'metadata', rule: 'site-metadata', evidence: 'an archive\'s line of fields (rating, words, chapters…)' });
    if (w.edge === 'file-start' && isFlair(text)) return strong({ kind: 'metadata', rule: 'site-metadata', evidence: 'forum flair tags' });
    if (isStrongDisclaimer(text)) return strong({ kind: 'disclaimer', rule: 'disclaimer', evidence: 'starts with "Disclaimer"' });
    if (isWeakDisclaimer(text, w.edge === 'file-start' || w.edge === 'file-end')) return strong({ kind: 'disclaimer', rule: 'disclaimer', evidence: `a disclaimer of ownership at the ${this.where(w)}` });
    if (isNoteStart(text, this.language)) return strong({ kind: 'authorNote', rule: 'author-note', evidence: 'starts with an author\'s-note marker' });
    const label = fieldLabel(text);
    if (label) {
      const verdict = labelVerdict(label, label.value, `the label "${label.label}"`);
      // `Status: healthy` or `Title: Dungeon Core` in a chapter may be the story's (a game's status screen), and
      // `Note: the door code is 4512` a note inside it: fields count at a download's top or among many fields, an
      // inline note label when it also speaks of the writing.
      const top = w.metaZone || (w.edge === 'file-start' && (label.role !== 'field' || besideField(this.blocks, i)));
      const sure = label.role === 'summary' || (label.role === 'note' && (label.value === '' || noteEvidence(text).points >= 1));
      return top || sure ? strong(verdict) : evident(verdict);
    }
    if (w.edge !== 'marker' && isEdgeNoteStart(text)) {
      // `Note: the door code is 4512` can be a note inside the story: the words must speak of the writing too.
      const verdict: Verdict = { kind: 'authorNote', rule: 'author-note', evidence: `starts with "${/^\W*(\S+)/.exec(plainText(text))?.[1] ?? ''}" at the ${this.where(w)}` };
      return noteEvidence(text).points >= 1 ? strong(verdict) : evident(verdict);
    }
    const value = labelValue(this.blocks, i);
    if (value) return strong(value);
    if (w.edge !== 'marker' && w.edge !== 'file-end') {
      const title = titleLineAt(this.blocks, i, { atTop: w.edge === 'file-start', ...(w.previous && { previous: w.previous.verdict }), known: [this.textTitle, this.state.options.title, this.state.options.fallbackTitle], titled: this.textTitle !== undefined, language: this.language });
      // A title page's place and year may be a story's dateline: taken only when more paratext or a heading follows.
      if (title) return title.rule === 'title-page' ? evident(title) : strong(title);
    }
    if (isReviewLine(text)) return strong({ kind: 'authorNote', rule: 'review-line', evidence: 'a review or update line' });
    if (w.metaZone && isMenuLabel(this.blocks, i)) return strong({ kind: 'metadata', rule: 'site-metadata', evidence: 'a menu title above a list of links' });
    const evidence = noteEvidence(text);
    const said = `${evidence.reasons.join(' + ')} at the ${this.where(w)}`;
    // Among site fields, a line about the site rather than from the author is a field too.
    const kind = w.metaZone && !PERSONAL.test(evidence.plain) ? 'metadata' : 'authorNote';
    if (evidence.points >= 3 && evidence.voice) return { ...strong({ kind, rule: w.edge === 'marker' ? 'author-note' : 'edge-note', evidence: said }), spoken: true };
    if (evidence.points >= 2 && !evidence.wordsOnly) return { ...evident({ kind, rule: 'edge-note', evidence: said }), spoken: true };
    const after = w.dir === 1 && w.previous?.verdict.kind === 'authorNote' ? w.previous : undefined;
    const words = wordCount(text);
    if (after && evidence.points >= 1) return continuation({ kind: 'authorNote', rule: 'note-continuation', evidence: `${said}, after a note` });
    if (after && after.emphasis && after.emphasis === evidence.emphasis && words <= 40) return continuation({ kind: 'authorNote', rule: 'note-continuation', evidence: `set whole in the same emphasis as the note before it` });
    if (after && isListItem(text) && words <= 40) return continuation({ kind: 'authorNote', rule: 'note-continuation', evidence: 'a list item continuing a note' });
    if (w.dir === -1 && w.read === 0 && isSignature(text)) return short({ kind: 'authorNote', rule: 'edge-note', evidence: `a signature at the ${this.where(w)}` });
    if (isSubheading(text)) return short({ kind: 'authorNote', rule: 'edge-note', evidence: `a label line set in emphasis at the ${this.where(w)}` });
    if (w.metaZone && words <= 8 && !hasDialogue(text) && (isListItem(text) || !/[.!?]["”’]?$/.test(plainText(text)))) return short({ kind: 'metadata', rule: 'site-metadata', evidence: 'a short line among site fields' });
    return undefined;
  }

  private where(w: Walk): string {
    return { 'file-start': 'top of the story', 'file-end': 'end of the story', 'chapter-start': 'start of a chapter', 'chapter-end': 'end of a chapter', marker: 'story' }[w.edge];
  }
}
