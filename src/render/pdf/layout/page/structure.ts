// The reading PDF's logical structure, decided with the layout: a Document of sections (a Sect per story, per front
// and back matter page run), headings, paragraphs, notes, contents entries and links; each run's element, and the
// running heads, folios and ornaments marked as artifacts. The painter writes it as PDF tags (paint/tags.ts).
import type { LaidOutPage, StructureTree, TextRun } from '../../types.js';
import type { PlacedLine } from './paginate.js';

/** What tagging reads of a page draft (pages.ts): where a section starts, and the lines with their outline entries. */
interface PageDraft {
  sectionStart?: { outline?: { title: string } };
  lines: PlacedLine[];
}

/** A run's element when it is no content: page furniture (running head, folio) or decoration (scene-break ornament). */
export const PAGINATION_ARTIFACT = -1;
export const LAYOUT_ARTIFACT = -2;

/** Builds the tree: elements as flat arrays (0 is the Document). */
class Tree implements StructureTree {
  readonly type: string[] = ['Document'];
  readonly parent: number[] = [-1];
  readonly title: Array<string | undefined> = [undefined];

  add(type: string, parent: number, title?: string): number {
    this.type.push(type);
    this.parent.push(parent);
    this.title.push(title);
    return this.type.length - 1;
  }
}

/** Where the walk through the book stands. */
interface Cursor {
  sect: number;
  /** The element new content of the current block goes into, and its block's role. */
  block: number;
  role: TextRun['role'] | undefined;
  /** The contents section's TOC element. */
  toc: number;
  /** The section has its H1 already. */
  titled: boolean;
  /** Baseline of the last content run (a label and its text share a line and an element). */
  lastY: number;
  lastPage: number;
}

/**
 * Tag every page (`page.tags`: each run's element, or an artifact; `link.tag`: the Link element of each link) and
 * return the tree. Reading order is page order, and within a page the order of the runs: the book's story order.
 */
export function tagPages(drafts: PageDraft[], pages: LaidOutPage[]): StructureTree {
  const tree = new Tree();
  const c: Cursor = { sect: -1, block: -1, role: undefined, toc: -1, titled: false, lastY: NaN, lastPage: -1 };
  drafts.forEach((d, index) => {
    const page = pages[index]!;
    const tags = new Int32Array(page.runs.length);
    if (d.sectionStart) {
      c.sect = tree.add('Sect', 0, d.sectionStart.outline?.title);
      c.block = -1;
      c.toc = -1;
      c.titled = false;
    }
    // Each run's heading level (chapters 2, chapters inside parts 3), from its line's outline entry: the page's runs
    // are its running head's, then each line's in order (pages.ts; a cached story's runs are copied there).
    const levels = new Int8Array(page.runs.length);
    let at = 0;
    while (at < page.runs.length && page.runs[at]!.role === 'runningHead') at++;
    for (const placed of d.lines) {
      const level = placed.flow.outline?.level;
      if (level !== undefined) levels.fill(level, at, at + placed.flow.line.runs.length);
      at += placed.flow.line.runs.length;
    }
    page.runs.forEach((run, i) => {
      if (run.role === 'runningHead' || run.role === 'folio') return void (tags[i] = PAGINATION_ARTIFACT);
      if (run.role === 'ornament') return void (tags[i] = LAYOUT_ARTIFACT);
      const sameLine = c.lastPage === index && Math.abs(run.y - c.lastY) < 0.01;
      // A block starts a line with a paragraph join, or with a label before it on the line (a list item's marker).
      const next = page.runs[i + 1];
      const labels = next !== undefined && next.join === 'para' && Math.abs(next.y - run.y) < 0.01;
      const starts = c.block < 0 || (!sameLine && (run.join === 'para' || labels));
      // A contents entry's lines after its first (the authors) stay in its entry.
      if (starts && !(run.role === 'toc' && c.role === 'toc' && !startsEntry(page, run))) openBlock(tree, c, run, levels[i]!);
      c.lastY = run.y;
      c.lastPage = index;
      tags[i] = c.block;
    });
    page.tags = tags;
    tagLinks(tree, page);
  });
  return tree;
}

function openBlock(tree: Tree, c: Cursor, run: TextRun, level: number): void {
  if (c.sect < 0) c.sect = tree.add('Sect', 0);
  c.role = run.role;
  switch (run.role) {
    case 'title':
      c.block = tree.add(c.titled ? 'H2' : 'H1', c.sect);
      c.titled = true;
      return;
    case 'heading':
      c.block = tree.add(level === 3 ? 'H3' : 'H2', c.sect);
      return;
    case 'note':
      c.block = tree.add('Note', c.sect);
      return;
    case 'toc':
      if (c.toc < 0) c.toc = tree.add('TOC', c.sect);
      c.block = tree.add('TOCI', c.toc);
      return;
    default:
      c.block = tree.add('P', c.sect);
  }
}

/** A contents entry starts at a line that carries its link (the reading PDF links every entry). */
function startsEntry(page: LaidOutPage, run: TextRun): boolean {
  return page.links.some((l) => Math.abs(l.y + run.size - run.y) < 0.01 && run.x >= l.x - 0.5 && run.x < l.x + l.w);
}

/**
 * Each link gets a Link element holding the runs it covers (a note reference, a note's number, a contents entry's
 * title), inside the element those runs were in (a contents entry's in a Reference); a contents entry's page number
 * is its Lbl.
 */
function tagLinks(tree: Tree, page: LaidOutPage): void {
  const tags = page.tags!;
  for (const link of page.links) {
    let made = -1;
    let owner = -1;
    page.runs.forEach((run, i) => {
      const element = tags[i]!;
      if (element < 0 || run.y < link.y - 0.01 || run.y > link.y + link.h + 0.01 || run.x < link.x - 0.5 || run.x >= link.x + link.w - 0.01) return;
      if (made < 0) {
        owner = element;
        // A contents entry's link stands in a Reference (a TOCI holds Reference, Lbl, P: ISO 32000-1, 14.8.4.3).
        made = tree.add('Link', tree.type[owner] === 'TOCI' ? tree.add('Reference', owner) : owner);
      }
      if (element !== owner) return;
      tags[i] = tree.type[owner] === 'TOCI' && run.join === 'space' && /^\d+$/.test(run.text) ? lbl(tree, owner) : made;
    });
    if (made >= 0) link.tag = made;
  }
}

/** The Lbl of a contents entry (its page number). */
function lbl(tree: Tree, entry: number): number {
  return tree.add('Lbl', entry);
}
