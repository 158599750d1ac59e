// Book structure: front matter, contents (two passes), stories opening on rectos, notes, colophon, heads, folios, padding.
import type { Book, Note, NotesPolicy, Story, Inline } from '../../../model/types.js';
import type { Theme } from '../../../templates/theme.js';
import type { RenderContext } from '../../context.js';
import type { LaidOutBook, LaidOutPage, OutlineEntry, PageKind, TextRun } from '../types.js';
import { blocksToFlow, roleStyle, setInline, type BlockContext } from './blocks.js';
import { FontSet } from './fonts.js';
import { BLEED, blockFor, pageGeometry, type Geometry } from './geometry.js';
import { hyphenatorFor, type Hyphenator } from './hyphenate.js';
import { paginate, type FlowItem, type PlacedLine } from './paginate.js';
import type { NoteResolver, SetLine } from './paragraph.js';

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

/** What setting a story reads besides the story itself: the same for every story and pass of one layout. */
export interface StorySettings {
  theme: Theme;
  language: string;
  notesPolicy: NotesPolicy;
  /** Not print mode: note links and destinations are set into the lines. */
  interactive: boolean;
}

/** One pass of a layout: the settings, the page geometry, the fonts and hyphenation its stories are set with. */
export interface StoryPass {
  settings: StorySettings;
  geometry: Geometry;
  fonts: FontSet;
  hyphenate: Hyphenator | undefined;
}

/**
 * How a layout gets its stories' sections, in book order: set here (setStoriesHere) or shared with a job beside it
 * (story-share.ts). Either way each section is setStory's, and the characters no face has are counted into the
 * pass's fonts as setting the stories here would count them.
 */
export type StorySetter = (stories: readonly Story[], pass: StoryPass) => Promise<Section[]>;

/** Set every story on this thread. */
export const setStoriesHere: StorySetter = async (stories, pass) => stories.map((story) => setStory(story, pass));

/** One story as a section, set in this pass (`body`: its text, set already in parts by setStoryPart). */
export function setStory(story: Story, pass: StoryPass, base: BlockContext = passContext(pass), body?: FlowItem[]): Section {
  const { notesPolicy, interactive } = pass.settings;
  return storySection({ notesPolicy }, story, base, pass.geometry, notesPolicy === 'endnotes', notesPolicy === 'keep', interactive, body);
}

/** A story's blocks [from, to) set as setStory sets them (a long story can be set in parts, by two threads; see storyBody). */
export function setStoryPart(story: Story, pass: StoryPass, from: number, to: number, base: BlockContext = passContext(pass)): FlowItem[] {
  const { notesPolicy, interactive } = pass.settings;
  return storyBody({ notesPolicy }, story, base, notesPolicy === 'endnotes', notesPolicy === 'keep', interactive, from, to);
}

/** The block context of a pass's text block. */
export function passContext(pass: StoryPass): BlockContext {
  const g = pass.geometry;
  return { fonts: pass.fonts, theme: pass.settings.theme, width: g.recto.width, leading: g.leading, ...(pass.hyphenate && { hyphenate: pass.hyphenate }) };
}

interface PageDraft {
  kind: PageKind;
  lines: PlacedLine[];
  head?: string;
  folio: boolean;
  sectionStart?: Section;
}

/** Lay the whole book out into pages; `setStories` says how its stories are set (by default, here). */
export async function layoutBook(book: Book, ctx: RenderContext, setStories: StorySetter = setStoriesHere): Promise<LaidOutBook> {
  const fonts = fontsFor(ctx);
  const settings: StorySettings = { theme: ctx.theme, language: book.meta.language, notesPolicy: book.notesPolicy, interactive: !ctx.options.print };
  const hyphenate = ctx.theme.text.hyphenate ? hyphenatorFor(book.meta.language) : undefined;
  const words = book.stories.reduce((n, s) => n + s.wordCount, 0);
  let estimate = Math.max(8, Math.round(words / 280));
  let result: LaidOutBook | undefined;
  for (let pass = 0; pass < 4; pass++) {
    const geometry = pageGeometry(ctx.theme, ctx.options.trim, estimate);
    const pass: StoryPass = { settings, geometry, fonts, hyphenate };
    result = layoutWith(book, ctx, pass, await setStories(book.stories, pass));
    const again = pageGeometry(ctx.theme, ctx.options.trim, result.pages.length);
    if (again.gutterInches === geometry.gutterInches) break;
    estimate = result.pages.length;
  }
  return result!;
}

export function fontsFor(ctx: RenderContext): FontSet {
  return new FontSet({ ...ctx.theme.fontFiles });
}

/** The front matter, the stories' sections and the back matter, paginated. */
function layoutWith(book: Book, ctx: RenderContext, pass: StoryPass, storySections: Section[]): LaidOutBook {
  const { geometry: g, fonts } = pass;
  const theme = ctx.theme;
  const base = passContext(pass);
  const interactive = !ctx.options.print;

  // Back matter.
  const backSections: Section[] = [];
  for (const m of book.back) {
    let flow = blocksToFlow({ ...base }, m.blocks);
    if (m.kind === 'notes') flow = flow.concat(notesFlow(book, base, interactive));
    backSections.push({ kind: 'back', recto: m.kind === 'notes', flow, sink: m.kind === 'notes' ? 3 : Math.round(g.lines / 4), folio: true, runningHead: m.title, outline: { title: m.title || m.kind, dest: m.id } });
  }

  // Front matter; the contents is set twice: first with placeholder numbers, then with the real ones.
  const frontFor = (numbers: Map<string, number> | undefined): Section[] =>
    book.front.map((m) => {
      if (m.kind === 'halftitle') return { kind: 'front', recto: true, flow: blocksToFlow({ ...base }, m.blocks), sink: Math.round(g.lines / 3), folio: false };
      if (m.kind === 'titlepage') return { kind: 'front', recto: true, flow: blocksToFlow({ ...base }, m.blocks), sink: Math.round(g.lines / 5), folio: false };
      if (m.kind === 'copyright') return { kind: 'front', recto: false, flow: blocksToFlow({ ...base }, m.blocks), sink: 0, folio: false, bottom: true };
      if (m.kind === 'toc') {
        const flow = blocksToFlow({ ...base }, m.blocks).concat(contentsFlow(book, base, numbers, interactive));
        return { kind: 'front', recto: true, flow, sink: 3, folio: false, outline: { title: m.title || 'Contents', dest: m.id } };
      }
      return { kind: 'front', recto: true, flow: blocksToFlow({ ...base }, m.blocks), sink: 3, folio: false };
    });

  let drafts = paginateSections([...frontFor(undefined), ...storySections, ...backSections], g, theme);
  const numbers = new Map<string, number>();
  drafts.forEach((d, i) => {
    const s = d.sectionStart;
    if (s?.outline) numbers.set(s.outline.dest, i + 1);
    for (const placed of d.lines) if (placed.flow.outline?.dest) numbers.set(placed.flow.outline.dest, i + 1);
  });
  drafts = paginateSections([...frontFor(numbers), ...storySections, ...backSections], g, theme);
  // Even page count (or a multiple of pad).
  while (drafts.length % ctx.options.pad !== 0) drafts.push({ kind: 'blank', lines: [], folio: false });

  return finish(book, ctx, fonts, g, drafts);
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
    const lines = setInline(base, [{ pieces: [{ text: `${text} ${notes.map((n) => n.number).join(', ')}`, font: 'italic', size: size * 0.9, role: 'note', ...(interactive && { link: `note-${notes[0]!.id}`, destination: `story-${where}-${story.id}` }) }] }], {
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
function notesFlow(book: Book, base: BlockContext, interactive: boolean): FlowItem[] {
  const size = base.theme.text.size;
  const out: FlowItem[] = [];
  for (const story of book.stories) {
    if (!story.notes.length) continue;
    const style = roleStyle(base.theme, undefined, 3);
    const head = setInline(base, [{ type: 'text', text: story.title }], { size: size * style.scale, font: 'italic', role: 'matter', align: 'center', indent: 0, hyphenate: false });
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
function contentsFlow(book: Book, base: BlockContext, numbers: Map<string, number> | undefined, interactive: boolean): FlowItem[] {
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

function paginateSections(sections: Section[], g: Geometry, theme: RenderContext['theme']): PageDraft[] {
  const drafts: PageDraft[] = [];
  for (const s of sections) {
    if (s.recto && drafts.length % 2 === 1) drafts.push({ kind: 'blank', lines: [], folio: false });
    const pages = paginate(s.flow, { linesPerPage: g.lines, widows: theme.text.widows, orphans: theme.text.orphans, firstPageStart: s.sink });
    if (s.bottom && pages.length === 1) {
      const used = pages[0]!.reduce((m, p) => Math.max(m, p.slot + p.flow.units), 0);
      const shift = Math.max(0, g.lines - used);
      for (const p of pages[0]!) p.slot += shift;
    }
    pages.forEach((lines, i) =>
      drafts.push({
        kind: i === 0 ? s.kind : s.kind === 'opener' ? 'body' : s.kind,
        lines,
        ...(i > 0 && s.runningHead !== undefined && { head: s.runningHead }),
        folio: s.folio,
        ...(i === 0 && { sectionStart: s }),
      }),
    );
  }
  return drafts;
}

function finish(book: Book, ctx: RenderContext, fonts: FontSet, g: Geometry, drafts: PageDraft[]): LaidOutBook {
  const theme = ctx.theme;
  const size = g.size;
  const interactive = !ctx.options.print;
  const pages: LaidOutPage[] = [];
  const outline: OutlineEntry[] = [];
  let currentStory: OutlineEntry | undefined;
  drafts.forEach((d, index) => {
    const block = blockFor(g, index);
    const page: LaidOutPage = { index, kind: d.kind, runs: [], rules: [], links: [], destinations: [] };
    const s = d.sectionStart;
    if (s?.outline) {
      page.destinations.push({ name: s.outline.dest, x: block.x, y: block.y });
      const entry: OutlineEntry = { title: s.outline.title, pageIndex: index, children: [] };
      outline.push(entry);
      currentStory = s.storyId ? entry : undefined;
    }
    for (const placed of d.lines) {
      const baseline = g.firstBaseline + (placed.slot + placed.flow.units - 1) * g.leading;
      const dx = block.x + placed.flow.x;
      for (const r of placed.flow.line.runs) page.runs.push(moved(r, dx, baseline));
      if (interactive) {
        for (const l of placed.flow.line.links) page.links.push({ ...l, x: l.x + dx, y: l.y + baseline });
        for (const dst of placed.flow.line.destinations) page.destinations.push({ ...dst, x: dst.x + dx, y: Math.max(0, dst.y + baseline) });
      }
      if (placed.flow.outline && currentStory) {
        // A chapter inside a part (level 3) goes under the part before it.
        const part = placed.flow.outline.level === 3 ? currentStory.children[currentStory.children.length - 1] : undefined;
        (part ?? currentStory).children.push({ title: placed.flow.outline.title, pageIndex: index, children: [] });
      }
    }
    if (d.kind !== 'blank' && d.lines.length) {
      const headSize = size * theme.headings.runningHead;
      const text = index % 2 === 1 ? book.meta.title : d.head;
      if (d.head !== undefined && text) page.runs.unshift(...centred(fonts, text, 'italic', headSize, block.x, block.width, g.headBaseline, 'runningHead', theme.headings.letterSpacing * headSize));
      if (d.folio) page.runs.push(...centred(fonts, String(index + 1), 'regular', size * theme.headings.folio, block.x, block.width, g.folioBaseline, 'folio', 0));
      page.folio = d.folio ? String(index + 1) : undefined;
    }
    if (page.folio === undefined) delete page.folio;
    pages.push(page);
  });
  const missingGlyphs = [...fonts.missing].map(([char, count]) => ({ char, count }));
  return {
    trim: g.trim,
    bleed: ctx.options.bleed ? BLEED : 0,
    fonts: fonts.files,
    pages,
    outline: interactive ? outline : [],
    textBlock: { recto: g.recto, verso: g.verso },
    gutterInches: g.gutterInches,
    meta: {
      title: book.meta.title,
      author: book.meta.editor ?? book.meta.authors.join(', '),
      language: book.meta.language,
      subject: book.meta.description,
      modified: book.meta.modified,
    },
    missingGlyphs,
  };
}

/**
 * The run moved by (dx, dy): in place when it is this layout's own, a copy when it is frozen (watch mode keeps
 * laid-out stories for later builds, deep-frozen: those are shared). A run stands on one line of one page, so it
 * is moved once.
 */
function moved(r: TextRun, dx: number, dy: number): TextRun {
  if (!Object.isFrozen(r)) {
    r.x += dx;
    r.y += dy;
    return r;
  }
  const out: TextRun = { kind: 'text', x: r.x + dx, y: r.y + dy, text: r.text, font: r.font, size: r.size, width: r.width, role: r.role, join: r.join };
  if (r.wordSpacing !== undefined) out.wordSpacing = r.wordSpacing;
  if (r.characterSpacing !== undefined) out.characterSpacing = r.characterSpacing;
  if (r.story !== undefined) out.story = r.story;
  if (r.addedHyphen !== undefined) out.addedHyphen = r.addedHyphen;
  return out;
}

function centred(fonts: FontSet, text: string, font: 'regular' | 'italic', size: number, x: number, width: number, baseline: number, role: TextRun['role'], cs: number): TextRun[] {
  const segs = fonts.segments(text, font);
  const widths = segs.map((s) => fonts.width(s.text, s.font, size) + cs * [...s.text].length);
  const total = widths.reduce((a, b) => a + b, 0);
  let cx = x + Math.max(0, (width - total) / 2);
  return segs.map((s, i) => {
    const run: TextRun = { kind: 'text', x: cx, y: baseline, text: s.text, font: s.font, size, width: widths[i]!, role, join: i ? 'none' : 'para', ...(cs ? { characterSpacing: cs } : {}) };
    cx += widths[i]!;
    return run;
  });
}
