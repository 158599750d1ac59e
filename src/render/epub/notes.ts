// Places a story's author's notes by the book's notes policy: endnotes with links both ways, kept in place, or dropped.
import type { Block, Note, NotesPolicy, Story } from '../../model/types.js';
import { renderBlocks, type Anchors, type SceneBreak } from './blocks.js';
import { escapeXml, uniqueId, xmlId } from './xml.js';

export const AUTHOR_NOTE_LABEL = 'Author’s note';
const BACKLINK_TEXT = '↩';

export interface StoryNotesPlace {
  /** `endnotes` only when the book has a notes page; otherwise the caller passes `keep` or `drop`. */
  policy: NotesPolicy;
  /** The story's first file (a note no reference points to links back to the story's start there). */
  storyFile: string;
  /** The notes file each endnote is in. */
  noteFile: (note: Note) => string;
  /** Ids used in the story's files. */
  ids: Set<string>;
  /** Where the story's ids landed (note references are added as they are written). */
  anchors: Anchors;
  sceneBreak: SceneBreak;
}

/** The notes of one story: note references in its text, and where the note bodies go. */
export class StoryNotes {
  private readonly sid: string;
  private readonly byId = new Map<string, Note>();
  /** Ref ids written so far, per note (first one is the back-link target). */
  private readonly refs = new Map<Note, string[]>();
  private readonly pendingInline: Note[] = [];
  private readonly printed = new Set<Note>();
  private readonly policy: NotesPolicy;

  constructor(
    private readonly story: Story,
    private readonly place: StoryNotesPlace,
  ) {
    this.policy = place.policy;
    this.sid = xmlId(story.id);
    for (const note of story.notes) this.byId.set(note.id, note);
    if (this.policy === 'keep') for (const note of story.notes) place.ids.add(this.anchorId(note));
  }

  get hasNotes(): boolean {
    return this.policy !== 'drop' && this.story.notes.length > 0;
  }

  anchorId(note: Note): string {
    return noteAnchorId(this.story, note);
  }

  private nextRefId(note: Note): string {
    const list = this.refs.get(note) ?? [];
    const id = uniqueId(`noteref-${this.sid}-${note.number}${list.length ? `-${list.length + 1}` : ''}`, this.place.ids);
    list.push(id);
    this.refs.set(note, list);
    this.place.anchors.add(id);
    return id;
  }

  private href(note: Note): string {
    const anchor = this.anchorId(note);
    if (this.policy === 'endnotes') return `${this.place.noteFile(note)}#${anchor}`;
    // A kept note stands after the block of its first reference: later references may be in another file.
    const file = this.printed.has(note) ? this.place.anchors.fileOf(anchor) : undefined;
    return `${file ?? ''}#${anchor}`;
  }

  /** Markup for an inline reference in the running text. */
  noteRef = (noteId: string): string => {
    const note = this.byId.get(noteId);
    if (!note || this.policy === 'drop') return '';
    const href = this.href(note);
    const id = this.nextRefId(note);
    if (this.policy === 'keep' && !this.pendingInline.includes(note) && !this.printed.has(note)) this.pendingInline.push(note);
    return `<a class="noteref" id="${id}" href="${escapeXml(href)}" epub:type="noteref" role="doc-noteref">${note.number}</a>`;
  };

  /** Kept notes: footnotes referenced in the block just written go right after it. */
  afterBlock = (): string => {
    const out = this.pendingInline.splice(0).map((note) => this.keptNote(note, 'footnote'));
    return out.join('\n');
  };

  /** Notes that stood before the story: a link (endnotes) or the note itself (keep). */
  startMarkup(): string {
    return this.positioned('start');
  }

  /** Notes that stood after the story, plus kept inline notes that no reference pointed to. */
  endMarkup(): string {
    const parts = [this.positioned('end')];
    if (this.policy === 'keep') {
      for (const note of this.story.notes) if (note.position === 'inline' && !this.printed.has(note)) parts.push(this.keptNote(note, 'footnote'));
    }
    return parts.filter(Boolean).join('\n');
  }

  private positioned(position: 'start' | 'end'): string {
    if (this.policy === 'drop') return '';
    const notes = this.story.notes.filter((n) => n.position === position);
    if (this.policy === 'keep') return notes.map((n) => this.keptNote(n, position)).join('\n');
    return notes
      .map((note) => {
        const href = this.href(note);
        const id = this.nextRefId(note);
        return `<p class="note-link note-link-${position}"><a id="${id}" href="${escapeXml(href)}" epub:type="noteref" role="doc-noteref">${escapeXml(AUTHOR_NOTE_LABEL)}</a></p>`;
      })
      .join('\n');
  }

  private keptNote(note: Note, kind: 'start' | 'end' | 'footnote'): string {
    this.printed.add(note);
    this.place.anchors.add(this.anchorId(note));
    // The note stands in the same file as its first reference (right after that reference's block).
    const ref = this.refs.get(note)?.[0];
    const body = withBacklink(renderNoteBlocks(note.blocks, this.place.ids, this.place.sceneBreak), ref ? backlink(`#${ref}`) : '');
    if (kind === 'footnote') {
      return `<aside class="footnote" id="${this.anchorId(note)}" epub:type="footnote" role="doc-footnote">\n${body}\n</aside>`;
    }
    return `<aside class="author-note author-note-${kind}" id="${this.anchorId(note)}" role="note" aria-label="${escapeXml(AUTHOR_NOTE_LABEL)}">\n${body}\n</aside>`;
  }

  /** Endnotes: where a note's back-link goes (its first reference; the story's start when nothing refers to it). Call after the story is placed. */
  backlinkHref(note: Note): string {
    const ref = this.refs.get(note)?.[0];
    const file = ref ? this.place.anchors.fileOf(ref) : undefined;
    return ref && file ? `${file}#${ref}` : `${this.place.storyFile}#${this.sid}`;
  }
}

/** The id of a note's body (an endnote, or a note kept in the story). */
export function noteAnchorId(story: Story, note: Note): string {
  return `note-${xmlId(story.id)}-${note.number}`;
}

/** The back-link at the end of a note. */
export function backlink(href: string): string {
  return ` <a class="backlink" href="${escapeXml(href)}" epub:type="backlink" role="doc-backlink" title="Back to the text">${BACKLINK_TEXT}</a>`;
}

/** A note's blocks. */
export function renderNoteBlocks(blocks: Block[], ids: Set<string>, sceneBreak: SceneBreak): string {
  return renderBlocks(blocks, { noteRef: () => '', ids, sceneBreak });
}

/** A note's markup with the back-link appended inside its last paragraph (or after it). */
export function withBacklink(html: string, link: string): string {
  if (!link) return html;
  if (html.endsWith('</p>')) return `${html.slice(0, -4)}${link}</p>`;
  return `${html}\n<p class="first">${link.trim()}</p>`;
}
