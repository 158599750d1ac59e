// The imposition contracts: the page source imposition paints from, the sheet plans, and the impose options.
import type PDFDocument from 'pdfkit';
import type { PaintTransform } from '../render/pdf/types.js';
import type { DeflaterFor } from '../render/pdf/deflate.js';

export type Doc = InstanceType<typeof PDFDocument>;

/**
 * Pages already laid out elsewhere, painted on demand. Imposition never lays anything out: it calls
 * `setup` once per output document (register fonts) and `draw` once per placed page.
 */
export interface PageSource {
  pageCount: number;
  /** Trim size of one page, points. */
  width: number;
  height: number;
  setup(doc: Doc): void;
  /** Paint page `pageIndex` (0-based) with its trim box's top-left at (transform.x, transform.y). */
  draw(doc: Doc, pageIndex: number, transform: PaintTransform): void;
}

export const SHEETS = ['a4', 'letter'] as const;
export type SheetName = (typeof SHEETS)[number];
/** The edge a duplex printer flips the sheet on. */
export const DUPLEX_EDGES = ['short', 'long'] as const;
export type DuplexEdge = (typeof DUPLEX_EDGES)[number];

/** One page position on a sheet side: a source page (0-based index) or a blank. */
export interface Slot {
  /** 0-based index into the source pages; null for a padding blank. */
  page: number | null;
  /** How far this page is moved towards the spine to compensate creep, millimetres (0 on the outer sheet). */
  creepMm: number;
}

/** One printed side of a sheet: two pages either side of the spine. */
export interface SheetSide {
  left: Slot;
  right: Slot;
}

export interface BookletSheet {
  /** 0-based position in the printed stack (print order). */
  index: number;
  /** 0-based signature this sheet belongs to. */
  signature: number;
  /** 0-based position inside its signature, 0 = outermost. */
  sheetInSignature: number;
  front: SheetSide;
  back: SheetSide;
}

export interface BookletPlan {
  /** Pages in the source. */
  pageCount: number;
  /** Pages after padding with blanks (a multiple of 4). */
  paddedCount: number;
  /** The padded reading order: source page index or null (blank), position i = booklet page i + 1. */
  order: Array<number | null>;
  /** Sheets per signature (all sheets when unsplit). */
  sheetsPerSignature: number;
  signatures: number;
  creepMm: number;
  sheets: BookletSheet[];
}

/** One panel of the one-sheet mini-zine grid. */
export interface MiniZinePanel {
  /** 1-based position in the folded zine (1 = front cover, 8 = back cover). */
  position: number;
  /** 0-based index into the source pages, null for a blank. */
  page: number | null;
  /** Grid column 0..3 from the left, row 0 (top) or 1 (bottom). */
  column: number;
  row: 0 | 1;
  rotate: 0 | 180;
}

export interface MiniZinePlan {
  pageCount: number;
  panels: MiniZinePanel[];
}

/** Metadata written into the imposed PDF; `modified` is the CreationDate/ModDate so output is reproducible. */
export interface ImposeInfo {
  title: string;
  author?: string;
  modified: Date;
}

export interface BookletOptions {
  sheet: SheetName;
  duplex: DuplexEdge;
  /** Creep compensation of the innermost sheet of each signature, millimetres. */
  creepMm?: number;
  /** Sheets per signature; unset = one signature holding every sheet. */
  signature?: number;
  /** Fold and trim marks outside the page area (pages are scaled down a little to make room). */
  marks?: boolean;
  info: ImposeInfo;
  /** Who deflates the sides' content streams (default: here). */
  deflater?: DeflaterFor;
}

export interface MiniZineOptions {
  sheet: SheetName;
  marks?: boolean;
  info: ImposeInfo;
}

export interface ImposedBooklet {
  bytes: Uint8Array;
  /** Physical sheets of paper. */
  sheets: number;
  /** PDF pages (two per sheet: front, back). */
  sides: number;
  plan: BookletPlan;
}

export interface ImposedMiniZine {
  bytes: Uint8Array;
  plan: MiniZinePlan;
}
