// Padding a page sequence with blanks to a multiple of the fold unit, blanks inserted before the back cover.

/**
 * The reading order of `pageCount` source pages padded to a multiple of `unit`: source indexes and
 * null for blanks. Blanks go before the last page (the back cover); a single page is a front cover
 * and the blanks follow it.
 */
export function paddedOrder(pageCount: number, unit: number): Array<number | null> {
  const padded = Math.max(unit, Math.ceil(pageCount / unit) * unit);
  const blanks = padded - pageCount;
  const pages = Array.from({ length: pageCount }, (_, i) => i);
  if (pageCount < 2) return [...pages, ...Array<null>(blanks).fill(null)];
  return [...pages.slice(0, -1), ...Array<null>(blanks).fill(null), pageCount - 1];
}
