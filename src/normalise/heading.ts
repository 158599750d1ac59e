// Rule `heading`: which lines are chapter or part headings (Chapter 1, CHAPTER IV., Kapitel 3, Chapitre 1 – Titre, # Prologue, **Part 1 of 3**, 第一章, …).
import { hasLink, unwrapLine } from './text-features.js';

const NUMBER_WORD_EN = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final';
const NUMBER_WORD_FR = 'un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|cent|premier|première|deuxième|troisième|quatrième|cinquième|sixième|septième|huitième|neuvième|dixième|dernier|dernière';
const NUMBER_WORD_DE = 'eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|zwanzig|dreißig|vierzig|fünfzig|hundert|erstes|erster|erste|zweites|zweiter|zweite|drittes|dritter|dritte|viertes|vierter|vierte|fünftes|fünfter|fünfte|letztes|letzter|letzte';
const NUMBER_WORD_ES = 'uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciséis|veinte|treinta|cuarenta|cincuenta|cien|primero|primera|segundo|segunda|tercero|tercera|cuarto|cuarta|quinto|quinta|sexto|sexta|séptimo|séptima|octavo|octava|noveno|novena|décimo|décima|último|última|final';
const NUMBER_WORD = `(?:${NUMBER_WORD_EN}|${NUMBER_WORD_FR}|${NUMBER_WORD_DE}|${NUMBER_WORD_ES})`;
const NUMERAL = `(?:\\d{1,4}|[IVXLCDM]{1,8}|${NUMBER_WORD}(?:[- ](?:and[- ])?${NUMBER_WORD})*)`;
const PART_WORD = '(?:book|part|volume|vol\\.|teil|buch|band|partie|livre|tome|parte|libro|tomo)';
const CHAPTER_WORD = '(?:chapter|chap\\.|ch\\.|kapitel|kap\\.|chapitre|capítulo|capitulo|cap\\.|capitolo)';
/** After the number: nothing, a separator (`:`, `.`, `-`, `–`, `—`) and a short title, or `of 3`. */
const TITLE_TAIL = '(?:\\s*[.:]?\\s*$|\\s*(?:[.:]|\\s[-–—]|[-–—]\\s|—)\\s*\\S.{0,100}$|\\s+(?:of|von|de|sur|/)\\s+\\d{1,4}\\s*$)';
const PART = new RegExp(`^${PART_WORD}\\s+${NUMERAL}(?![\\p{L}\\p{N}])${TITLE_TAIL}`, 'iu');
const CHAPTER = new RegExp(`^${CHAPTER_WORD}\\s*${NUMERAL}(?![\\p{L}\\p{N}])${TITLE_TAIL}`, 'iu');
/** `Chapter the First`, `Erstes Kapitel`, `Premier chapitre`, `Part One` written the other way round. */
const ORDINAL_FIRST = new RegExp(`^(?:(?:${NUMBER_WORD})\\s+(${CHAPTER_WORD}|${PART_WORD})|(${CHAPTER_WORD}|${PART_WORD})\\s+the\\s+${NUMBER_WORD})(?![\\p{L}\\p{N}])${TITLE_TAIL}`, 'iu');
const PART_ALONE = new RegExp(`^${PART_WORD}$`, 'iu');
/** `Chapter 2 THE SHADOW`: a number and a title in capitals without a separator (tested case-sensitively). */
const CAPS_TITLE = new RegExp(`^(?:(${PART_WORD})|${CHAPTER_WORD})\\s+(?:\\d{1,4}|[IVXLCDM]{1,8})\\s+[\\p{Lu}\\d][\\p{Lu}\\d\\s'’,.!?&\\-–—]{1,100}$`, 'u');
const NAMED = new RegExp(
  '^(?:prologue|prolog|prólogo|prologo|epilogue|epilog|épilogue|epílogo|interlude|intermède|interludio|zwischenspiel|afterword|nachwort|postface|foreword|vorwort|avant[- ]propos|preface|préface|prefacio|introduction|einleitung|introducción|(?:first|second|third|final) epilogue)(?![\\p{L}\\p{N}])' + TITLE_TAIL,
  'iu',
);
/** Roman numeral, period, and an all-capitals title: `I. A SCANDAL IN BOHEMIA`. */
const NUMBERED_CAPS = /^[IVXLC]{1,7}\.\s+[\p{Lu}\d][\p{Lu}\d\s'’,.\-–—&!?]{2,100}$/u;
/** A number word and a short title after a colon or dash: `Un : Kiba`, `Two – The Road`. */
const NUMBER_WORD_TITLE = new RegExp(`^(?:${NUMBER_WORD})\\s*(?::|\\s[-–—])\\s*[^.!?]{1,60}$`, 'iu');
/** `第一章`, `第1話 タイトル`, `第二部`. */
const JAPANESE = /^第[0-9０-９一二三四五六七八九十百千〇零]+([章話部編幕節巻回])(?:[\s\u3000:：・\-－—–]*\S.{0,60})?$/u;
const JAPANESE_NAMED = /^(?:プロローグ|エピローグ|序章|終章|幕間|間章|番外編|序幕|終幕)(?:[\s\u3000:：・\-－—–]+\S.{0,60})?$/u;

/** A cheap first look (no `u` flag): a division word or numeral at the start, or a separator early in the line. */
const QUICK = /^(?:chap|ch\.|part|book|vol|kap|cap|teil|buch|band|livre|tome|libro|tomo|pro|pró|epi|épi|epí|inter|zwisch|after|nachw|postf|forew|vorw|avant|pref|préf|intro|einl|first|second|third|final|last|[ivxlc]{1,7}\.\s)|^.{0,14}(?::|\s[-–—]\s)|^\S+\s+(?:chap|kapitel|capítulo|part|teil|book|buch|livre|libro)/i;

/** What kind of division a heading opens; parts hold chapters when a story has both. */
export type HeadingKind = 'part' | 'chapter' | 'named' | 'markdown';

export interface HeadingForm {
  /** The heading's own text, without markdown `#`s or wrapping emphasis/symbols. */
  text: string;
  kind: HeadingKind;
  /** How many `#`s a markdown heading had. */
  markdownLevel?: number;
}

/**
 * A chapter or part heading, in the forms real texts use; `undefined` for anything else. A line wrapped in
 * emphasis (`**Chapter 1: Title**`) or symbols (`~Chapter 3~`) counts by what it wraps; a markdown heading
 * (`# Prologue`, `## A Scene Title`) counts unless it links somewhere or ends with a colon (a label, not a title).
 * Sentences that start with "Chapter 1 was…" are not headings.
 */
export function headingForm(line: string): HeadingForm | undefined {
  const raw = line.trim();
  if (raw.length > 140 || raw.length < 1) return undefined;
  // Most lines are prose: a line that opens speech, or starts with a letter and names no division near its start, is not a heading.
  const c = raw.charCodeAt(0);
  if (c === 0x201c || c === 0x22 || c === 0xab || c === 0x201e || c === 0x2018 || c === 0x27) return undefined;
  const wrapped = c < 0x80 && !/[A-Za-z0-9]/.test(raw[0]!);
  if (!wrapped && c < 0x3000 && !QUICK.test(raw)) return undefined;
  const { text, markdownLevel } = wrapped ? unwrapLine(raw) : { text: raw, markdownLevel: undefined };
  const kind = patternKind(text);
  if (kind) return { text, kind, ...(markdownLevel !== undefined && { markdownLevel }) };
  if (markdownLevel === undefined) return undefined;
  if (text.length > 100 || !/\p{L}/u.test(text) || /[:：]$/.test(text) || hasLink(raw)) return undefined;
  return { text, kind: 'markdown', markdownLevel };
}

function patternKind(text: string): HeadingKind | undefined {
  if (text.length > 120) return undefined;
  const c = text.charCodeAt(0);
  if (c >= 0x3000) {
    const ja = JAPANESE.exec(text);
    if (ja) return '部編巻'.includes(ja[1]!) ? 'part' : 'chapter';
    return JAPANESE_NAMED.test(text) ? 'named' : undefined;
  }
  if (text.length < 4) return undefined;
  if (PART.test(text)) return 'part';
  if (CHAPTER.test(text) || NUMBERED_CAPS.test(text)) return 'chapter';
  // The division word in any case, the title in capitals.
  const caps = CAPS_TITLE.exec(text.replace(/^\S+/, (w) => w.toLowerCase()));
  if (caps) return caps[1] ? 'part' : 'chapter';
  const ordinal = ORDINAL_FIRST.exec(text);
  if (ordinal) return PART_ALONE.test(ordinal[1] ?? ordinal[2]!) ? 'part' : 'chapter';
  if (NAMED.test(text)) return 'named';
  if (NUMBER_WORD_TITLE.test(text) && /^\p{Lu}/u.test(text)) return 'chapter';
  return undefined;
}

/** A chapter heading line (see `headingForm`). */
export function isHeadingText(text: string): boolean {
  return headingForm(text) !== undefined;
}

/** A number alone (`II`, `I.`, `12`, `~ 3 ~`): a heading only in a rising sequence of such lines (decided by the heading step). */
export function bareNumber(text: string): number | undefined {
  if (text.length > 16) return undefined;
  const t = unwrapLine(text).text.replace(/[.．。]$/, '').trim().replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (/^\d{1,3}$/.test(t)) return Number(t);
  if (/^[IVXLC]{1,7}$/.test(t)) return romanValue(t);
  if (/^[一二三四五六七八九十]{1,3}$/.test(t)) return kanjiValue(t);
  return undefined;
}

/** 一 … 九十九 (the numerals Japanese texts number their sections with). */
function kanjiValue(t: string): number | undefined {
  const digit = (c: string | undefined): number => '一二三四五六七八九'.indexOf(c ?? '') + 1;
  const ten = t.indexOf('十');
  if (ten < 0) return t.length === 1 ? digit(t) : undefined;
  const tens = ten === 0 ? 1 : digit(t[ten - 1]);
  const ones = ten === t.length - 1 ? 0 : digit(t[ten + 1]);
  return tens > 0 && ones >= 0 && t.length <= ten + 2 ? tens * 10 + ones : undefined;
}

function romanValue(s: string): number | undefined {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = values[s[i]!]!;
    const next = values[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  // Only canonical numerals (`IIII` or `IC` are not numbers a heading uses).
  return toRoman(total) === s ? total : undefined;
}

function toRoman(n: number): string {
  const table: Array<[number, string]> = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}
