// Cleans decoded text: CRLF/CR → LF, control characters XML forbids stripped, Unicode NFC; every change counted by line.

export interface CleanChange {
  line: number;
  before: string;
  after: string;
}

/** CRLF and lone CR → LF (a lone CR counts as a line break, so line numbers match what editors show). */
export function normaliseLineEndings(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(/\r\n?/g, () => {
    count++;
    return '\n';
  });
  return { text: out, count };
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

/** Unicode NFC, line by line so changes can be reported with their line. */
export function toNfc(text: string): { text: string; lines: number[] } {
  if (text.normalize('NFC') === text) return { text, lines: [] };
  const lines = text.split('\n');
  const changed: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const n = lines[i]!.normalize('NFC');
    if (n !== lines[i]) {
      lines[i] = n;
      changed.push(i + 1);
    }
  }
  return { text: lines.join('\n'), lines: changed };
}
