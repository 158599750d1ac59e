// How much a text looks like mojibake: a count of character sequences that misread UTF-8 produces and real text does not.
//
// The method is ftfy's (rspeer/python-ftfy, "badness"): the few hundred characters that UTF-8 read through a
// single-byte encoding turns into are sorted into classes, and the measure counts juxtapositions of those
// classes that real writing avoids — an accented lowercase letter right before a currency sign (`Ã©` is fine
// in no language), a letter followed by a C1 control, `â€` before punctuation. Ordinary accented text,
// typographic punctuation and symbols used as symbols score 0.

const CLASSES = {
  /** Characters found in every context: never bad alone, but part of Arabic mojibake. */
  common: '\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2019',
  /** C1 controls: no use outside mojibake. */
  c1: '\u0080-\u009f',
  /** Almost only ever seen in mojibake. */
  junk: '\u00a6\u00a4\u00a8\u00ac\u00af\u00b8\u0192\u02c6\u02c7\u02d8\u02db\u02dc\u2020\u2021\u2030\u2310\u25ca\ufffd\u00aa\u00ba',
  law: '\u00b6\u00a7',
  currency: '\u00a2\u00a3\u00a5\u20a7\u20ac',
  /** Punctuation and signs that open something: `¡ « ¿ © ‘ ‚ “ „ • ‹`, Greek tonos, the Apple logo. */
  open: '\u00a1\u00ab\u00bf\u00a9\u0384\u0385\u2018\u201a\u201c\u201e\u2022\u2039\uf8ff',
  /** …and that close something: `® » ˝ ” › ™`. */
  close: '\u00ae\u00bb\u02dd\u201d\u203a\u2122',
  numeric: '\u00b2\u00b3\u00b9\u00b1\u00bc\u00bd\u00be\u00d7\u00b5\u00f7\u2044\u2202\u2206\u220f\u2211\u221a\u221e\u2229\u222b\u2248\u2260\u2261\u2264\u2265\u2116',
  /** Letters emoticons are made of (`Ô_Ô`, `ò_ó`), so they may stand in odd places. */
  kaomoji: '\u00d2-\u00d6\u00d9-\u00dc\u00f2-\u00f6\u00f8-\u00fc\u0150\u014c\u016a\u0172\u00b0',
  upperAccented:
    '\u00c0-\u00d1\u00d8\u00dc\u00dd\u0102\u0100\u0104\u0106\u010c\u010e\u0110\u0118\u011a\u0112\u0116\u011e\u0122\u0130\u012a\u0136\u0139\u013d\u0141\u013b\u0143\u0147\u0145\u0152\u0158\u015a\u015e\u0160\u0162\u0164\u016e\u0170\u0178\u0179\u017b\u017d\u0490',
  lowerAccented:
    '\u00df\u00e0-\u00f1\u0103\u0105\u0101\u0107\u010d\u010f\u0111\u0119\u011b\u0113\u0117\u011f\u0123\u012f\u012b\u0137\u013a\u013e\u0142\u013c\u0153\u0155\u015b\u015f\u0161\u0165\u00fc\u017a\u017c\u017e\u0491\ufb01\ufb02',
  /** Greek and Cyrillic capitals, and thorn: common, but telling beside Latin letters and junk. */
  upperCommon: '\u00de\u0391-\u03a9\u0386\u0388\u0389\u038a\u038c\u038e\u038f\u03aa\u03ab\u0401-\u042f',
  lowerCommon: '\u03b1-\u03c9\u03ac\u03ad\u03ae\u03af\u03b0\u0430-\u045f',
  /** Box drawing from the DOS code page (the single horizontal line is left out: emoticons use it). */
  box: '\u2502\u250c\u2510\u2518\u251c\u2524\u252c\u253c\u2550-\u256c\u2580\u2584\u2588\u258c\u2590-\u2593',
};

/** What Windows-1252 reads bytes 0x80–0x9F as (other than C1 controls). */
const C1_1252 = '\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178';
/** What Windows-1252 reads bytes 0x80–0xBF as: a UTF-8 continuation byte (0x81, 0x8D, 0x8F, 0x90, 0x9D as C1 controls). */
const CONT_1252 = `\u0080-\u00bf${C1_1252}`;

const { common, c1, junk, law, currency, open, close, numeric, kaomoji, upperAccented: UA, lowerAccented: LA, upperCommon, lowerCommon, box } = CLASSES;

/**
 * The unlikely sequences, each a regular expression over the classes. Every match adds one to the badness.
 * Most are "class X directly followed by class Y"; a few are specific sequences of one misreading.
 */
const RULES: string[] = [
  `[${c1}]`,
  // Junk next to almost anything non-ASCII.
  `[${junk}${LA}${UA}${box}${open}${close}${currency}${numeric}${law}][${junk}]`,
  `[a-zA-Z][${lowerCommon}${upperCommon}][${junk}]`,
  `[${junk}][${LA}${UA}${box}${open}${close}${currency}${numeric}${law}]`,
  // An accented capital straight after a lowercase letter, a symbol or box drawing.
  `[${LA}${lowerCommon}${box}${close}${currency}${numeric}][${UA}]`,
  `[${box}${close}${currency}${numeric}][${LA}]`,
  `[${LA}${box}${close}][${currency}]`,
  `\\s[${UA}][${currency}]`,
  `[${UA}${box}][${numeric}${law}]`,
  `[${LA}${UA}${box}${currency}${close}][${open}][${numeric}]`,
  `[${LA}${UA}${currency}${numeric}${box}${law}][${close}][${open}]`,
  `[${currency}${numeric}${box}][${open}]`,
  `[a-z][${UA}][${open}${currency}]`,
  `[${box}][${kaomoji}]`,
  `[${LA}${UA}${currency}${numeric}${open}${close}${law}][${box}]`,
  `[${box}][${close}]`,
  // Punctuation glued between an accented letter and a letter or digit (`Ã©t` is mojibake, `Ã’s` is not).
  `[${LA}${UA}][${open}${close}][\\p{L}\\p{N}_]`,
  '[\u0152\u0153][^A-Za-z]',
  `[${UA}]\u00b0`,
  // UTF-8 read as Windows-1252: the punctuation, symbols and emoji of U+2000–U+27FF (`â€™`, `â„¢`, `âœ”`) as three characters.
  `\u00e2[\u20ac\u201a\u0192\u201e\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2022\u02dc\u2122\u0161\u203a\u0153\u017e\u0178][${CONT_1252}]`,
  // UTF-8 read as Windows-1252: the lead characters of Latin-1 (`Â Ã`), Greek (`Î`) and Cyrillic (`Ð`) letters.
  // A closing `”` or `»` right after a capital `Ã` may be meant (`“IRMÃ”`): only before a letter (`HÃ”TEL`).
  `[\u00c2\u00c3\u00ce\u00d0][\u20ac\u0153\u0160\u0161\u00a2\u00a3\u0178\u017e\u00a0\u00ad\u00ae\u00a9\u00b0\u00b7${open}\u02dd\u203a\u2122\u2013\u2014\u00b4]`,
  `[\u00c2\u00c3\u00ce\u00d0][\u201d\u00bb]\\p{L}`,
  // Mojibake of mojibake: two Windows-1252 readings of UTF-8 Latin-1 or 1252 characters in a row (`Ã…Æ’` for `Ń`).
  `[\u00c2\u00c3][${CONT_1252}][\u00c2\u00c3\u00c5\u00c6\u00cb][${CONT_1252}]`,
  // `Â` or `Ã` before a Latin-1 symbol: the two-character reading of every Latin-1 symbol and lowercase letter.
  '[\u00c2\u00c3][\u00a1-\u00ba\u00bc-\u00bf]',
  // Latin Extended-A (Polish, Czech, Turkish, Baltic: C4 xx, C5 xx) read as Windows-1252: `Ä`/`Å` and a punctuation
  // character of 0x80–0x9F right after a lowercase letter (`siÄ™`, `mÄ…`), or one that never follows a letter.
  `\\p{Ll}[\u00c4\u00c5][${C1_1252}]`,
  '[\u00c4\u00c5][\u20ac\u201a\u0192\u201e\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u02dc\u0161\u203a\u0153\u017e\u0178]',
  // …and `Œ` (C5 92) in a word in capitals: `CÅ’UR` (but `Å’s` may be a possessive).
  '[\u00c4\u00c5]\u2019\\p{Lu}',
  // `Š` (C5 A0) read as Windows-1252: `Å` and a no-break space glued to a word.
  '\u00c5\u00a0\\p{L}',
  '\u00d7[\u00b2\u00b3]',
  // Arabic read as Windows-1252: two lead characters each with a continuation symbol.
  `[\u00d8\u00d9][${common}${currency}${junk}${numeric}${open}\u0178\u0160\u00ae\u00b0\u00b5\u00bb][\u00d8\u00d9][${common}${currency}${junk}${numeric}${open}\u0178\u0160\u00ae\u00b0\u00b5\u00bb]`,
  // Indic scripts read as Windows-1252.
  '\u00e0[\u00b2\u00b5\u00b9\u00bc\u00bd\u00be]',
  // UTF-8 read as MacRoman.
  '\u221a[\u00b1\u2202\u2020\u2260\u00ae\u2122\u00b4\u2264\u2265\u00a5\u00b5\u00f8]',
  '\u2248[\u00b0\u00a2]',
  '\u201a\u00c4[\u00ec\u00ee\u00ef\u00f2\u00f4\u00fa\u00f9\u00fb\u2020\u00b0\u00a2\u03c0]',
  '\u201a[\u00e2\u00f3][\u00e0\u00e4\u00b0\u00ea]',
  // UTF-8 read as Windows-1251: punctuation (U+2000…) and Latin-1 or Cyrillic letters.
  '\u0432\u0402',
  `[\u0412\u0413\u0420\u0421][${c1}${junk}${open}${close}${currency}\u00b0\u00b5][\u0412\u0413\u0420\u0421]`,
  '\u0413\u045e\u0412\u0402\u0412.[A-Za-z ]',
  // `à` and `á` read as Windows-1252, and the no-break space itself.
  '\u00c3[\u00a0\u00a1]',
  '[a-z]\\s?[\u00c3\u00c2] ',
  '^[\u00c3\u00c2] ',
  `[a-z.,?!${close}]\u00c2[ ${open}${close}]`,
  // UTF-8 read as Windows-1253 (Greek) and Windows-1257 (Baltic).
  '\u03b2\u20ac[\u2122\u00a0\u0386\u00ad\u00ae\u00b0]',
  `[\u0392\u0393\u039e\u039f][${c1}${junk}${open}${close}${currency}\u00b0][\u0392\u0393\u039e\u039f]`,
  '\u0101\u20ac',
];

/** All rules, tried at one position (sticky). */
const RULE_AT = new RegExp(RULES.join('|'), 'uy');
/** Every rule has a non-ASCII character at most this far from where its match starts. */
const LEAD_IN = 2;

/**
 * Count (or, with `first`, find) the matches of the rules, scanning like a global regex but trying only the
 * positions near a non-ASCII character: the only places a rule can match, and few in most text.
 */
function scan(text: string, first: boolean): number {
  let n = 0;
  let next = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    for (let start = Math.max(next, i - LEAD_IN); start <= i; start++) {
      RULE_AT.lastIndex = start;
      if (!RULE_AT.test(text)) continue;
      if (first) return 1;
      n++;
      next = RULE_AT.lastIndex;
      i = next - 1;
      break;
    }
    if (next <= i) next = i + 1;
  }
  return n;
}

/** The number of unlikely sequences in the text (0: it looks like real text). */
export function badness(text: string): number {
  return scan(text, false);
}

/** Whether the text has any sequence that looks like mojibake. */
export function isBad(text: string): boolean {
  return scan(text, true) > 0;
}
