// Views of one paragraph that the structure and paratext rules read: its text without markup, the emphasis wrapping it whole, links, dialogue.

/** `\'`, `\!`, `\-`: markdown backslash escapes as exported by archives and scrapers. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;
/** `[text](url)` and `[text] (url)`: the text stays, the address goes (it is tested for separately). */
const LINK = /\[([^\]\n]*)\]\s?\((?:https?:\/\/|www\.|[\w./#-]+\.(?:md|html?|php)\b)[^)\s]*\)/gi;
const ENTITY = /&(?:#x?[0-9a-f]{1,6}|[a-z]{2,8});/gi;

/** The paragraph as a reader sees it: no escapes, links reduced to their text, no emphasis marks, no entities. */
export function plainText(text: string): string {
  let t = text;
  if (t.includes('\\')) t = t.replace(ESCAPE, '$1');
  if (t.includes('](') || t.includes('] (')) t = t.replace(LINK, '$1');
  if (t.includes('&')) t = t.replace(ENTITY, ' ');
  if (t.includes('*')) t = t.replace(/(?<![\p{L}\p{N}])\*+|\*+(?![\p{L}\p{N}])/gu, '');
  // Underscores only in pairs (`_word_`): a user name may end with one (`moonlit_`).
  if (t.includes('_')) t = t.replace(/(?<![\p{L}\p{N}])(_{1,2})(?=\S)([^_]*?\S)\1(?![\p{L}\p{N}])/gu, '$2');
  return t.replace(/\s+/g, ' ').trim();
}

/** The emphasis marks wrapping the whole paragraph (`**…**`, `*…*`, `_…_`, `***…***`), if any. */
export function wrappingEmphasis(text: string): string | undefined {
  const m = /^(\*{1,3}|_{1,3})(?=\S)[\s\S]*\S\1$/.exec(text.trim());
  if (!m) return undefined;
  // `*a* and *b*` is not wrapped whole: the inside must not close and reopen the same marks.
  const inner = text.trim().slice(m[1]!.length, -m[1]!.length);
  return inner.includes(m[1]!) && !inner.includes(`\\${m[1]!}`) ? undefined : m[1];
}

/** A web address or a markdown link. */
export function hasLink(text: string): boolean {
  return /https?:\/\/|www\.\w|\]\s?\(\S+\)|\b[\w-]+\.(?:com|net|org|io|gg|me|tv)\b/i.test(text);
}

export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Letters or digits: a paragraph without any (`…`, `* *`, a lone fence) carries no words. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** A list item line: `- x`, `* x`, `• x`, `1. x`, `a) x`. */
export function isListItem(text: string): boolean {
  return /^(?:[-*+•◦‣·]\s+\S|\d{1,3}[.)]\s+\S)/.test(text);
}

/**
 * Quoted speech, or a paragraph opening with a dialogue dash: story, not a note. Any double quotation mark counts
 * (speech often runs over several paragraphs, so one paragraph may hold only its opening or closing mark), unless
 * every quoted span is a short title or term of up to three words.
 */
export function hasDialogue(text: string): boolean {
  if (/^\s*[*_]*\s*[—–―]\s*\p{L}/u.test(text)) return true;
  // `- Allez, viens !` is dialogue; `- Entire Work` (a list item, no sentence) is not.
  if (/^\s*[*_]*\s*-\s+\p{L}/u.test(text) && (/[.!?…,;]/.test(text) || wordCount(text) >= 8)) return true;
  if (/(?:^|[\s*_(])['‘]\p{Lu}[^'‘’\n]{2,}?[,.!?…—-]['’](?=\s|$|[*_])/u.test(text)) return true;
  if (!/["“”«»„「」『』]/.test(text)) return false;
  const spans = text.match(/["“«„「『][^"“”«»„「」『』\n]*["”»“」』]/g) ?? [];
  const marks = (text.match(/["“”«»„「」『』]/g) ?? []).length;
  return marks > spans.length * 2 || spans.some((q) => wordCount(q) > 3);
}

/** Strips what wraps a heading or title line: markdown `#`s, emphasis, `~ … ~`, `-= … =-`, `[ … ]`, `<< … >>`. */
export function unwrapLine(text: string): { text: string; markdownLevel?: number } {
  let t = text.trim();
  let markdownLevel: number | undefined;
  const md = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?$/.exec(t);
  if (md) {
    markdownLevel = md[1]!.length;
    t = md[2]!.trim();
  }
  for (let i = 0; i < 3; i++) {
    const before = t;
    const emphasis = wrappingEmphasis(t);
    if (emphasis) t = t.slice(emphasis.length, -emphasis.length).trim();
    const symbols = /^([~=+\-–—•◆◇★☆♦❖*#<>»«|]{1,4})\s*(\S.*?\S|\S)\s*([~=+\-–—•◆◇★☆♦❖*#<>»«|]{1,4})$/u.exec(t);
    if (symbols && !/^-\s/.test(t)) t = symbols[2]!;
    const bracket = /^\[\s*([^\]]+?)\s*\]$/.exec(t) ?? /^\(\s*([^)]+?)\s*\)$/.exec(t);
    if (bracket) t = bracket[1]!;
    if (t === before) break;
  }
  return markdownLevel === undefined ? { text: t } : { text: t, markdownLevel };
}

/** Lower-case letters and digits only: compares titles and headings whatever their case, typography or markup. */
export function skeleton(text: string): string {
  // eslint-disable-next-line no-control-regex
  const t = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKC') : text;
  return t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
