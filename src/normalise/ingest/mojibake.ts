// Repairs mojibake (UTF-8 bytes read as Windows-1252, once or twice) only where the repair lowers a badness score.
import iconv from 'iconv-lite';

/** Each Windows-1252 (else Latin-1) character of the bytes 0x80–0xFF → its byte. */
const CHAR_TO_BYTE = new Map<string, number>();
for (let b = 0x80; b <= 0xff; b++) {
  const c = iconv.decode(Buffer.from([b]), 'win1252');
  CHAR_TO_BYTE.set(c === '\uFFFD' ? String.fromCharCode(b) : c, b);
}
const CONTINUATION = [...CHAR_TO_BYTE].filter(([, b]) => b <= 0xbf).map(([c]) => c).join('');
const escapeClass = (s: string): string => s.replace(/[\\\]^-]/g, '\\$&');
/** A UTF-8 lead byte (as Windows-1252) followed by one to three continuation bytes (as Windows-1252). */
const SEQUENCE = new RegExp(`[\\u00C2-\\u00F4][${escapeClass(CONTINUATION)}]{1,3}`, 'g');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** How wrong a string looks: mojibake sequences, C1 controls and replacement characters. */
export function badness(text: string): number {
  let score = 0;
  for (const m of text.matchAll(SEQUENCE)) if (decodeSequence(m[0]) !== undefined) score += 2;
  for (const _ of text.matchAll(/\u00E2\u20AC\uFFFD/g)) score += 2;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if ((c >= 0x80 && c <= 0x9f) || c === 0xfffd) score++;
  }
  return score;
}

/** The character(s) a mojibake sequence stands for, or undefined when its bytes are not one UTF-8 character. */
function decodeSequence(seq: string): string | undefined {
  const bytes: number[] = [];
  for (const ch of seq) {
    const b = ch.charCodeAt(0) <= 0xff && !CHAR_TO_BYTE.has(ch) ? ch.charCodeAt(0) : CHAR_TO_BYTE.get(ch);
    if (b === undefined) return undefined;
    bytes.push(b);
  }
  const lead = bytes[0]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  if (bytes.length !== need) return undefined;
  try {
    const out = utf8.decode(Uint8Array.from(bytes));
    const code = out.codePointAt(0)!;
    if (code < 0x80 || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    return out;
  } catch {
    return undefined;
  }
}

export interface MojibakeRepair {
  line: number;
  before: string;
  after: string;
}

/** Repair each line whose repaired form scores better; up to three passes for doubly encoded text. */
export function repairMojibake(text: string): { text: string; repairs: MojibakeRepair[] } {
  if (!/[\u00C2-\u00F4]/.test(text)) return { text, repairs: [] };
  const lines = text.split('\n');
  const repairs: MojibakeRepair[] = [];
  for (let i = 0; i < lines.length; i++) {
    const original = lines[i]!;
    if (!/[\u00C2-\u00F4]/.test(original)) continue;
    let current = original;
    for (let pass = 0; pass < 3; pass++) {
      // `â€` + U+FFFD: a right double quote whose last byte (0x9D, undefined in Windows-1252) was lost.
      const next = current.replace(SEQUENCE, (seq) => decodeSequence(seq) ?? seq).replace(/\u00E2\u20AC\uFFFD/g, '\u201D');
      if (next === current || badness(next) >= badness(current)) break;
      current = next;
    }
    if (current !== original) {
      lines[i] = current;
      repairs.push({ line: i + 1, before: original, after: current });
    }
  }
  return { text: repairs.length ? lines.join('\n') : text, repairs };
}
