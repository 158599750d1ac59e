// Sections → pages: pagination onto the line grid (stories on rectos), running heads and folios, and the laid-out book.
import type { Book } from '../../../../model/types.js';
import type { RenderContext } from '../../../context.js';
import type { LaidOutBook, LaidOutPage, OutlineEntry, PageKind, TextRun } from '../../types.js';
import type { FontSet } from '../text/fonts.js';
import { BLEED, blockFor, type Geometry } from './geometry.js';
import { paginateFilled, type PlacedLine } from './paginate.js';
import { shopRules } from '../../shops.js';
import type { Section } from './sections.js';
import { tagPages } from './structure.js';

/** A page before page furniture: its kind, placed lines, running head and whether it shows a folio. */
export interface PageDraft {
  kind: PageKind;
  lines: PlacedLine[];
  head?: string;
  folio: boolean;
  sectionStart?: Section;
}

/**
 * A section's pages depend only on the section and on whether it starts on a recto: the pages of each section as
 * paginated, kept by one layout for its second pagination (the contents with their page numbers), which paginates
 * the same story and back-matter sections again.
 */
export type SectionPages = WeakMap<Section, { recto: boolean; pages: PlacedLine[][] }>;

/** Paginate each section onto pages of the grid, a recto section after a blank verso where needed (`kept`: pages of sections paginated before, taken when they start on the same side). */
export function paginateSections(sections: Section[], g: Geometry, theme: RenderContext['theme'], kept?: SectionPages): PageDraft[] {
  const drafts: PageDraft[] = [];
  for (const s of sections) {
    if (s.recto && drafts.length % 2 === 1) drafts.push({ kind: 'blank', lines: [], folio: false });
    const recto = drafts.length % 2 === 0;
    const before = kept?.get(s);
    const pages = before?.recto === recto ? before.pages : sectionPages(s, g, theme, recto);
    kept?.set(s, { recto, pages });
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

/** One section's pages, its first on a recto or a verso. */
function sectionPages(s: Section, g: Geometry, theme: RenderContext['theme'], recto: boolean): PlacedLine[][] {
  const pages = paginateFilled(s.flow, { linesPerPage: g.lines, widows: theme.text.widows, orphans: theme.text.orphans, firstPageStart: s.sink, firstPageRecto: recto });
  if (s.bottom && pages.length === 1) {
    const used = pages[0]!.reduce((m, p) => Math.max(m, p.slot + p.flow.units), 0);
    const shift = Math.max(0, g.lines - used);
    for (const p of pages[0]!) p.slot += shift;
  }
  return pages;
}

/** The laid-out book: each draft placed on its recto or verso text block, with running head, folio and outline entries. */
export function finish(book: Book, ctx: RenderContext, fonts: FontSet, g: Geometry, drafts: PageDraft[]): LaidOutBook {
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
  const structure = interactive ? tagPages(drafts, pages) : undefined;
  return {
    trim: g.trim,
    bleed: ctx.options.bleed ? BLEED : 0,
    bleedEdges: shopRules(ctx.options.shop).bleedEdges,
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
    ...(structure && { structure }),
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
  if (r.horizontalScaling !== undefined) out.horizontalScaling = r.horizontalScaling;
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

