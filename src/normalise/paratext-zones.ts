// Which blocks are paratext: a comment section, chapters that are notes, walks in from each edge (the file's, each chapter's) while the evidence holds, markers anywhere.
import { EDGE_PARAGRAPHS } from './disclaimers.js';
import { noteEvidence } from './evidence.js';
import { isEdgeNoteStart, isNoteStart, isReviewLine, isStrongDisclaimer, isWeakDisclaimer } from './paratext-rules.js';
import { fieldLabel, isCommentSectionStart, isFlair, isNavigation, isScaffold, isShortValue, type Label } from './site-metadata.js';
import type { DraftBlock, NormaliseState } from './state.js';
import { hasDialogue, hasWords, isListItem, plainText, unwrapLine, wordCount, wrappingEmphasis } from './text-features.js';
import { bylineName, isNameLike, sameTitle, titleText } from './title-lines.js';

/** What a block of paratext is, the rule that decided it and the evidence, and any metadata it states. */
export interface Verdict {
  kind: 'disclaimer' | 'authorNote' | 'siteMetadata' | 'titleLine';
  rule: string;
  evidence: string;
  title?: string;
  author?: string;
  /** The block is (part of) the story's summary. */
  summary?: boolean;
}

/** `strong`: paratext on its own evidence. `weak`: only between other paratext and a boundary (a break, a heading, the file's edge). */
interface Found {
  verdict: Verdict;
  strong: boolean;
  /** Weak only because it follows a note (no evidence of its own); at most BARE_RUN of these in a row. */
  bare?: boolean;
}

type Edge = 'file-start' | 'file-end' | 'chapter-start' | 'chapter-end' | 'marker';

interface Walk {
  dir: 1 | -1;
  edge: Edge;
  metaZone: boolean;
  /** In reading order (forward walks only): what was taken just before, and whether it was a marked note. */
  previous?: { verdict: Verdict; emphasis?: string; closed?: boolean };
}

const BARE_RUN = 3;
/** Headings whose chapter is the author's own words: everything under them is a note. */
const NOTE_CHAPTER = /^(?:(?:chapitre|chapter|kapitel|capítulo)\s+\S+\s*[:.\-–—]\s*)?(?:avant[- ]propos|foreword|vorwort|author['’]?s\s+notes?|authors?\s+notes?|a\/n|note\s+de\s+l['’]auteure?|nota\s+de\s+la\s+autora|nota\s+del\s+autor|disclaimer|まえがき|前書き|あとがき|後書き)\s*$/iu;

/** The author's own voice: `I`, `my`, `we`, in the story's languages. */
const PERSONAL = /(?<![\p{L}\p{N}])(?:I|I['’]m|I['’]ve|my|me|we|our|ich|mein\p{L}*|je|j['’]|mon|ma|mes|yo|mis?)(?![\p{L}\p{N}])/u;

const ellipsis = (t: string): string => (t.length > 40 ? `${t.slice(0, 37)}…` : t);

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
  private readonly paragraphRank: Map<number, number> = new Map();
  /** The title the text itself states (a Gutenberg header, a title line found so far). */
  private textTitle: string | undefined;

  constructor(private readonly state: NormaliseState) {
    this.blocks = state.blocks;
    this.verdicts = new Array(this.blocks.length).fill(undefined);
    this.language = state.options.language;
    this.blocks.forEach((b, i) => b.kind === 'paragraph' && this.paragraphRank.set(i, this.paragraphRank.size));
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
  }

  /** From a comment-section line (`### Comments:`, `Comments (4)`) in the last part of the text to the end. */
  private commentSection(): number {
    const blocks = this.blocks;
    const from = Math.floor(blocks.length * 0.5);
    for (let i = from; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.kind === 'sceneBreak' || !isCommentSectionStart(b.text)) continue;
      for (let k = i; k < blocks.length; k++) this.verdicts[k] = { kind: 'siteMetadata', rule: 'comment-section', evidence: `readers' comments after "${ellipsis(b.text)}"` };
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
    const total = this.paragraphRank.size;
    this.blocks.forEach((b, i) => {
      if (b.kind !== 'paragraph' || this.verdicts[i]) return;
      const rank = this.paragraphRank.get(i)!;
      const atEdge = rank < EDGE_PARAGRAPHS || rank >= total - EDGE_PARAGRAPHS;
      if (isStrongDisclaimer(b.text)) this.verdicts[i] = { kind: 'disclaimer', rule: 'disclaimer', evidence: 'starts with "Disclaimer"' };
      else if (atEdge && isWeakDisclaimer(b.text)) this.verdicts[i] = { kind: 'disclaimer', rule: 'disclaimer', evidence: 'a short disclaimer of ownership at the edge of the story' };
      else if (isNoteStart(b.text, this.language)) this.walk(i, 1, 'marker');
      else if (atEdge && isReviewLine(b.text)) this.verdicts[i] = { kind: 'authorNote', rule: 'review-line', evidence: 'a review or update line at the edge of the story' };
    });
  }

  /**
   * Walks from `from` in `dir` while blocks are paratext. Strong ones are taken at once, with the weak ones before
   * them; weak ones wait for a strong one or a boundary (a break, a chapter heading). Bare ones (no evidence of
   * their own, only after a note) wait for a break, the first chapter heading after the file's top, or the end of
   * the file after a marked note. The walk stops at the first story paragraph, and what waits stays story.
   */
  private walk(from: number, dir: 1 | -1, edge: Edge): void {
    const blocks = this.blocks;
    // Site fields crowd a download's top and bottom, not its chapters.
    const metaZone = (edge === 'file-start' || edge === 'file-end') && this.metaZone(edge === 'file-end' ? blocks.length - 1 : from, dir);
    const w: Walk = { dir, edge, metaZone };
    let pending: Array<{ i: number; found: Found }> = [];
    const take = (bare: boolean): void => {
      for (const p of pending) if (bare || !p.found.bare) this.verdicts[p.i] = p.found.verdict;
      pending = bare ? [] : pending.filter((p) => p.found.bare);
    };
    /** A break confirms all that waits; a heading the weak (all of it at the file's top); the end only a marked note's. */
    const closedBy = (boundary: 'break' | 'heading' | 'end'): void => {
      if (boundary === 'end' && edge !== 'marker') pending = [];
      else take(boundary === 'break' || boundary === 'end' || edge === 'file-start');
    };
    let i = from;
    for (; i >= 0 && i < blocks.length; i += dir) {
      const b = blocks[i]!;
      const already = this.verdicts[i];
      if (already) {
        if (already.rule === 'comment-section') return closedBy('end');
        if (b.kind === 'heading' && already.kind !== 'titleLine') return closedBy('heading');
        take(false);
        if (dir === 1) w.previous = { verdict: already };
        continue;
      }
      if (b.kind === 'heading') {
        const title = edge === 'file-start' && i === 0 ? this.titleHeading(i) : undefined;
        if (!title) return closedBy('heading');
        this.verdicts[i] = title;
        this.textTitle ??= title.title;
        w.previous = { verdict: title };
        continue;
      }
      if (b.kind === 'sceneBreak') {
        let j = i + dir;
        while (j >= 0 && j < blocks.length && blocks[j]!.kind === 'sceneBreak') j += dir;
        const next = blocks[j];
        closedBy('break');
        if (!next || next.kind !== 'paragraph' || this.verdicts[j] || !this.classify(j, { ...w, previous: undefined })?.strong) return;
        w.previous = undefined;
        i = j - dir;
        continue;
      }
      if (!hasWords(b.text)) {
        // Taken with the paratext around it, left with the story next to it.
        pending.push({ i, found: { verdict: { kind: 'siteMetadata', rule: 'site-metadata', evidence: 'a line without words among paratext' }, strong: false } });
        continue;
      }
      const found = this.classify(i, w);
      if (!found) return;
      if (found.strong) {
        take(false);
        this.verdicts[i] = found.verdict;
        if (found.verdict.title) this.textTitle ??= found.verdict.title;
      } else {
        // A long run of paragraphs with no evidence is story, and so is what waited before it.
        if (found.bare && pending.filter((p) => p.found.bare).length >= BARE_RUN) return;
        pending.push({ i, found });
      }
      if (dir === 1) {
        const emphasis = wrappingEmphasis(b.text);
        w.previous = { verdict: found.verdict, ...(emphasis && { emphasis }), ...(/^\s*[*_]*[([]/.test(b.text) && found.verdict.rule === 'author-note' && { closed: true }) };
      }
    }
    closedBy('end');
  }

  /** Is this stretch of the file crowded with archive fields (labels, navigation)? Then its short lines are fields too. */
  private metaZone(from: number, dir: 1 | -1): boolean {
    let labels = 0;
    for (let i = from, n = 0; i >= 0 && i < this.blocks.length && n < 60; i += dir, n++) {
      const b = this.blocks[i]!;
      if (b.kind === 'heading' && !this.verdicts[i]) break;
      // The story has begun: a long paragraph is neither a field nor a link.
      if (b.kind === 'paragraph' && b.text.length > 300 && !this.verdicts[i]) break;
      if ((this.verdicts[i]?.kind === 'siteMetadata' || (b.kind === 'paragraph' && (fieldLabel(b.text) || isNavigation(b.text) || isScaffold(b.text)))) && ++labels >= 3) return true;
    }
    return false;
  }

  /** The first block, a markdown heading that is no chapter heading, followed by more structure: the story's title. */
  private titleHeading(i: number): Verdict | undefined {
    const b = this.blocks[i]!;
    const next = this.blocks[i + 1];
    const title = titleText(b.text, true);
    if (!title || !next || !(next.kind !== 'paragraph' || this.isStructure(next.text))) return undefined;
    return { kind: 'titleLine', rule: 'title-line', evidence: 'a heading at the top of the file, above more headings or site lines', title };
  }

  /** Site lines, labels, markers and bylines: what follows a title line at a file's top. */
  private isStructure(text: string): boolean {
    return isScaffold(text) || fieldLabel(text) !== undefined || isNoteStart(text, this.language) || isStrongDisclaimer(text) || bylineName(text) !== undefined || isFlair(text);
  }

  /** Is paragraph `i` paratext, and how sure is it? undefined: story. */
  private classify(i: number, w: Walk): Found | undefined {
    const text = this.blocks[i]!.text;
    const strong = (verdict: Verdict): Found => ({ verdict, strong: true });
    const weak = (verdict: Verdict, bare = false): Found => ({ verdict, strong: false, ...(bare && { bare }) });
    if (isScaffold(text)) return strong({ kind: 'siteMetadata', rule: 'site-scaffold', evidence: 'a site landmark line' });
    if (isNavigation(text)) return strong({ kind: 'siteMetadata', rule: 'navigation', evidence: 'a navigation line (a link or "next chapter")' });
    if (w.edge === 'file-start' && isFlair(text)) return strong({ kind: 'siteMetadata', rule: 'site-metadata', evidence: 'forum flair tags' });
    if (isStrongDisclaimer(text)) return strong({ kind: 'disclaimer', rule: 'disclaimer', evidence: 'starts with "Disclaimer"' });
    if (isWeakDisclaimer(text)) return strong({ kind: 'disclaimer', rule: 'disclaimer', evidence: `a disclaimer of ownership at the ${this.where(w)}` });
    if (isNoteStart(text, this.language)) return strong({ kind: 'authorNote', rule: 'author-note', evidence: 'starts with an author\'s-note marker' });
    if (w.edge !== 'marker' && isEdgeNoteStart(text)) return strong({ kind: 'authorNote', rule: 'author-note', evidence: `starts with "${/^\W*(\S+)/.exec(plainText(text))?.[1] ?? ''}" at the ${this.where(w)}` });
    const label = fieldLabel(text);
    if (label) return strong(this.labelVerdict(label, label.value, `the label "${label.label}"`));
    const value = this.labelValue(i);
    if (value) return strong(value);
    if (w.edge !== 'marker' && w.edge !== 'file-end') {
      const title = this.titleLine(i, w);
      if (title) return strong(title);
    }
    if (isReviewLine(text)) return strong({ kind: 'authorNote', rule: 'review-line', evidence: 'a review or update line' });
    if (w.metaZone && this.isMenuLabel(i)) return strong({ kind: 'siteMetadata', rule: 'site-metadata', evidence: 'a menu title above a list of links' });
    const evidence = noteEvidence(text);
    const said = `${evidence.reasons.join(' + ')} at the ${this.where(w)}`;
    // Among site fields, a line about the site rather than from the author is a field too.
    const kind = w.metaZone && !PERSONAL.test(evidence.plain) ? 'siteMetadata' : 'authorNote';
    if (evidence.points >= 3) return strong({ kind, rule: w.edge === 'marker' ? 'author-note' : 'edge-note', evidence: said });
    if (evidence.points >= 2) return weak({ kind, rule: 'edge-note', evidence: said });
    const after = w.dir === 1 && w.previous?.verdict.kind === 'authorNote' ? w.previous : undefined;
    const words = wordCount(text);
    if (after && evidence.points >= 1) return weak({ kind: 'authorNote', rule: 'note-continuation', evidence: `${said}, after a note` });
    if (after && after.emphasis && after.emphasis === evidence.emphasis && words <= 40) return weak({ kind: 'authorNote', rule: 'note-continuation', evidence: `set whole in the same emphasis as the note before it` });
    if (after && isListItem(text) && words <= 40) return weak({ kind: 'authorNote', rule: 'note-continuation', evidence: 'a list item continuing a note' });
    if (after && !after.closed && words <= 50 && !hasDialogue(text) && evidence.points >= 0) return weak({ kind: 'authorNote', rule: 'note-continuation', evidence: 'a short paragraph without dialogue after a note, before a break' }, true);
    if (this.isSubheading(text)) return weak({ kind: 'authorNote', rule: 'edge-note', evidence: `a label line set in emphasis at the ${this.where(w)}` });
    if (w.metaZone && words <= 8 && !hasDialogue(text) && (isListItem(text) || !/[.!?]["”’]?$/.test(plainText(text)))) return weak({ kind: 'siteMetadata', rule: 'site-metadata', evidence: 'a short line among site fields' });
    return undefined;
  }

  private where(w: Walk): string {
    return { 'file-start': 'top of the story', 'file-end': 'end of the story', 'chapter-start': 'start of a chapter', 'chapter-end': 'end of a chapter', marker: 'story' }[w.edge];
  }

  private labelVerdict(label: Label, value: string, evidence: string): Verdict {
    switch (label.role) {
      case 'summary':
        return { kind: 'siteMetadata', rule: 'summary', evidence, ...(value && { summary: true }) };
      case 'note':
        return { kind: 'authorNote', rule: 'note-label', evidence };
      case 'title':
        return { kind: 'titleLine', rule: 'title-line', evidence, ...(value && { title: value }) };
      case 'author':
        return { kind: 'titleLine', rule: 'byline', evidence, ...(value && { author: value }) };
      default:
        return { kind: 'siteMetadata', rule: 'site-metadata', evidence };
    }
  }

  /**
   * The value of a label standing alone on the line before: one short line (or a list) for a field; up to three
   * paragraphs for a summary or notes label, when a label, heading or break closes them.
   */
  private labelValue(i: number): Verdict | undefined {
    const blocks = this.blocks;
    const text = blocks[i]!.text;
    for (let j = i - 1, distance = 1; j >= 0 && distance <= 30; j--, distance++) {
      const b = blocks[j]!;
      if (b.kind !== 'paragraph') return undefined;
      const label = fieldLabel(b.text);
      if (label) {
        if (label.value !== '') return undefined;
        const evidence = `the value of "${label.label}"`;
        if (label.role === 'summary' || label.role === 'note') return distance === 1 || (distance <= 3 && this.closedAfter(i)) ? this.labelVerdict(label, text, evidence) : undefined;
        if (distance === 1 ? isShortValue(text) : isListItem(text) && blocks.slice(j + 1, i).every((x) => isListItem(x.text))) {
          const verdict = this.labelVerdict(label, text, evidence);
          if (label.role === 'title') verdict.title = plainText(text);
          if (label.role === 'author') verdict.author = plainText(text).replace(/^[-*•]\s+/, '');
          return verdict;
        }
        return undefined;
      }
      if (!isListItem(b.text) && distance >= 3) return undefined;
    }
    return undefined;
  }

  /** After paragraph `i` comes a label, a heading, a break or the end: a summary ends there. */
  private closedAfter(i: number): boolean {
    const next = this.blocks[i + 1];
    return !next || next.kind !== 'paragraph' || fieldLabel(next.text) !== undefined || this.isSubheading(next.text) || isScaffold(next.text);
  }

  /** A short label line set whole in emphasis (`**Optional links:**`, `**So what is X?**`): a note's own heading. */
  private isSubheading(text: string): boolean {
    return wrappingEmphasis(text) !== undefined && wordCount(text) <= 8 && /[:?：]\W*$/.test(plainText(text));
  }

  /** A short line right above a list of short items, among site fields: a menu's title. */
  private isMenuLabel(i: number): boolean {
    const text = this.blocks[i]!.text;
    const next = this.blocks[i + 1];
    return wordCount(text) <= 3 && !isListItem(text) && !/[.!?]$/.test(text) && next?.kind === 'paragraph' && isListItem(next.text) && wordCount(next.text) <= 6;
  }

  /**
   * A title or byline line: `By X`; a name right after a title line; a line repeating the story's title; at the
   * file's top, a title-like line followed by a byline, or the very first line followed by more structure.
   */
  private titleLine(i: number, w: Walk): Verdict | undefined {
    const blocks = this.blocks;
    const text = blocks[i]!.text;
    if (text.length > 160) return undefined;
    const author = bylineName(text);
    if (author) return { kind: 'titleLine', rule: 'byline', evidence: `"${ellipsis(plainText(text))}" names the author`, author };
    const plain = plainText(unwrapLine(text).text);
    if (w.previous?.verdict.title && isNameLike(plain) && wordCount(plain) <= 5) return { kind: 'titleLine', rule: 'byline', evidence: 'a name right under the title', author: plain };
    const title = titleText(text);
    if (!title) return undefined;
    const known = [this.textTitle, this.state.options.title, this.state.options.fallbackTitle].find((t) => sameTitle(t, title) || sameTitle(t, plain));
    if (known) return { kind: 'titleLine', rule: 'title-line', evidence: `repeats the story's title "${ellipsis(known)}"`, title };
    if (w.edge !== 'file-start' || this.textTitle) return undefined;
    const next = blocks[i + 1];
    if (next?.kind === 'paragraph' && (bylineName(next.text) || (isNameLike(plainText(next.text)) && wordCount(next.text) <= 5))) return { kind: 'titleLine', rule: 'title-line', evidence: 'a title line above a byline', title };
    const first = blocks.findIndex((b) => b.kind !== 'sceneBreak');
    if (i === first && next && (next.kind !== 'paragraph' || this.isStructure(next.text))) return { kind: 'titleLine', rule: 'title-line', evidence: 'the first line, above a heading or site lines', title };
    return undefined;
  }
}
