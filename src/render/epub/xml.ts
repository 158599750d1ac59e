// XML-safe text for the EPUB: escaping, invalid-character removal, ids and CSS string literals.
import { isRtlLanguage, RTL_CHARS } from '../../common/scripts.js';

/** Characters XML 1.0 forbids (C0 controls except tab/newline/CR, lone surrogates, U+FFFE/U+FFFF). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for XML element content or a double- or single-quoted attribute value. */
export function escapeXml(text: string): string {
  // Most text has neither characters XML forbids nor surrogates, and many words need no escaping: test first.
  const clean = MAYBE_INVALID.test(text) ? text.replace(INVALID_XML, '') : text;
  return SPECIAL.test(clean) ? clean.replace(SPECIALS, (c) => ENTITY[c]!) : clean;
}

/** Characters INVALID_XML may remove (surrogates are only removed when unpaired). */
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** An XML NCName usable as an id: invalid characters become `-`, a leading non-letter gets an `x` prefix. */
export function xmlId(raw: string): string {
  let id = raw.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[A-Za-z_]/.test(id)) id = `x${id}`;
  return id;
}

/** A fresh id, unique in its file (or the manifest): `xmlId(raw)`, numbered from -2 when taken. */
export function uniqueId(raw: string, ids: Set<string>): string {
  const base = xmlId(raw);
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  ids.add(id);
  return id;
}

/** A CSS class name from a template role (`book-title`); anything else is dropped. */
export function cssClass(role: string | undefined): string | undefined {
  return role && /^[A-Za-z][\w-]*$/.test(role) ? role : undefined;
}

/** A double-quoted CSS string, non-ASCII written as hex escapes so no reader depends on the charset. */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text.replace(INVALID_XML, '')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\' || cp < 0x20 || cp > 0x7e || ch === '<' || ch === '>') out += `\\${cp.toString(16)} `;
    else out += ch;
  }
  return `${out}"`;
}

const STRONG = /[\p{L}]/u;

/** `rtl` when the first strong (letter) character of the text is right-to-left. */
export function textDirection(text: string): 'rtl' | undefined {
  for (const ch of text) {
    if (STRONG.test(ch)) return RTL_CHARS.test(ch) ? 'rtl' : undefined;
  }
  return undefined;
}

/** Languages written right to left (BCP 47 primary subtags). */
export function languageDirection(language: string): 'rtl' | 'ltr' {
  return isRtlLanguage(language) ? 'rtl' : 'ltr';
}
