// The notes section with every story's endnotes: laid out before the stories (their references name its files), finished after them (the back-links name theirs).
import type { MatterSection, Note, Story } from '../../model/types.js';
import { renderBlocks, type SceneBreak } from './blocks.js';
import { backlink, noteAnchorId, renderNoteBlocks, withBacklink, type StoryNotes } from './notes.js';
import type { FileLimits } from './split.js';
import { escapeXml, uniqueId, xmlId } from './xml.js';

/** Room kept in a file's size for each note's back-link, added after the file is chosen. */
const BACKLINK_ROOM = 300;

interface NoteItem {
  note: Note;
  /** The note's markup before its back-link. */
  body: string;
  file: string;
}

interface StoryHeading {
  story: Story;
  /** The heading's markup, and its continuation heading in a later file. */
  html: string;
  continued: string;
  headingId: string;
  items: NoteItem[];
}

export interface NotesPagesOptions {
  /** The notes section's first file. */
  firstFile: string;
  fileFor: (base: string) => string;
  sceneBreak: SceneBreak;
  limits: FileLimits;
  finish: (html: string) => string;
}

export class NotesPages {
  readonly files: string[];
  private readonly intro: string;
  private readonly stories: StoryHeading[] = [];
  private readonly fileOfNote = new Map<Note, string>();

  /** Lays out the notes of `stories` (those with notes) in files of at most `limits.hard` bytes. */
  constructor(
    private readonly section: MatterSection,
    stories: Story[],
    private readonly o: NotesPagesOptions,
  ) {
    const ids = new Set<string>();
    const sectionId = uniqueId(section.id, ids);
    this.intro = `<section id="${sectionId}" class="notes" epub:type="endnotes" role="doc-endnotes">\n${o.finish(renderBlocks(section.blocks, { noteRef: () => '', ids, sceneBreak: o.sceneBreak }))}`;
    this.files = [o.firstFile];
    let bytes = Buffer.byteLength(this.intro, 'utf8');
    const size = (html: string): number => Buffer.byteLength(html, 'utf8');
    for (const story of stories) {
      if (story.notes.length === 0) continue;
      const headingId = uniqueId(`notes-${xmlId(story.id)}`, ids);
      const title = escapeXml(story.title);
      const heading: StoryHeading = {
        story,
        html: o.finish(`<h2 id="${headingId}">${title}</h2>`),
        continued: o.finish(`<h2 id="${headingId}-continued">${title} (continued)</h2>`),
        headingId,
        items: [],
      };
      this.stories.push(heading);
      bytes += size(heading.html) + 100;
      for (const note of [...story.notes].sort((a, b) => a.number - b.number)) {
        ids.add(noteAnchorId(story, note));
        const body = o.finish(renderNoteBlocks(note.blocks, ids, o.sceneBreak));
        const itemBytes = size(body) + BACKLINK_ROOM;
        if (bytes + itemBytes > o.limits.hard && (heading.items.length > 0 || bytes > size(this.intro) + size(heading.html) + 100)) {
          this.files.push(o.fileFor(`${o.firstFile.replace(/\.xhtml$/, '')}-${this.files.length + 1}`));
          bytes = size(heading.continued) + 200;
        }
        const file = this.files[this.files.length - 1]!;
        heading.items.push({ note, body, file });
        this.fileOfNote.set(note, file);
        bytes += itemBytes;
      }
    }
  }

  /** The notes file an endnote is in. */
  fileOf(note: Note): string {
    return this.fileOfNote.get(note) ?? this.o.firstFile;
  }

  /** The body markup of each notes file, in order; the back-links come from the stories' notes (rendered by now). */
  bodies(notesOf: Map<Story, StoryNotes>): string[] {
    const out = this.files.map((file, i) => (i === 0 ? [this.intro] : [`<section class="notes" epub:type="endnotes" role="doc-endnotes" aria-label="${escapeXml(this.section.title || 'Notes')}">`]));
    for (const heading of this.stories) {
      const notes = notesOf.get(heading.story)!;
      let open: number | undefined;
      const close = (): void => {
        if (open !== undefined) out[open]!.push('</ol>\n</section>');
      };
      for (const item of heading.items) {
        const at = this.files.indexOf(item.file);
        if (at !== open) {
          close();
          const first = open === undefined;
          out[at]!.push(`<section class="story-notes" aria-labelledby="${first ? heading.headingId : `${heading.headingId}-continued`}">\n${first ? heading.html : heading.continued}\n<ol class="endnotes">`);
          open = at;
        }
        const anchor = notes.anchorId(item.note);
        const body = withBacklink(item.body, backlink(notes.backlinkHref(item.note)));
        // (No epub:type `endnote` on the item: the vocabulary deprecates it; the section says `endnotes`.)
        out[at]!.push(`<li id="${anchor}" value="${item.note.number}" class="endnote endnote-${item.note.position}">\n${body}\n</li>`);
      }
      close();
    }
    return out.map((parts) => [...parts, '</section>'].join('\n'));
  }
}
