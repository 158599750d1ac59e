// Rules `disclaimer` and `author-note`: which paragraph starts mark a disclaimer, an author's note or a review/update line.

/** Always a disclaimer when a paragraph starts with it. */
const DISCLAIMER_STRONG = /^[\s*_~([]*(?:disclaimer|disclaimers|disclamer|disclaim)\b\s*[:.\-–—!)\]*_]*/i;
/** A disclaimer only in the first or last few paragraphs and when short. */
const DISCLAIMER_WEAK = /^[\s*_~([]*(?:I\s+(?:do\s+not|don['’]?t|dont|do\s+n['’]t)\s+own\b|I\s+own\s+nothing\b|(?:it['’]?s\s+|this\s+is\s+)?not\s+mine\b|nothing\s+(?:here\s+)?is\s+mine\b|(?:written\s+for\s+)?no\s+profit\b|no\s+money\s+(?:is\s+being\s+|was\s+)?made\b|no\s+copyright\s+infringement\b)/i;
const BELONGS = /\b(?:belongs?\s+to|(?:is|are)\s+(?:the\s+)?(?:property|copyright)\s+of|(?:is|are)\s+owned\s+by)\b/i;
const RIGHTS_WORDS = /\b(?:characters?|franchise|rights|copyright|own|owned|profit|mine|belongs?|universe|property)\b/i;

/** An author's note marker at the start of a paragraph. `AN` must be capitals with a colon; `N/A` only with a colon unless French. */
const NOTE_MARKER = /^[\s*_~]*[([]?\s*(?:(?:A\s?\/\s?N|A\.\s?N\.?|AN(?=\s*:)|N\s?\/\s?A(?=\s*:)|N\.\s?d\.\s?A\.?)(?![\p{L}\d])|(?:author['’]?s['’]?\s+notes?|authors?\s+notes?|note\s+de\s+l['’]auteure?)(?=\s*(?:[:.\-–—)\]*_]|$)))\s*[:.\-–—)\]]?/iu;
const NOTE_MARKER_FR = /^[\s*_~]*[([]?\s*N\s?\/\s?A(?![\p{L}\d])\s*[:.\-–—)\]]?/iu;
/** `(A/N: …)` or `[A/N …]` anywhere in a paragraph. */
export const INLINE_NOTE = /\s*(?:\((?:A\s?\/\s?N|AN:|A\.N\.|author['’]?s\s+note)(?![\p{L}\d])[^()]*\)|\[(?:A\s?\/\s?N|AN:|A\.N\.|author['’]?s\s+note)(?![\p{L}\d])[^[\]]*\])/giu;
/** Review requests and update-schedule lines (only short ones at the story's edges). */
const REVIEW = /^[\s*_~]*(?:please\s+(?:read\s+(?:and|&)\s+)?review(?=\s*[!.,:)]|\s*$|\s+(?:and|if|so|guys|everyone|people|thanks|me)\b)|(?:read\s*(?:&|and)\s*)?review\s+please|reviews?\s+(?:are|is)\s+(?:love|appreciated|welcome)|R\s*(?:&|and)\s*R\b|R\s*\/\s*R\b|review!|thanks?\s+(?:you\s+)?for\s+reading|(?:the\s+)?next\s+(?:chapter|update)\s+(?:will|should|is|comes?)|(?:I['’]ll|I\s+will)\s+(?:try\s+to\s+)?update|updates?\s+(?:every|will|soon|on)|to\s+be\s+continued\b.{0,20}$|TBC\b)/i;

export function isStrongDisclaimer(text: string): boolean {
  return DISCLAIMER_STRONG.test(text);
}

/** Weak markers count only outside dialogue, in short paragraphs; "X belongs to Y" needs rights words or a named Y. */
export function isWeakDisclaimer(text: string): boolean {
  if (wordCount(text) > 80 || /^\s*["“‘']/.test(text)) return false;
  if (DISCLAIMER_WEAK.test(text)) return true;
  const m = BELONGS.exec(text);
  if (!m || wordCount(text) > 25) return false;
  const after = text.slice(m.index + m[0].length);
  return RIGHTS_WORDS.test(text.replace(BELONGS, '')) || /^\s*(?:the\s+)?\p{Lu}/u.test(after);
}

export function isNoteStart(text: string, language: string): boolean {
  return NOTE_MARKER.test(text) || (language.toLowerCase().startsWith('fr') && NOTE_MARKER_FR.test(text));
}

export function isReviewLine(text: string): boolean {
  return wordCount(text) <= 30 && REVIEW.test(text);
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

const GENERIC_SUBJECT = /^(?:all|the|these|those|its?|they|them|everything|anything|characters?|all\s+(?:the\s+)?characters?|the\s+characters?|everything\s+you\s+recognize|nothing|this)$/i;

/** The rights holder or fandom a disclaimer names: "I do not own Star Trek or …" → "Star Trek". */
export function disclaimerOwner(text: string): string | undefined {
  const body = text.replace(DISCLAIMER_STRONG, '').trim();
  const own = /\b(?:do\s+not|don['’]?t|dont|do\s+n['’]t)\s+own\s+(?:the\s+rights\s+to\s+|any\s+(?:of\s+)?)?(.+?)(?=\s+(?:or|and|nor)\s+(?:any|its|it['’]s|their|the|his|her)\b|[,.;:!?(]|\s+-\s|$)/i.exec(body);
  if (own) return clean(own[1]!);
  const belongs = /^(.+?)\s+(?:belongs?\s+to|(?:is|are)\s+(?:the\s+)?(?:property|copyright)\s+of|(?:is|are)\s+owned\s+by)\s+(.+?)(?=[,.;!?(]|\s+and\s+(?:I|not)\b|$)/i.exec(body);
  if (belongs) {
    const subject = clean(belongs[1]!.replace(/^(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:characters?|rights)\s+(?:of|from|in)\s+/i, ''));
    if (subject && !GENERIC_SUBJECT.test(subject)) return subject;
    return clean(belongs[2]!);
  }
  return undefined;
}

function clean(s: string): string | undefined {
  const t = s.replace(/^(?:the\s+)?(?:characters?\s+(?:of|from)\s+)/i, '').replace(/[\s"'“”‘’*_]+$|^[\s"'“”‘’*_]+/g, '').trim();
  if (!t || t.length > 60 || GENERIC_SUBJECT.test(t) || /^(?:anything|this|it|them|any)$/i.test(t)) return undefined;
  return t;
}
