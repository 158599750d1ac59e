// Rule `site-metadata`: what archives, download tools and forums put around a story: field labels and values, scaffolding, navigation, comment sections.
import { isListItem, plainText, unwrapLine, wordCount } from './text-features.js';

/** What a label's value is: an archive field (dropped), a summary (kept as metadata), a note, the title or the author. */
export type LabelRole = 'field' | 'summary' | 'note' | 'title' | 'author';

const ROLES: Array<[LabelRole, string[]]> = [
  [
    'field',
    [
      // English (AO3, fanfiction.net, Wattpad, Inkitt, FanFicFare downloads)
      'rating', 'rated', 'age rating', 'maturity', 'category', 'categories', 'genre', 'genres', 'language', 'characters', 'character',
      'pairing', 'pairings', 'relationship', 'relationships', 'fandom', 'fandoms', 'status', 'published', 'updated', 'completed',
      'posted', 'words', 'word count', 'wordcount', 'length', 'chapters', 'stats', 'kudos', 'bookmarks', 'hits', 'reviews', 'favs',
      'favorites', 'follows', 'series', 'collections', 'archive warning', 'archive warnings', 'additional tags', 'tags', 'freeform',
      'story id', 'url', 'source', 'packaged', 'publisher', 'universe', 'timeline', 'setting', 'prompt', 'beta', 'betas',
      'beta reader', 'beta readers', 'editor', 'editors', 'proofreader', 'cover', 'cover art', 'estimated reading time', 'reading time', 'spoilers', 'type',
      // Credits of a translation (not the story's author)
      'translator', 'translators', 'translated by', 'tl', 'ed', 'pr', 'übersetzer', 'übersetzerin', 'übersetzung', 'traducteur', 'traductrice', 'traduction', 'traductor', 'traductora', 'traducción', '翻訳', '訳',
      // German, French, Spanish, Japanese
      'bewertung', 'kategorie', 'sprache', 'charaktere', 'figuren', 'veröffentlicht', 'aktualisiert', 'wörter', 'kapitel',
      'altersfreigabe', 'classement', 'catégorie', 'langue', 'personnages', 'statut', 'publié', 'mis à jour', 'mots', 'chapitres',
      'clasificación', 'categoría', 'género', 'idioma', 'personajes', 'estado', 'publicado', 'actualizado', 'palabras', 'capítulos',
      'ジャンル', 'キーワード', '掲載日', '最終更新日', '文字数',
    ],
  ],
  ['summary', ['summary', 'full summary', 'synopsis', 'description', 'blurb', 'résumé', 'zusammenfassung', 'inhaltsangabe', 'resumen', 'sinopsis', 'descripción', 'あらすじ']],
  [
    'note',
    [
      'notes', 'note', 'story notes', 'chapter notes', 'warnings', 'warning', 'trigger warning', 'trigger warnings', 'content warning',
      'content warnings', 'tw', 'cw', 'acknowledgement', 'acknowledgements', 'acknowledgment', 'acknowledgments', 'credits',
      'dedication', 'hinweis', 'hinweise', 'warnung', 'warnungen', 'triggerwarnung', 'danksagung', 'widmung', 'remerciements',
      'avertissement', 'avertissements', 'dédicace', 'aviso', 'advertencia', 'advertencias', 'agradecimientos', 'dedicatoria', '注意',
    ],
  ],
  ['title', ['title', 'titel', 'titre', 'título', 'タイトル', '作品名']],
  ['author', ['author', 'authors', 'creator', 'writer', 'autor', 'autorin', 'auteur', 'auteure', 'autora', '作者', '著者']],
];
const LABELS = new Map<string, LabelRole>(ROLES.flatMap(([role, words]) => words.map((w) => [w, role] as [string, LabelRole])));

export interface Label {
  label: string;
  role: LabelRole;
  /** The value on the same line (`Genre: Drama` → `Drama`), or '' for a label alone. */
  value: string;
}

/**
 * A known metadata label: `Rating:`, `**Genre:** Drama`, `Words: 2,500`, `Stats:`; a summary or note label may
 * also stand alone without a colon (`Summary`, `Story Notes`).
 */
export function fieldLabel(text: string): Label | undefined {
  // A label is short: look at the head of the line only (a summary after its label may run long).
  const colon = text.slice(0, 60).search(/[:：]/);
  if (colon < 0 && text.length > 40) return undefined;
  const head = colon < 0 ? text : text.slice(0, colon + 1);
  const t = plainText(unwrapLine(head.replace(/[*_]+$/, '')).text);
  const m = /^([\p{L}][\p{L}'’ &/-]{0,30}?)\s*[:：]$/u.exec(t);
  if (m) {
    const role = LABELS.get(m[1]!.toLowerCase());
    return role ? { label: m[1]!, role, value: plainText(text.slice(colon + 1)) } : undefined;
  }
  const role = colon < 0 ? LABELS.get(t.toLowerCase()) : undefined;
  return role === 'summary' || role === 'note' ? { label: t, role, value: '' } : undefined;
}

export function isFieldLabel(text: string): boolean {
  return fieldLabel(text) !== undefined;
}

/** A value line under a field label: short, no sentence (`Drama`, `- Mature`, `2019-09-27`, `★4.8 82 reviews`). */
export function isShortValue(text: string): boolean {
  const t = plainText(text);
  return t.length <= 120 && wordCount(t) <= 10 && (isListItem(text) || !/[.!?]["”’]?$/.test(t) || wordCount(t) <= 3);
}

/** Archive scaffolding: the landmark lines AO3 and forum scrapers put between their fields and the text. */
const SCAFFOLD = /^(?:post|posts|comments?|chapter text|work text|chapter end notes|end notes|chapter notes|chapter summary|\(?see the (?:end|beginning) of the (?:chapter|work) for (?:more )?notes\.?\)?)\s*[:：]?$/i;

export function isScaffold(text: string): boolean {
  return text.length <= 80 && SCAFFOLD.test(plainText(unwrapLine(text).text));
}

const NAV_PHRASE = /^(?:(?:next|previous|prev|last|first)\s+(?:chapter|part|page|story|post)|chapter\s+index|(?:back|go)\s+to\s+(?:top|index|the\s+top|contents)|table\s+of\s+contents|(?:nächstes|vorheriges|voriges)\s+kapitel|chapitre\s+(?:suivant|précédent)|(?:siguiente|anterior)\s+capítulo|capítulo\s+(?:siguiente|anterior)|次へ|前へ|次の話|前の話)(?![\p{L}\p{N}])[^.!?]{0,30}$/iu;
const READ_ELSEWHERE = /^(?:read|continue\s+reading|find)\s+(?:the\s+)?(?:latest|more|next|new|rest\s+of\s+the|full|all|other)?\s*(?:chapters?|story|stories|updates?|parts?)?\s*(?:at|on|over\s+at)(?![\p{L}\p{N}])/iu;

/** A navigation line: a link alone, an arrow-led line (`→ Kapitel 2`, `↑ Top`), "Next chapter", "Read more chapters at …", or several of them (`Previous | Index | Next`). */
export function isNavigation(text: string): boolean {
  const t = text.trim();
  if (t.length > 200) return false;
  const items = t.split(/\s+[|•·/]\s+|\s*\]\s*\[\s*/);
  if (items.length > 1) return items.every((item) => isNavigation(item.replace(/^\[|\]$/g, '')) || /^(?:index|contents|home|top|first|last|previous|prev|next|back|toc|inhaltsverzeichnis|sommaire|índice|目次)$/i.test(plainText(item).replace(/[[\]]/g, '').trim()));
  if (/^[\W_]*\[[^\]]+\]\s?\([^)\s]+\)[\W_]*$/u.test(t) || /^[\W_]*(?:https?:\/\/|www\.)\S+[\W_]*$/u.test(t)) return true;
  const plain = plainText(t).replace(/^[-*•]\s+/, '');
  if (/^[←→⇐⇒«»↑↓⟵⟶]\s*\S.{0,60}$/u.test(plain) || (/^\S.{0,40}\s[←→⇐⇒»↑]$/u.test(plain) && wordCount(plain) <= 5)) return true;
  return NAV_PHRASE.test(plain) || READ_ELSEWHERE.test(plain);
}

/** The start of a comment section: `Comments`, `### Comments:`, `Comments (4)`, `Post Comment`, `Reviews`. */
export function isCommentSectionStart(text: string): boolean {
  return text.length <= 40 && /comment|review|kommentar|感想|コメント/i.test(text) && /^(?:comments?|kommentare?|commentaires?|comentarios?|reviews?|感想|コメント|post\s+(?:a\s+)?comment|leave\s+a\s+comment|add\s+(?:a\s+)?comment)\s*(?:\(\d+\))?\s*[:：]?$/iu.test(plainText(unwrapLine(text).text));
}

/** An archive's stats line: several `Label: value` fields on one line (`Rated: T - English - Words: 1,234 - Reviews: 5`). */
export function isStatsLine(text: string): boolean {
  if (text.length > 600 || text.split(':').length < 4) return false;
  let fields = 0;
  for (const m of plainText(text).matchAll(/(?:^|[-–|,•·]\s*)([\p{L}][\p{L} ]{1,20}?)\s*:/gu)) if (LABELS.has(m[1]!.trim().toLowerCase()) && ++fields >= 3) return true;
  return false;
}

/** Forum flair: a line of bracketed tags only (`[OC]`, `[RT][HF]`) or a bare tag such as `OC`. */
export function isFlair(text: string): boolean {
  const t = text.trim();
  return /^(?:\\?\[[^\]\n]{1,25}\\?\]\s*){1,6}$/.test(t) || /^(?:OC|WP|RT|HF|MK|WIP|FF)$/.test(t);
}
