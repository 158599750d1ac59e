// Pagination: a flow of set lines → page slices on the line grid, with widow/orphan control, keep-with-next and edge ornaments.
import type { SetLine } from '../paragraph/setter.js';

/** A set line placed in the flow: x offset inside the text block and how many grid units it takes. */
export interface FlowLine {
  line: SetLine;
  x: number;
  units: number;
  /** A bookmark that starts at this line. */
  outline?: { title: string; level: 1 | 2 | 3; dest?: string };
}

export type FlowItem =
  | {
      kind: 'block';
      lines: FlowLine[];
      /** Grid units of space before/after (dropped at a page top). */
      spaceBefore: number;
      spaceAfter: number;
      /** Headings: never the last thing on a page. */
      keepWithNext?: boolean;
      /** Split only between lines with the widow/orphan minimums (paragraphs); otherwise move whole. */
      breakable: boolean;
    }
  /** A scene break: blank space mid-page, the ornament line when it falls at a page top or bottom. */
  | { kind: 'scene'; space: number; ornament: FlowLine };

export interface PlacedLine {
  flow: FlowLine;
  /** Grid position of the line's top (0 = first body line). The baseline is at slot + units - 1. */
  slot: number;
  /** The line opens a block (a paragraph, a heading, the text after a scene break): a place where a page may take a little space. */
  opens?: boolean;
}

export interface PaginateOptions {
  linesPerPage: number;
  widows: number;
  orphans: number;
  /** Grid units already used on the first page (e.g. the story opener's sink and title). */
  firstPageStart?: number;
  /**
   * Whether the first page is a recto (pages alternate from it). A recto's last line does not end in a broken word
   * where the widow and orphan rules allow (the page turns there). Unset: not known, not checked.
   */
  firstPageRecto?: boolean;
  /** Pages (by index) that may hold fewer lines than linesPerPage. */
  capacity?: ReadonlyMap<number, number>;
}

/** A page short of the grid takes at most this much space (in lines) at each block it opens. */
const MAX_FILL = 0.25;

/**
 * Fill a page that ends short of the grid's last line (a widow or orphan rule, a heading kept with its text) by
 * sharing the shortfall among the blocks it opens, a little space before each, when none takes more than MAX_FILL;
 * its lines keep their order and the page then ends on the last line of the grid. Returns whether it did.
 */
export function fillPage(lines: PlacedLine[], linesPerPage: number): boolean {
  if (!fills(lines, linesPerPage)) return false;
  const short = linesPerPage - used(lines);
  if (short < 1e-6) return true;
  let opens = 0;
  for (let i = 1; i < lines.length; i++) if (lines[i]!.opens) opens++;
  const each = short / opens;
  let shift = 0;
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && lines[i]!.opens) shift += each;
    lines[i]!.slot += shift;
  }
  return true;
}

/** Grid units a page's lines take (to the foot of its lowest line). */
function used(lines: PlacedLine[]): number {
  let u = 0;
  for (const l of lines) u = Math.max(u, l.slot + l.flow.units);
  return u;
}

/** The page ends on the grid's last line, or can with fillPage. */
function fills(lines: PlacedLine[], linesPerPage: number): boolean {
  const short = linesPerPage - used(lines);
  if (short < 1e-6) return true;
  let opens = 0;
  for (let i = 1; i < lines.length; i++) if (lines[i]!.opens) opens++;
  return opens > 0 && short / opens <= MAX_FILL + 1e-9;
}

/**
 * Paginate a section so every page but its last ends on the grid's last line, or facing pages end on the same one.
 * A page that cannot be filled (fillPage) first takes lines moved across from the page before (which must then
 * fill too); failing that, a verso's facing recto ends on the verso's last line (the spread balanced). Then every
 * page but the last and the balanced rectos is filled.
 */
export function paginateFilled(items: FlowItem[], o: PaginateOptions): PlacedLine[][] {
  const L = o.linesPerPage;
  const capacity = new Map<number, number>();
  const balanced = new Set<number>();
  const verso = (page: number): boolean => o.firstPageRecto !== undefined && page % 2 === (o.firstPageRecto ? 1 : 0);
  const opts = { ...o, capacity };
  // Each change of a page's capacity re-paginates from that page only as far as it makes a difference.
  let current = layOut(items, opts);
  /** The first page from `from` on (but the last) that cannot be filled, or -1. */
  const unfilled = (from: number): number => {
    const pages = current.pages;
    for (let i = from; i + 1 < pages.length; i++) if (!fills(pages[i]!, L)) return i;
    return -1;
  };
  /**
   * Lines moved across from the page before page j (as many as j is short, or one), kept when both then fill,
   * or when j is a recto that then ends on the same line as its verso (the spread balanced).
   */
  const moveAcross = (j: number): boolean => {
    const short = Math.round(L - used(current.pages[j]!));
    for (const d of short > 1 ? [short, 1] : [1]) {
      if (j === 0 || capacity.has(j - 1)) return false;
      capacity.set(j - 1, L - d);
      const next = layOut(items, opts, current, j - 1);
      const tried = next.pages;
      const filled = fills(tried[j - 1]!, L) && (!tried[j + 1] || fills(tried[j]!, L));
      const even = !verso(j) && Math.abs(used(tried[j - 1]!) - used(tried[j]!)) < 1e-6;
      if (filled || even) {
        current = next;
        if (!filled) balanced.add(j - 1).add(j);
        return true;
      }
      capacity.delete(j - 1);
    }
    return false;
  };
  for (let j = unfilled(0); j >= 0; ) {
    if (moveAcross(j)) j = unfilled(j + 1);
    else if (verso(j) && j + 2 < current.pages.length) {
      // The spread balanced: the facing recto ends where the verso does.
      capacity.set(j + 1, used(current.pages[j]!));
      balanced.add(j + 1);
      current = layOut(items, opts, current, j + 1);
      j = unfilled(j + 2);
    } else j = unfilled(j + 1);
  }
  const pages = current.pages;
  for (let i = 0; i + 1 < pages.length; i++) if (!balanced.has(i)) fillPage(pages[i]!, L);
  return pages;
}

/** The line ends in a word broken by the line breaker. */
function endsBroken(line: FlowLine): boolean {
  const runs = line.line.runs;
  return runs.length > 0 && runs[runs.length - 1]!.addedHyphen === true;
}

function units(lines: FlowLine[]): number {
  let u = 0;
  for (const l of lines) u += l.units;
  return u;
}

/** Units the item needs at the start of a page region so its beginning is not stranded. */
function minStart(items: FlowItem[], i: number, o: PaginateOptions, depth = 0): number {
  const item = items[i];
  if (!item || depth > 3) return 0;
  if (item.kind === 'scene') return 1;
  const head = item.breakable ? units(item.lines.slice(0, Math.min(o.orphans, item.lines.length))) : units(item.lines);
  return item.spaceBefore + head + (item.keepWithNext ? item.spaceAfter + minStart(items, i + 1, o, depth + 1) : 0);
}

/** Lay the flow onto pages; returns the placed lines of each page (at least one page). */
export function paginate(items: FlowItem[], o: PaginateOptions): PlacedLine[][] {
  return layOut(items, o).pages;
}

/** Where the paginator stood as an item began: page, slot, whether the page had content, lines on it so far. */
interface ItemStart {
  page: number;
  slot: number;
  hasContent: boolean;
  lines: number;
}

/** A pagination and the state at each item's start (so another can be resumed from it). */
interface Pagination {
  pages: PlacedLine[][];
  starts: ItemStart[];
}

/**
 * Paginate, or (with `prev`, a pagination under the same options but page `changed`'s capacity) go on from `prev`
 * at the item in progress when page `changed` began, and take `prev`'s pages again from the first item after it
 * that begins in the very same state (from there on the two are the same).
 */
function layOut(items: FlowItem[], o: PaginateOptions, prev?: Pagination, changed = 0): Pagination {
  const limit = (page: number): number => o.capacity?.get(page) ?? o.linesPerPage;
  let from = 0;
  if (prev) {
    // The last item that began before page `changed` (it may run onto it).
    from = prev.starts.length - 1;
    while (from > 0 && prev.starts[from]!.page >= changed) from--;
  }
  const at = prev?.starts[from];
  const pages: PlacedLine[][] = at ? [...prev!.pages.slice(0, at.page), prev!.pages[at.page]!.slice(0, at.lines)] : [[]];
  const starts: ItemStart[] = prev ? prev.starts.slice(0, from) : [];
  let L = limit(pages.length - 1);
  let slot = at ? at.slot : (o.firstPageStart ?? 0);
  let pageHasContent = at ? at.hasContent : false;
  const newPage = (): void => {
    pages.push([]);
    L = limit(pages.length - 1);
    slot = 0;
    pageHasContent = false;
  };
  /** The next line placed opens a block. */
  let opening = true;
  const place = (flow: FlowLine): void => {
    pages[pages.length - 1]!.push(opening ? { flow, slot, opens: true } : { flow, slot });
    opening = false;
    slot += flow.units;
    pageHasContent = true;
  };
  const recto = (): boolean => o.firstPageRecto !== undefined && (pages.length - 1) % 2 === (o.firstPageRecto ? 0 : 1);
  for (let i = from; i < items.length; i++) {
    const item = items[i]!;
    const page = pages.length - 1;
    const start: ItemStart = { page, slot, hasContent: pageHasContent, lines: pages[page]!.length };
    const was = prev && i > from ? prev.starts[i] : undefined;
    if (was && page > changed && was.page === page && was.slot === slot && was.hasContent === pageHasContent && was.lines === start.lines) {
      // In step with `prev` again: its pages from here on.
      pages[page] = pages[page]!.concat(prev!.pages[page]!.slice(start.lines));
      for (let k = page + 1; k < prev!.pages.length; k++) pages.push(prev!.pages[k]!);
      return { pages, starts: starts.concat(prev!.starts.slice(i)) };
    }
    starts.push(start);
    opening = true;
    if (item.kind === 'scene') {
      const next = minStart(items, i + 1, o);
      if (!pageHasContent) {
        place(item.ornament);
        slot += Math.max(0, item.space - 1) / 2;
        continue;
      }
      if (slot + item.space + next > L) {
        // The break would fall at the page bottom: show it as the ornament, here or at the next page's top.
        if (slot + item.ornament.units <= L) {
          place(item.ornament);
          newPage();
        } else {
          newPage();
          place(item.ornament);
        }
        continue;
      }
      slot += item.space;
      continue;
    }
    const total = units(item.lines);
    let before = pageHasContent ? item.spaceBefore : 0;
    if (pageHasContent && slot + before >= L) {
      newPage();
      before = 0;
    }
    const need = item.keepWithNext ? total + item.spaceAfter + minStart(items, i + 1, o) : total;
    if (slot + before + need <= L || (!pageHasContent && need > L && !item.breakable)) {
      slot += before;
      for (const l of item.lines) {
        if (slot + l.units > L && pageHasContent) newPage();
        place(l);
      }
      slot += item.spaceAfter;
      continue;
    }
    if (!item.breakable) {
      if (pageHasContent) newPage();
      for (const l of item.lines) {
        if (slot + l.units > L && pageHasContent) newPage();
        place(l);
      }
      slot += item.spaceAfter;
      continue;
    }
    slot += before;
    let rest = item.lines;
    let first = true;
    while (rest.length) {
      let fit = 0;
      let used = 0;
      while (fit < rest.length && slot + used + rest[fit]!.units <= L) used += rest[fit++]!.units;
      if (fit >= rest.length) {
        rest.forEach(place);
        break;
      }
      let k = Math.min(fit, rest.length - o.widows);
      if (first && k < o.orphans) k = 0;
      if (k <= 0) {
        if (!pageHasContent) k = Math.max(1, fit); // a page too short for the rules: fill it anyway
        else {
          newPage();
          continue;
        }
      }
      // No broken word before a page turn: one line fewer on the recto when the rules allow it.
      if (k > 1 && recto() && endsBroken(rest[k - 1]!) && !(first && k - 1 < o.orphans)) k--;
      rest.slice(0, k).forEach(place);
      rest = rest.slice(k);
      first = false;
      newPage();
    }
    slot += item.spaceAfter;
  }
  return { pages, starts };
}
