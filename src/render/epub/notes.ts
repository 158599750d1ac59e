// Places a story's author's notes by the book's notes policy: endnotes with links both ways, kept in place, or dropped.
import type { Block, Note, NotesPolicy, Story } from '../../model/types.js';
import { renderBlocks, uniqueId, type BlockWriter } from './blocks.js';
import { escapeXml, xmlId } from './xml.js';

export const AUTHOR_NOTE_LABEL = 'Author’s note';
const BACKLINK_TEXT = '↩';

/** The notes of one story: note references in its text, and where the note bodies go. */
export class StoryNotes {
  private readonly sid: string;
  private readonly byId = new Map<string, Note>();
  /** Ref ids written so far, per note (first one is the back-link target). */
  private readonly refs = new Map<Note, string[]>();
  private readonly pendingInline: Note[] = [];
  private readonly printed = new Set<Note>();

  constructor(
    private readonly story: Story,
    /** `endnotes` only when the book has a notes page; otherwise the caller passes `keep` or `drop`. */
    private readonly policy: NotesPolicy,
    private readonly storyFile: string,
    private readonly notesFile: string,
    private readonly ids: Set<string>,
  ) {
    this.sid = xmlId(story.id);
    for (const note of story.notes) this.byId.set(note.id, note);
    if (policy === 'keep') for (const note of story.notes) ids.add(this.anchorId(note));
  }

  get hasNotes(): boolean {
    return this.policy !== 'drop' && this.story.notes.length > 0;
  }

  anchorId(note: Note): string {
    return `note-${this.sid}-${note.number}`;
  }

  private nextRefId(note: Note): string {
    const list = this.refs.get(note) ?? [];
    const id = uniqueId(`noteref-${this.sid}-${note.number}${list.length ? `-${list.length + 1}` : ''}`, this.ids);
    list.push(id);
    this.refs.set(note, list);
    return id;
  }

  private href(note: Note): string {
    return this.policy === 'endnotes' ? `${this.notesFile}#${this.anchorId(note)}` : `#${this.anchorId(note)}`;
  }

  /** Markup for an inline reference in the running text. */
  noteRef = (noteId: string): string => {
    const note = this.byId.get(noteId);
    if (!note || this.policy === 'drop') return '';
    const id = this.nextRefId(note);
    if (this.policy === 'keep' && !this.pendingInline.includes(note) && !this.printed.has(note)) this.pendingInline.push(note);
    return `<a class="noteref" id="${id}" href="${escapeXml(this.href(note))}" epub:type="noteref" role="doc-noteref">${note.number}</a>`;
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
        const id = this.nextRefId(note);
        return `<p class="note-link note-link-${position}"><a id="${id}" href="${escapeXml(this.href(note))}" epub:type="noteref" role="doc-noteref">${escapeXml(AUTHOR_NOTE_LABEL)}</a></p>`;
      })
      .join('\n');
  }

  private keptNote(note: Note, kind: 'start' | 'end' | 'footnote'): string {
    this.printed.add(note);
    const body = renderNoteBlocks(note.blocks, this.ids, this.backlink(note, ''));
    if (kind === 'footnote') {
      return `<aside class="footnote" id="${this.anchorId(note)}" epub:type="footnote" role="doc-footnote">\n${body}\n</aside>`;
    }
    return `<aside class="author-note author-note-${kind}" id="${this.anchorId(note)}" role="note" aria-label="${escapeXml(AUTHOR_NOTE_LABEL)}">\n${body}\n</aside>`;
  }

  private backlink(note: Note, file: string): string {
    const ref = this.refs.get(note)?.[0];
    // A note no reference points to links back to the start of its story (endnotes only).
    const target = ref ? `${file}#${ref}` : file ? `${file}#${this.sid}` : '';
    if (!target) return '';
    return ` <a class="backlink" href="${escapeXml(target)}" epub:type="backlink" role="doc-backlink" title="Back to the text">${BACKLINK_TEXT}</a>`;
  }

  /** Endnotes page: this story's notes as `<li>` items, each linking back to its reference. Call after the story page. */
  endnoteItems(notesIds: Set<string>): string {
    return [...this.story.notes]
      .sort((a, b) => a.number - b.number)
      .map((note) => {
        notesIds.add(this.anchorId(note));
        const back = this.backlink(note, this.storyFile);
        const body = renderNoteBlocks(note.blocks, notesIds, back);
        return `<li id="${this.anchorId(note)}" value="${note.number}" class="endnote endnote-${note.position}" epub:type="endnote">\n${body}\n</li>`;
      })
      .join('\n');
  }
}

/** A note's blocks with the back-link appended inside its last paragraph (or after it). */
function renderNoteBlocks(blocks: Block[], ids: Set<string>, backlink: string): string {
  const writer: BlockWriter = { noteRef: () => '', ids };
  const html = renderBlocks(blocks.length ? blocks : [], writer);
  if (!backlink) return html;
  if (html.endsWith('</p>')) return `${html.slice(0, -4)}${backlink}</p>`;
  return `${html}\n<p class="first">${backlink.trim()}</p>`;
}
