// Page geometry: trim sizes in points, mirrored margins with the page-count gutter (at least the print shops'), and the line grid.
import type { TrimName } from '../../../../config/schema.js';
import { ANY_SHOP, type ShopRules } from '../../shops.js';
import type { Theme } from '../../../../templates/theme.js';
import { gutterFor } from '../../../../templates/theme.js';
import type { TextBlock, TrimSize } from '../../types.js';

const PT = 72;

export const TRIM_SIZES: Record<TrimName, { width: number; height: number }> = {
  a5: { width: (148 / 25.4) * PT, height: (210 / 25.4) * PT },
  digest: { width: 5.5 * PT, height: 8.5 * PT },
  trade: { width: 6 * PT, height: 9 * PT },
  a4: { width: (210 / 25.4) * PT, height: (297 / 25.4) * PT },
  letter: { width: 8.5 * PT, height: 11 * PT },
};

export const BLEED = 0.125 * PT;

export interface Geometry {
  trim: TrimSize;
  gutterInches: number;
  recto: TextBlock;
  verso: TextBlock;
  /** Body text size and baseline-to-baseline distance. */
  size: number;
  leading: number;
  /** Baseline of the running head, first body baseline, folio baseline (from the trim top). */
  headBaseline: number;
  firstBaseline: number;
  folioBaseline: number;
  /** Body lines per page. */
  lines: number;
}

/**
 * Geometry for a trim and a page count: the theme's margins, each at least what the shop asks (the inside margin
 * grows with the count; `bleed`: a shop may want more room on the bleeding edges).
 */
export function pageGeometry(theme: Theme, trimName: TrimName, pageCount: number, shop: ShopRules = ANY_SHOP, bleed = false): Geometry {
  const { width, height } = TRIM_SIZES[trimName];
  const gutterInches = Math.max(gutterFor(theme, pageCount), shop.inside(pageCount));
  const edge = shop.edge(bleed);
  const inside = gutterInches * PT;
  const outside = Math.max(theme.page.outside, edge) * PT;
  const top = Math.max(theme.page.top, edge) * PT;
  const bottom = Math.max(theme.page.bottom, edge) * PT;
  const blockWidth = width - inside - outside;
  const blockHeight = height - top - bottom;
  const recto: TextBlock = { x: inside, y: top, width: blockWidth, height: blockHeight };
  const verso: TextBlock = { x: outside, y: top, width: blockWidth, height: blockHeight };
  const size = theme.text.size;
  const leading = size * theme.text.leading;
  // The live area holds: running head line, a blank line, the body lines, a blank line, the folio line.
  const headBaseline = top + size * 0.8;
  const firstBaseline = headBaseline + 2 * leading;
  const folioBaseline = top + blockHeight - size * 0.25;
  const lastBodyBaseline = folioBaseline - 2 * leading;
  const lines = Math.max(4, Math.floor((lastBodyBaseline - firstBaseline) / leading) + 1);
  return { trim: { name: trimName, width, height }, gutterInches, recto, verso, size, leading, headBaseline, firstBaseline, folioBaseline, lines };
}

/**
 * A mini-zine panel's geometry: `margin` on every side (a fold and a home printer's unprintable edge), no running
 * head or folio lines: the text block holds body lines only.
 */
export function panelGeometry(theme: Theme, width: number, height: number, margin: number): Geometry {
  const block: TextBlock = { x: margin, y: margin, width: width - 2 * margin, height: height - 2 * margin };
  const size = theme.text.size;
  const leading = size * theme.text.leading;
  const firstBaseline = margin + size * 0.8;
  const lines = Math.max(4, Math.floor((margin + block.height - size * 0.25 - firstBaseline) / leading) + 1);
  return { trim: { name: 'panel', width, height }, gutterInches: margin / PT, recto: block, verso: block, size, leading, headBaseline: firstBaseline, firstBaseline, folioBaseline: margin + block.height, lines };
}

/** Pages are numbered from 1; odd pages are rectos. */
export function blockFor(geometry: Geometry, pageIndex: number): TextBlock {
  return pageIndex % 2 === 0 ? geometry.recto : geometry.verso;
}
