// Rules `disclaimer` and `author-note`: which paragraph starts mark a disclaimer, an author's or translator's note, or a review/update line (English, French, German, Spanish, Japanese).
import { wordCount } from './text-features.js';

/** Always a disclaimer when a paragraph starts with it. */
const DISCLAIMER_STRONG = /^[\s*_~([]*(?:disclaimers?|disclamer|disclaim|haftungsausschluss|descargo(?:\s+de\s+responsabilidad)?|aviso\s+legal|免責事項?)(?![\p{L}\p{N}])\s*[:.\-–—!)\]*_]*/iu;
/** A disclaimer only in the first or last few paragraphs and when short. */
const DISCLAIMER_WEAK = new RegExp(
  '^[\\s*_~([]*(?:' +
    [
      "I\\s+(?:do\\s+not|don\\\\?['’]?t|dont|do\\s+n['’]t)\\s+own\\b",
      'I\\s+own\\s+nothing\\b',
      "(?:it\\\\?['’]?s\\s+|this\\s+is\\s+)?not\\s+mine\\b",
      'nothing\\s+(?:here\\s+)?is\\s+mine\\b',
      '(?:written\\s+for\\s+)?no\\s+profit\\b',
      'no\\s+money\\s+(?:is\\s+being\\s+|was\\s+)?made\\b',
      'no\\s+copyright\\s+infringement\\b',
      'mir\\s+gehör(?:t|en)\\s+(?:nichts|keine?)\\b',
      "(?:les\\s+personnages\\s+)?(?:ne\\s+m['’]appartien(?:nen)?t\\s+pas|rien\\s+(?:ne\\s+m['’]appartient|n['’]est\\s+à\\s+moi))",
      '(?:(?:los\\s+)?personajes\\s+)?no\\s+me\\s+pertenecen?\\b',
      'nada\\s+(?:de\\s+esto\\s+)?me\\s+pertenece\\b',
    ].join('|') +
    ')',
  'iu',
);
const BELONGS_SOURCE = '(?:belongs?\\s+to|(?:is|are)\\s+(?:the\\s+)?(?:property|copyright)\\s+of|(?:is|are)\\s+owned\\s+by|gehör(?:t|en)(?:\\s+alle(?:samt)?)?|appartien(?:nen)?t(?:\\s+(?:tous|toutes))?\\s+à|(?:sont|est)\\s+la\\s+propriété\\s+de|pertenecen?\\s+a|(?:son|es)\\s+propiedad\\s+de)';
const BELONGS = new RegExp(`(?<![\\p{L}\\p{N}])${BELONGS_SOURCE}(?![\\p{L}\\p{N}])`, 'iu');
/** `<subject> belongs to <owner>`, for the owner a disclaimer names. */
const BELONGS_CLAUSE = new RegExp(`^(.+?)\\s+${BELONGS_SOURCE}\\s+(.+?)(?=[,.;!?(]|\\s+(?:and|et|und|y)\\s+(?:I|not|je|ich|no)\\b|$)`, 'iu');
const RIGHTS_WORDS = /(?<![\p{L}\p{N}])(?:characters?|franchise|rights|copyright|own|owned|profit|mine|belongs?|universe|property|charaktere|figuren|personnages|univers|personajes|derechos|rechte)(?![\p{L}\p{N}])/iu;

/** An author's or translator's note marker at the start of a paragraph, anywhere in a story. `AN` must be capitals with a colon; `N/A` only with a colon unless French. */
const NOTE_MARKER = new RegExp(
  "^[\\s*_~]*[([]?\\s*(?:(?:A\\s?\\/\\s?N|A\\.\\s?N\\.?|AN(?=\\s*:)|N\\s?\\/\\s?A(?=\\s*:)|N\\s?\\/\\s?T|T\\s?\\/\\s?[NL]|TN(?=\\s*:)|TL(?:\\s*note|N)?(?=\\s*:)|N\\.?\\s?d\\.?\\s?[AT]\\.?|Anm\\.\\s?d\\.\\s?[AÜ]\\.?)(?![\\p{L}\\d])|(?:" +
    [
      "(?:additional\\s+)?author\\\\?['’]?s\\\\?['’]?\\s+(?:end\\s*|final\\s+|closing\\s+)?notes?",
      'authors?\\s+(?:end\\s*)?notes?',
      "translator\\\\?['’]?s\\s+notes?",
      '(?:story|chapter|end|closing|final)\\s+notes?',
      "note\\s+(?:de\\s+l['’]auteure?|de\\s+la\\s+traductrice|du\\s+traducteur|de\\s+fin)",
      'notas?\\s+(?:de\\s+la|del)\\s+(?:autora?|traductora?)',
      'anmerkung(?:en)?(?:\\s+(?:der|des)\\s+(?:autorin|autors|übersetzerin|übersetzers))?',
      'vorwort\\s+(?:der|des)\\s+(?:autorin|autors)',
      'あとがき|後書き|まえがき|前書き|作者より',
    ].join('|') +
    ")(?=\\s*(?:[:.\\-–—)\\]*_：]|$)))\\s*[:.\\-–—)\\]：]?",
  'iu',
);
const NOTE_MARKER_FR = /^[\s*_~]*[([]?\s*N\s?\/\s?A(?![\p{L}\d])\s*[:.\-–—)\]]?/iu;
/** Markers that start a note only at a story's (or chapter's) edge: `Note:`, `N.B.`, `P.S.`, `Nota:`, `EDIT:`, `*EDIT*`, `UPDATE:`. */
const EDGE_NOTE_MARKER = /^[\s*_~]*[([]?\s*(?:notes?|nota|notas|remarque|hinweis|N\.\s?B\.?|P\.?\s?P?\.?\s?S\.?|PPS|edit(?:ed)?(?:\s*\d{1,2})?|eta|update(?:\s*\d{1,2})?)(?![\p{L}\d])\s*[:.\-–—)\]*]/iu;
/** `(A/N: …)`, `[A/N …]`, `(NdT : …)`, `[T/N: …]` anywhere in a paragraph. */
export const INLINE_NOTE = /\s*(?:\((?:A\s?\/\s?N|AN:|A\.N\.|author['’]?s\s+note|N\.?\s?d\.?\s?[TA]\.?|T\s?\/\s?N|N\s?\/\s?T|TN:|TL(?:\s*note)?:|Anm\.\s?d\.\s?Ü\.?|translator['’]?s\s+note)(?![\p{L}\d])[^()]*\)|\[(?:A\s?\/\s?N|AN:|A\.N\.|author['’]?s\s+note|N\.?\s?d\.?\s?[TA]\.?|T\s?\/\s?N|N\s?\/\s?T|TN:|translator['’]?s\s+note)(?![\p{L}\d])[^[\]]*\])/giu;
/** Review requests and update-schedule lines (only short ones at the story's edges). */
const REVIEW = /^[\s*_~]*(?:please\s+(?:read\s+(?:and|&)\s+)?review(?=\s*[!.,:)]|\s*$|\s+(?:and|if|so|guys|everyone|people|thanks|me)\b)|(?:read\s*(?:&|and)\s*)?review\s+please|reviews?\s+(?:are|is)\s+(?:love|appreciated|welcome)|R\s*(?:&|and)\s*R\b|R\s*\/\s*R\b|review!|thanks?\s+(?:you\s+)?for\s+reading|(?:the\s+)?next\s+(?:chapter|update)\s+(?:will|should|is|comes?)|(?:I['’]ll|I\s+will)\s+(?:try\s+to\s+)?update|updates?\s+(?:every|will|soon|on)|to\s+be\s+continued\b.{0,20}$|TBC\b)/i;

/**
 * A cheap first look at a paragraph's start (no `u` flag, fails at once on most sentences): could a disclaimer or a
 * note marker begin here? The full patterns run only then.
 */
const MARKER_START = /^[\s*_~([]*(?:a\s?\/|a\.\s?n|an\s*:|n\s?\/|n\.?\s?d|t\s?\/|tn\s*:|tl|anm|author|additional|translator|story\s|chapter\s|end\s?note|closing|final|note|nota|anmerkung|vorwort|disclaim|haftung|descargo|aviso|あとがき|後書き|まえがき|前書き|作者より|免責)/i;

export function mayStartMarker(text: string): boolean {
  return MARKER_START.test(text);
}

export function isStrongDisclaimer(text: string): boolean {
  return DISCLAIMER_STRONG.test(text);
}

/**
 * Weak markers count only outside dialogue, in short paragraphs; "X belongs to Y" needs rights words or a named Y
 * (and `belongs: false` leaves it out where a story sentence may say it: "The sword belongs to Arthur").
 */
export function isWeakDisclaimer(text: string, belongs = true): boolean {
  if (text.length > 1000 || wordCount(text) > 80 || /^\s*["“‘']/.test(text)) return false;
  if (DISCLAIMER_WEAK.test(text)) return true;
  if (!belongs) return false;
  const m = BELONGS.exec(text);
  if (!m || wordCount(text) > 25) return false;
  const after = text.slice(m.index + m[0].length);
  // A thing of the story (`The sword belongs to Arthur`) is not a franchise or its characters.
  const subject = text.slice(0, m.index);
  const thing = /^\s*(?:the|a|an|this|that|these|those|his|her|their|my|our|your)\s+(\S)/i.exec(subject);
  if (thing && thing[1] !== thing[1]!.toUpperCase() && !RIGHTS_WORDS.test(subject)) return false;
  return RIGHTS_WORDS.test(text.replace(BELONGS, '')) || /^\s*(?:the\s+)?\p{Lu}/u.test(after);
}

export function isNoteStart(text: string, language: string): boolean {
  if (NOTE_MARKER.test(text)) return !NDA.test(text);
  return language.toLowerCase().startsWith('fr') && NOTE_MARKER_FR.test(text);
}

/** `NDA` in capitals is a non-disclosure agreement, not a `NdA` (note de l'auteur). */
export const NDA = /^[\s*_~([]*NDA(?![\p{L}\d])/u;

/** `Note:`, `N.B.`, `P.S.`: a note marker when the paragraph stands at an edge of the story or of a chapter. */
export function isEdgeNoteStart(text: string): boolean {
  return EDGE_NOTE_MARKER.test(text);
}

export function isReviewLine(text: string): boolean {
  return text.length <= 300 && wordCount(text) <= 30 && REVIEW.test(text);
}

const GENERIC_SUBJECT = /^(?:all|the|these|those|its?|they|them|everything|anything|characters?|all\s+(?:the\s+)?characters?|the\s+characters?|everything\s+you\s+recognize|nothing|this)$/i;

/** The rights holder or fandom a disclaimer names: "I do not own Star Trek or …" → "Star Trek". */
export function disclaimerOwner(text: string): string | undefined {
  const body = text.replace(DISCLAIMER_STRONG, '').trim();
  const own = /\b(?:do\s+not|don['’]?t|dont|do\s+n['’]t)\s+own\s+(?:the\s+rights\s+to\s+|any\s+(?:of\s+)?)?(.+?)(?=\s+(?:or|and|nor)\s+(?:any|its|it['’]s|their|the|his|her)\b|[,.;:!?(]|\s+-\s|$)/i.exec(body);
  if (own) return clean(own[1]!);
  const belongs = BELONGS_CLAUSE.exec(body);
  if (belongs) {
    const subject = clean(belongs[1]!.replace(/^(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:characters?|rights)\s+(?:of|from|in)\s+|^(?:alle\s+)?(?:die\s+)?(?:charaktere|figuren)(?:\s+(?:aus|von))?\s*|^(?:tous\s+)?(?:les\s+)?personnages(?:\s+(?:de|d['’]))?\s*|^(?:todos\s+)?(?:los\s+)?personajes(?:\s+de)?\s*/i, ''));
    if (subject && !GENERIC_SUBJECT.test(subject)) return subject;
    return clean(belongs[2]!);
  }
  return undefined;
}

function clean(s: string): string | undefined {
  const t = s.replace(/^(?:the\s+)?(?:characters?\s+(?:of|from)\s+)/i, '').replace(/[\s"'“”‘’*_]+$|^[\s"'“”‘’*_]+/g, '').trim();
  // A rights holder is named (`Paramount`, `J.K. Rowling`), not described (`ihrer Schöpferin`, `leur auteur`).
  if (!t || t.length > 60 || GENERIC_SUBJECT.test(t) || /^(?:anything|this|it|them|any)$/i.test(t) || !/^[\p{Lu}\p{N}]/u.test(t)) return undefined;
  return t;
}
