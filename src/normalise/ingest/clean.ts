// Cleans decoded text: CRLF/CR → LF, control characters XML forbids stripped, Unicode NFC; every change counted by line.

export interface CleanChange {
  line: number;
  before: string;
  after: string;
}

/** CRLF and lone CR → LF (a lone CR counts as a line break, so line numbers match what editors show). */
export function normaliseLineEndings(text: string): { text: string; count: number } {
  let count = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) count++;
  return count === 0 ? { text, count } : { text: text.replace(/\r\n?/g, '\n'), count };
}

/**
 * C0 controls other than tab and LF, DEL, C1 controls, noncharacters U+FFFE/U+FFFF, lone surrogates and the
 * two private-use code points the normaliser uses as note-reference markers: XML forbids or quire reserves them.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\uE000\uE001]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Strip control characters; form feeds become line breaks' worth of nothing (a page break is not text). */
export function stripControlChars(text: string): { text: string; changes: CleanChange[] } {
  if (!CONTROL.test(text)) return { text, changes: [] };
  CONTROL.lastIndex = 0;
  const lines = text.split('\n');
  const changes: CleanChange[] = [];
  for (let i = 0; i < lines.length; i++) {
    const before = lines[i]!;
    CONTROL.lastIndex = 0;
    if (!CONTROL.test(before)) continue;
    CONTROL.lastIndex = 0;
    // Vertical tab, form feed and NEL (U+0085, a line break in some encodings) separate words: a space.
    const after = before.replace(CONTROL, (c) => (c === '\u000C' || c === '\u000B' || c === '\u0085' ? ' ' : ''));
    lines[i] = after;
    changes.push({ line: i + 1, before, after });
  }
  return { text: lines.join('\n'), changes };
}

/**
 * A character NFC might change or compose with what precedes it. Everything else is stable and composes with
 * nothing: Latin, IPA and spacing modifiers (to U+02FF), Greek and Cyrillic letters (not the combining marks nor
 * the singletons U+0374, U+037E, U+0387), Latin Extended Additional, punctuation, currency, letterlike signs (not
 * Ω K Å as symbols), arrows to miscellaneous symbols (not U+2329, U+232A, U+2ADC), variation selectors and emoji.
 */
const MAY_CHANGE_IN_NFC = /[^\u0000-\u02ff\u0370-\u0373\u0375-\u037d\u037f-\u0386\u0388-\u0482\u048a-\u052f\u1e00-\u1eff\u2002-\u20cf\u2100-\u2125\u2127-\u2129\u212c-\u2328\u232b-\u2adb\u2add-\u2bff\ufe00-\ufe0f\ud83c-\ud83e\udc00-\udfff]/g;

/** Unicode NFC, line by line so changes can be reported with their line; only lines that hold a character NFC might change are looked at. */
export function toNfc(text: string): { text: string; lines: number[] } {
  MAY_CHANGE_IN_NFC.lastIndex = 0;
  if (!MAY_CHANGE_IN_NFC.test(text)) return { text, lines: [] };
  const lines = text.split('\n');
  const changed: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    MAY_CHANGE_IN_NFC.lastIndex = 0;
    if (!MAY_CHANGE_IN_NFC.test(lines[i]!)) continue;
    const n = lines[i]!.normalize('NFC');
    if (n !== lines[i]) {
      lines[i] = n;
      changed.push(i + 1);
    }
  }
  return changed.length ? { text: lines.join('\n'), lines: changed } : { text, lines: [] };
}
