// Print shops' interior rules (KDP, IngramSpark, Lulu): inside margin by page count, the least margin on the other
// edges, which edges bleed, and the page counts a paperback may have. Without --shop a book meets all of them at once.
import type { ShopName } from '../../config/schema.js';

export interface ShopRules {
  /** Shown in messages and the README. */
  label: string;
  /** The least inside (gutter) margin for a page count, inches. */
  inside(pageCount: number): number;
  /** The least top, bottom and outside margin, inches (text, running heads and folios inside it). */
  edge(bleed: boolean): number;
  /** Bleed on the top, bottom and outside edge only (the spine edge has none), or on all four edges. */
  bleedEdges: 'outside' | 'all';
  /** Paperback page counts a shop prints (black-and-white interior): --print warns outside them. */
  pages?: { shop: string; min: number; max: number };
}

/** KDP's inside margin table (paperback, by page count). */
const KDP_INSIDE: ReadonlyArray<readonly [number, number]> = [
  [150, 0.375],
  [300, 0.5],
  [500, 0.625],
  [700, 0.75],
  [Infinity, 0.875],
];

function kdpInside(pageCount: number): number {
  for (const [max, inches] of KDP_INSIDE) if (pageCount <= max) return inches;
  return 0.875;
}

export const SHOP_RULES: Record<ShopName, ShopRules> = {
  // KDP Print: the gutter table above; outside, top and bottom at least 0.25 in (0.375 in with bleed); bleed 0.125 in
  // on the top, bottom and outside edge only (6×9 in → 6.125×9.25 in); 24 to 828 pages.
  kdp: { label: 'KDP', inside: kdpInside, edge: (bleed) => (bleed ? 0.375 : 0.25), bleedEdges: 'outside', pages: { shop: 'KDP', min: 24, max: 828 } },
  // IngramSpark: at least 0.5 in from the trim on every side (folios included), a gutter growing with the page count
  // as KDP's; bleed 0.125 in on the top, bottom and outside edge.
  ingram: { label: 'IngramSpark', inside: (n) => Math.max(0.5, kdpInside(n)), edge: () => 0.5, bleedEdges: 'outside' },
  // Lulu: a 0.5 in safety margin on every side, a gutter growing with the page count; bleed 0.125 in on all four edges.
  lulu: { label: 'Lulu', inside: (n) => Math.max(0.5, kdpInside(n)), edge: () => 0.5, bleedEdges: 'all' },
};

/** No --shop: a file KDP, IngramSpark and Lulu all accept (the largest of their margins; bleed as KDP and IngramSpark want it). */
export const ANY_SHOP: ShopRules = {
  label: 'KDP, IngramSpark and Lulu',
  inside: (n) => Math.max(...Object.values(SHOP_RULES).map((s) => s.inside(n))),
  edge: (bleed) => Math.max(...Object.values(SHOP_RULES).map((s) => s.edge(bleed))),
  bleedEdges: 'outside',
  pages: SHOP_RULES.kdp.pages!,
};

export function shopRules(shop: ShopName | undefined): ShopRules {
  return shop ? SHOP_RULES[shop] : ANY_SHOP;
}
