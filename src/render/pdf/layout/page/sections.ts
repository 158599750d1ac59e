// Book sections: a story as a section (opener, notes per policy, its text set into flow items), the notes section and the contents.
import type { Book, Inline, Note, Story } from '../../../../model/types.js';
import type { PageKind } from '../../types.js';
import type { SetLine } from '../paragraph/setter.js';
import type { NoteResolver } from '../paragraph/words.js';
import { blocksToFlow, roleStyle, setInline, type BlockContext } from './blocks.js';
import type { Geometry } from './geometry.js';
import type { FlowItem } from './paginate.js';

/** A run of pages: front matter, a story, back matter. */
export interface Section {
  kind: PageKind;
  /** Start on a recto (blank verso inserted), or just on a new page. */
  recto: boolean;
  flow: FlowItem[];
  /** Grid units of sink before the flow on the first page. */
  sink: number;
  runningHead?: string;
  folio: boolean;
  outline?: { title: string; dest: string };
  storyId?: string;
  /** Bottom-align a one-page section (notices). */
  bottom?: boolean;
}

/** The context a story's text is set in (notes resolved per policy; 'keep' sets inline notes after their paragraph) and how its notes are set. */
function storyContext(book: Pick<Book, 'notesPolicy'>, story: Story, base: BlockContext, endnotes: boolean, keep: boolean, interactive: boolean): { ctx: BlockContext; noteBlocks: (notes: Note[]) => FlowItem[] } {
  const size = base.theme.text.size;
  const notesById = new Map(story.notes.map((n) => [n.id, n]));
  const resolver: NoteResolver | undefined =
    book.notesPolicy === 'drop'
      ? undefined
      : (id) => {
          const n = notesById.get(id);
          if (!n) return undefined;
          return { label: String(n.number), ...(endnotes && interactive && { target: `note-${n.id}`, destination: `ref-${n.id}` }) };
        };
  const ctx: BlockContext = { ...base, story: story.id, ...(resolver && { notes: resolver }) };
  const noteCtx: BlockContext = { ...base, asNote: true, ...(resolver && { notes: resolver }) };
  const noteBlocks = (notes: Note[]): FlowItem[] =>
    notes.flatMap((n) => {
      const items = blocksToFlow(noteCtx, n.blocks, size * 1.5, base.width - size * 3);
      const first = items[0];
      if (first?.kind === 'block') first.spaceBefore = 1;
      const lastItem = items[items.length - 1];
      if (lastItem?.kind === 'block') lastItem.spaceAfter = 1;
      return items;
    });
  if (keep) ctx.afterParagraph = (content: Inline[]): FlowItem[] => noteBlocks(refsIn(content).map((id) => notesById.get(id)).filter((n): n is Note => !!n && n.position === 'inline'));
  return { ctx, noteBlocks };
}

/**
 * A story's blocks [from, to) set into flow items exactly as storySection sets them, so a long story can be set
 * in two parts by two threads. `from` must be a block that is not a paragraph (a paragraph's indent depends on
 * the block before it).
 */
export function storyBody(book: Pick<Book, 'notesPolicy'>, story: Story, base: BlockContext, endnotes: boolean, keep: boolean, interactive: boolean, from = 0, to = story.blocks.length): FlowItem[] {
  return blocksToFlow(storyContext(book, story, base, endnotes, keep, interactive).ctx, from === 0 && to === story.blocks.length ? story.blocks : story.blocks.slice(from, to));
}

/**
 * One story as a section: opener, notes pointers or kept notes, and its text set into lines (or `body`, its text
 * already set by storyBody). Watch mode caches the result (story-cache.ts): whatever it reads of the story, the
 * book and the geometry must be in that key.
 */
export function storySection(book: Pick<Book, 'notesPolicy'>, story: Story, base: BlockContext, g: Geometry, endnotes: boolean, keep: boolean, interactive: boolean, body?: FlowItem[]): Section {
  const size = base.theme.text.size;
  const { ctx, noteBlocks } = storyContext(book, story, base, endnotes, keep, interactive);
  const flow: FlowItem[] = [];
  const opener = blocksToFlow({ ...base }, story.opener);
  append(flow, opener);
  const last = flow[flow.length - 1];
  if (last?.kind === 'block') last.spaceAfter = Math.max(last.spaceAfter, 3);
  const pointer = (notes: Note[], where: 'start' | 'end'): FlowItem[] => {
    if (!notes.length) return [];
    const text = notes.length === 1 ? 'Author’s note' : 'Author’s notes';
    const lines = setInline(base, [[{ text: `${text} ${notes.map((n) => n.number).join(', ')}`, font: 'italic', size: size * 0.9, role: 'note', ...(interactive && { link: `note-${notes[0]!.id}`, destination: `story-${where}-${story.id}` }) }]], {
      size: size * 0.9,
      font: 'italic',
      role: 'note',
      align: 'center',
      indent: 0,
      hyphenate: false,
    });
    return [{ kind: 'block', lines: lines.map((line) => ({ line, x: 0, units: 1 })), spaceBefore: 1, spaceAfter: 1, breakable: false }];
  };
  const start = story.notes.filter((n) => n.position === 'start');
  const end = story.notes.filter((n) => n.position === 'end');
  if (keep) append(flow, noteBlocks(start));
  else if (endnotes) append(flow, pointer(start, 'start'));
  append(flow, body ?? blocksToFlow(ctx, story.blocks));
  if (keep) append(flow, noteBlocks(end));
  else if (endnotes) append(flow, pointer(end, 'end'));
  return { kind: 'opener', recto: true, flow, sink: Math.round(g.lines / 5), folio: true, runningHead: story.title, outline: { title: story.title, dest: `story-${story.id}` }, storyId: story.id };
}

/** Append items one by one (a story's flow can be too long to spread into push()). */
function append<T>(to: T[], items: T[]): void {
  for (let i = 0; i < items.length; i++) to.push(items[i]!);
}

function refsIn(content: Inline[]): string[] {
  const out: string[] = [];
  for (const n of content) {
    if (n.type === 'noteRef') out.push(n.noteId);
    else if (n.type === 'emphasis' || n.type === 'strong' || n.type === 'smallCaps') out.push(...refsIn(n.children));
  }
  return out;
}

/** The notes section body: per story a heading, then each note numbered and linked back. */
export function notesFlow(book: Book, base: BlockContext, interactive: boolean): FlowItem[] {
  const size = base.theme.text.size;
  const out: FlowItem[] = [];
  for (const story of book.stories) {
    if (!story.notes.length) continue;
    const style = roleStyle(base.theme, undefined, 3);
    const head = setInline(base, [{ type: 'text', text: story.title }], { size: size * style.scale, font: 'italic', role: 'title', align: 'center', indent: 0, hyphenate: false });
    out.push({ kind: 'block', lines: head.map((line) => ({ line, x: 0, units: 1 })), spaceBefore: 1.5, spaceAfter: 0.5, keepWithNext: true, breakable: false });
    for (const note of story.notes) {
      const items = blocksToFlow({ ...base, asNote: true }, note.blocks, size * 1.6, base.width - size * 1.6);
      const first = items.find((i) => i.kind === 'block');
      if (first?.kind === 'block' && first.lines[0]) {
        const label = `${note.number}.`;
        const w = base.fonts.width(label, 'regular', size * 0.9);
        const backTo = note.position === 'inline' ? `ref-${note.id}` : `story-${note.position}-${story.id}`;
        const line = first.lines[0].line;
        line.runs.unshift({ kind: 'text', x: -size * 1.6, y: 0, text: label, font: 'regular', size: size * 0.9, width: w, role: 'note', join: 'para' });
        if (interactive) {
          line.links.push({ kind: 'link', x: -size * 1.6, y: -size, w, h: size * 1.3, target: backTo });
          line.destinations.push({ name: `note-${note.id}`, x: -size * 1.6, y: -size * 2 });
        }
        first.spaceBefore = Math.max(first.spaceBefore, 0.5);
      }
      out.push(...items);
    }
  }
  return out;
}

/** Contents entries: title … page number (right-aligned, linked), authors in italics beneath. */
export function contentsFlow(book: Book, base: BlockContext, numbers: Map<string, number> | undefined, interactive: boolean): FlowItem[] {
  const size = base.theme.text.size;
  const numberWidth = base.fonts.width('0000', 'regular', size);
  const out: FlowItem[] = [];
  const entry = (title: string, authors: string, dest: string, level: 1 | 2 | 3 = 1): void => {
    // A story's chapters stand indented beneath it (level 2), a part's chapters beneath the part (level 3).
    const indent = (level - 1) * size * 1.5;
    const lines: SetLine[] = setInline(base, [{ type: 'text', text: title }], { size, font: 'regular', role: 'toc', align: 'left', indent, width: base.width - numberWidth - size, hyphenate: false });
    const page = numbers?.get(dest);
    const label = page === undefined ? '000' : String(page);
    const lw = base.fonts.width(label, 'regular', size);
    const lastLine = lines[lines.length - 1]!;
    lastLine.runs.push({ kind: 'text', x: base.width - lw, y: 0, text: label, font: 'regular', size, width: lw, role: 'toc', join: 'space' });
    if (authors) {
      lines.push(...setInline(base, [{ type: 'text', text: authors }], { size: size * 0.9, font: 'italic', role: 'toc', align: 'left', indent: size, width: base.width - numberWidth - size, hyphenate: false }));
    }
    for (const l of lines) for (const r of l.runs) r.role = 'toc';
    if (interactive) lines[0]!.links.push({ kind: 'link', x: 0, y: -size, w: base.width, h: size * 1.4 * lines.length, target: dest });
    out.push({ kind: 'block', lines: lines.map((line) => ({ line, x: 0, units: 1 })), spaceBefore: level === 1 ? 0.5 : 0, spaceAfter: 0, breakable: false });
  };
  for (const story of book.stories) {
    entry(story.title, story.authors.join(', '), `story-${story.id}`);
    for (const chapter of story.chapters) entry(chapter.title, '', `chapter-${chapter.id}`, chapter.level);
  }
  for (const m of book.back) entry(m.title || m.kind, '', m.id);
  return out;
}
