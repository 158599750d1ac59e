// Book structure: front matter, contents (two passes), stories opening on rectos, notes, colophon, heads, folios, padding.
import type { Book } from '../../../model/types.js';
import type { RenderContext } from '../../context.js';
import type { LaidOutBook } from '../types.js';
import { blocksToFlow, type BlockContext } from './page/blocks.js';
import { pageGeometry, type Geometry } from './page/geometry.js';
import type { FlowItem } from './page/paginate.js';
import { finish, paginateSections } from './page/pages.js';
import { append, contentsFlow, notesFlow, storyBody, storySection, type Section } from './page/sections.js';
import { FontSet } from './text/fonts.js';
import { hyphenatorFor } from './text/hyphenate.js';
import { unpackFlows, unpackSections } from './flow-codec.js';
import type { StoryLayouts } from './story-cache.js';
import { offloadStories, planOffload } from './story-pool.js';

/** Lay the whole book out into pages. */
export async function layoutBook(book: Book, ctx: RenderContext, fonts: FontSet = fontsFor(ctx)): Promise<LaidOutBook> {
  const hyphenate = ctx.theme.text.hyphenate ? hyphenatorFor(book.meta.language) : undefined;
  const words = book.stories.reduce((n, s) => n + s.wordCount, 0);
  let estimate = Math.max(8, Math.round(words / 280));
  let result: LaidOutBook | undefined;
  const share: WorkerShare = { layout: ++layouts, merged: new Map() };
  // Watch mode: unchanged stories' sections from earlier builds (the passes differ only in geometry).
  const reuse = ctx.storyLayouts?.layout<Section>(book.stories, { theme: ctx.theme, language: book.meta.language, notesPolicy: book.notesPolicy, interactive: !ctx.options.print });
  for (let pass = 0; pass < 4; pass++) {
    const geometry = pageGeometry(ctx.theme, ctx.options.trim, estimate);
    result = await layoutWith(book, ctx, fonts, geometry, hyphenate, share, reuse);
    const again = pageGeometry(ctx.theme, ctx.options.trim, result.pages.length);
    if (again.gutterInches === geometry.gutterInches) break;
    estimate = result.pages.length;
  }
  return result!;
}

/** Layouts made so far in this process (the story worker keeps one FontSet per layout). */
let layouts = 0;

/** A layout's use of the story worker: its id and the missing-glyph counts already taken over from the worker. */
interface WorkerShare {
  layout: number;
  merged: Map<string, number>;
}

export function fontsFor(ctx: RenderContext): FontSet {
  return new FontSet({ ...ctx.theme.fontFiles });
}

async function layoutWith(
  book: Book,
  ctx: RenderContext,
  fonts: FontSet,
  g: Geometry,
  hyphenate: ReturnType<typeof hyphenatorFor>,
  share: WorkerShare,
  reuse: StoryLayouts<Section> | undefined,
): Promise<LaidOutBook> {
  const theme = ctx.theme;
  const base: BlockContext = { fonts, theme, width: g.recto.width, leading: g.leading, ...(hyphenate && { hyphenate }) };
  const endnotes = book.notesPolicy === 'endnotes';
  const keep = book.notesPolicy === 'keep';
  const interactive = !ctx.options.print;

  // Story sections: those unchanged since an earlier build are reused (watch mode); of the others, a large
  // book's are shared with the worker thread, the rest are set here meanwhile.
  const storySections: Section[] = [];
  const todo: number[] = [];
  book.stories.forEach((_, i) => {
    const cached = reuse?.reuse(i, g, fonts);
    if (cached) storySections[i] = cached;
    else todo.push(i);
  });
  // Whole stories go to the worker, and possibly the end of one long story (split before a chapter heading).
  const plan = planOffload(todo.map((i) => book.stories[i]!));
  const sent = todo.filter((_, k) => plan.whole.has(k));
  const split = plan.part && { i: todo[plan.part.index]!, from: plan.part.from };
  const splitStory = split && book.stories[split.i]!;
  const pending =
    sent.length || split
      ? offloadStories({
          layout: share.layout,
          theme,
          language: book.meta.language,
          geometry: g,
          notesPolicy: book.notesPolicy,
          interactive,
          stories: sent.map((i) => book.stories[i]!),
          // Only the blocks the worker sets travel.
          parts: split ? [{ ...splitStory!, blocks: splitStory!.blocks.slice(split.from) }] : [],
        })
      : undefined;
  const setHere = (i: number): Section => {
    const set = (f: FontSet): Section => storySection(book, book.stories[i]!, { ...base, fonts: f }, g, endnotes, keep, interactive);
    return reuse ? reuse.setAndKeep(i, g, fonts, set) : set(fonts);
  };
  const inWorker = new Set(pending ? sent : []);
  let head: FlowItem[] | undefined;
  for (const i of todo) {
    if (inWorker.has(i)) continue;
    if (pending && split && i === split.i) head = storyBody(book, splitStory!, base, endnotes, keep, interactive, 0, split.from);
    else storySections[i] = setHere(i);
  }
  const done = pending && (await pending);
  if (pending && !done) {
    for (const i of sent) storySections[i] = setHere(i);
    if (split) storySections[split.i] = setHere(split.i);
  }
  if (done) {
    const sections = unpackSections(done.sections);
    sent.forEach((i, k) => {
      storySections[i] = sections[k]!;
      reuse?.keep(i, g, fonts, sections[k]!);
    });
    if (split) {
      const body = head!;
      append(body, unpackFlows(done.parts)[0]!);
      const section = storySection(book, splitStory!, base, g, endnotes, keep, interactive, body);
      storySections[split.i] = section;
      reuse?.keep(split.i, g, fonts, section);
    }
    // The worker counts characters no face has over the whole layout; take over what is new since the last pass.
    for (const [ch, count] of done.missing) {
      const delta = count - (share.merged.get(ch) ?? 0);
      if (delta > 0) fonts.missing.set(ch, (fonts.missing.get(ch) ?? 0) + delta);
      share.merged.set(ch, count);
    }
  }
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
