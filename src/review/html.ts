// HTML text for the review page: escaping for element content and attribute values.

const SPECIAL = /[&<>"]/;
const SPECIALS = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escape text for element content or a double-quoted attribute value (most source lines need nothing: tested first). */
export function esc(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITY[c]!) : text;
}

/** `1,234`: line numbers and counts as people read them. */
export { groupThousands as num } from '../common/number-format.js';
