// Markdown escaping for text that must stay text (template values, prose the normaliser did not mean as markup).

/** Backslash-escape every character markdown-it could read as inline markup or an entity. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~!&{}]/g, '\\$&');
}

/** Escape a whole line so it cannot start a block construct (list, heading, quote, code, rule, table). */
export function escapeLine(line: string): string {
  let out = escapeInline(line.replace(/^[ \t]+/, ''));
  out = out.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
  return out;
}
