// The laid-out book: pages of positioned text runs, rules and links that any painter can draw (the PDF, the zine).
import type { TrimName } from '../../config/schema.js';
import { SCRIPT_FACES, type ScriptFace } from '../../common/scripts.js';

/**
 * Which embedded face a run is set in. `fallback` covers glyphs the book face lacks; a script face (`japanese`,
 * `arabicBold`, …) the scripts it lacks, regular or bold.
 */
export type FontKey = 'regular' | 'italic' | 'bold' | 'boldItalic' | 'fallback' | ScriptFace | `${ScriptFace}Bold`;

/** Every font key, in one fixed order (the flow codec numbers them by it). */
export const FONT_KEYS: readonly FontKey[] = ['regular', 'italic', 'bold', 'boldItalic', 'fallback', ...SCRIPT_FACES.flatMap((f) => [f, `${f}Bold` as const])];

/** What a run is, so painters and audits can tell story text from apparatus (`title`: a heading with a template role, e.g. a story's title). */
export type RunRole = 'text' | 'heading' | 'title' | 'opener' | 'matter' | 'runningHead' | 'folio' | 'noteRef' | 'note' | 'toc' | 'ornament';

/**
 * One run of text set in one font on one line. Coordinates are points from the top-left corner of the
 * trim box, y grows downwards, `y` is the baseline. Spaces inside `text` are drawn `wordSpacing` wider
 * than the font's space (pdfkit's `wordSpacing`), which is how a justified line is spread.
 */
export interface TextRun {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  font: FontKey;
  size: number;
  /** Width the run occupies when drawn (including word spacing). */
  width: number;
  wordSpacing?: number;
  /** Letter spacing in points (titles). */
  characterSpacing?: number;
  /**
   * Font expansion: the glyphs (and the spaces between them) drawn this many percent of their width (PDF's
   * horizontal scaling, pdfkit's `horizontalScaling`); `width` and `wordSpacing` are as drawn. Unset: 100.
   */
  horizontalScaling?: number;
  role: RunRole;
  /** Story id when the run is part of a story's running text (the lossless audit reads these). */
  story?: string;
  /**
   * How the run joins the text before it in reading order: `space` (a word gap), `none` (the same word
   * continues, e.g. a font change inside a word or a word broken at a line end), `para` (a new block).
   */
  join: RunJoin;
  /** The run ends with a hyphen added by line breaking (not part of the text). */
  addedHyphen?: boolean;
}

export type RunJoin = 'space' | 'none' | 'para' | 'line';

/** Every join, in one fixed order (runs packed for another thread number their joins by it: the flow codec, drawnPages). */
export const RUN_JOINS: readonly RunJoin[] = ['space', 'none', 'para', 'line'];

/** A straight line (e.g. a rule under the running head or above notes). */
export interface RuleBox {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

/** A clickable area that jumps to a named destination (dropped in print mode). */
export interface LinkBox {
  kind: 'link';
  x: number;
  y: number;
  w: number;
  h: number;
  /** Name of a destination set by some page's `destinations`. */
  target: string;
  /** The reading PDF: its Link element in the structure tree. */
  tag?: number;
}

/** A named place a link or bookmark can jump to. */
export interface Destination {
  name: string;
  x: number;
  y: number;
}

/** A document outline (bookmark) entry. */
export interface OutlineEntry {
  title: string;
  pageIndex: number;
  children: OutlineEntry[];
}

export type PageKind = 'front' | 'blank' | 'opener' | 'body' | 'back';

export interface LaidOutPage {
  /** 0-based index in the book; the printed folio is `index + 1`. */
  index: number;
  kind: PageKind;
  /** Folio as printed, or undefined when the page shows none. */
  folio?: string;
  runs: TextRun[];
  rules: RuleBox[];
  links: LinkBox[];
  destinations: Destination[];
  /** The reading PDF: each run's element in `LaidOutBook.structure`, or an artifact (negative: structure.ts). */
  tags?: Int32Array;
}

/** The reading PDF's structure tree as flat arrays, element 0 the Document (layout/page/structure.ts). */
export interface StructureTree {
  /** Standard structure type of each element: Sect, H1, P, Note, TOCI, Link, Lbl, … */
  type: string[];
  /** Parent element (-1 for the Document). */
  parent: number[];
  /** A title (a story's section: the story's title). */
  title: Array<string | undefined>;
}

export interface TrimSize {
  /** A book trim, or a mini-zine panel. */
  name: TrimName | 'panel';
  /** Points. */
  width: number;
  height: number;
}

/** The text block (live area) of one page side, points from the trim box's top-left. */
export interface TextBlock {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutBook {
  trim: TrimSize;
  /** Bleed in points (0 without --bleed), on the edges `bleedEdges` names: the media box is the trim box grown by it there (page-box.ts). */
  bleed: number;
  /** The top, bottom and outside edge (mirrored: a recto bleeds right, a verso left), or all four. */
  bleedEdges: 'outside' | 'all';
  /** Absolute paths of the font files, by key. */
  fonts: Partial<Record<FontKey, string>>;
  pages: LaidOutPage[];
  outline: OutlineEntry[];
  /** The margins' live areas: recto (odd folio) and verso (even folio). */
  textBlock: { recto: TextBlock; verso: TextBlock };
  /** Inside margin used (inches), from the gutter table for the final page count. */
  gutterInches: number;
  meta: { title: string; author: string; language: string; subject: string; modified: Date; keywords?: string };
  /** The reading PDF's structure (absent in print mode: PDF/X is untagged). */
  structure?: StructureTree;
  /** Characters no font has (drawn as .notdef), with a count each. */
  missingGlyphs: Array<{ char: string; count: number }>;
  /** The pages as painted into the print PDF (set by renderPdf), so imposition can place them without repainting. */
  painted?: PaintedPages;
}

/** Content streams of the print PDF's pages and the font subsets their glyph ids refer to. */
export interface PaintedPages {
  /** Deflated content stream of each page, in the print page's PDF space (y up, media box origin). */
  contents: Uint8Array[];
  /** Media box size of the print pages (trim plus bleed), points; where the trim box sits on each page: page-box.ts. */
  width: number;
  height: number;
  /** The fonts the streams use: pdfkit resource name, layout key, subset glyphs in id order, widths and ToUnicode by subset id. */
  fonts: Array<{ id: string; key: FontKey; glyphs: number[]; widths: number[]; unicode: number[][] }>;
  /** Per page: the runs pdfkit drew (paintPage), each in a text object after the page's block of the others. */
  fallback: number[][];
}

/** Where and how one laid-out page is drawn on a target PDF page. */
export interface PaintTransform {
  /** Top-left corner of the page's trim box on the target page, points (pdfkit's top-down coordinates). */
  x: number;
  y: number;
  /** 180 draws the page upside down inside the same box [x, x + w·scale] × [y, y + h·scale]. */
  rotate?: 0 | 180;
  scale?: number;
}
