// Steps `decode`, `line-endings`, `control-chars`, `mojibake`, `nfc`: bytes → clean NFC text split into numbered lines.
import { normaliseLineEndings, stripControlChars, toNfc } from './ingest/clean.js';
import { decodeBytes } from './ingest/decode.js';
import { repairMojibake } from './ingest/mojibake.js';
import type { NormaliseState, NormaliseStep } from './state.js';

/** Lines of one story warned about one by one for the same kind of repair; the rest in one warning (all are in `repairs`). */
const LINE_WARNINGS = 10;

/** One warning per line for the first LINE_WARNINGS items, then one for the rest. */
function warnLines<T extends { line: number }>(state: NormaliseState, rule: string, items: T[], reason: (item: T) => string, rest: (n: number) => string): void {
  for (const item of items.slice(0, LINE_WARNINGS)) state.messages.warn(rule, reason(item), state.options.file, item.line);
  if (items.length > LINE_WARNINGS) state.messages.warn(rule, `${rest(items.length - LINE_WARNINGS)} (listed in the report's repairs)`, state.options.file, items[LINE_WARNINGS]!.line);
}

export const decode: NormaliseStep = {
  name: 'decode',
  run(state) {
    const { file } = state.options;
    const decoded = decodeBytes(state.bytes, file);
    state.text = decoded.text;
    state.encoding = decoded.encoding;
    if (decoded.bom) {
      state.repairs.push({ kind: 'bom', before: `${decoded.bom} byte order mark`, after: '' });
      state.messages.info('bom', `removed a ${decoded.bom} byte order mark`, file, 1);
    }
    state.messages.info('decode', `decoded as ${decoded.encoding}`, file);
    const lines = decoded.lines ?? [];
    for (const { line, encoding } of lines) state.repairs.push({ kind: 'encoding', line, before: decoded.encoding, after: encoding });
    warnLines(state, 'decode', lines, (l) => `this line is ${l.encoding} while the story is ${decoded.encoding}: decoded as ${l.encoding}`, (n) => `${n} more lines in another encoding than the story's`);
  },
};

export const lineEndings: NormaliseStep = {
  name: 'line-endings',
  run(state) {
    const { text, count } = normaliseLineEndings(state.text);
    state.text = text;
    if (count > 0) {
      state.repairs.push({ kind: 'lineEnding', before: `${count} CR/CRLF line endings`, after: 'LF' });
      state.messages.info('line-endings', `converted ${count} CR/CRLF line endings to LF`, state.options.file);
    }
  },
};

export const controlChars: NormaliseStep = {
  name: 'control-chars',
  run(state) {
    const { text, changes } = stripControlChars(state.text);
    state.text = text;
    for (const c of changes) {
      const codes = [...new Set([...c.before].filter((ch) => !c.after.includes(ch) || ch.charCodeAt(0) < 0x20).map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`))].join(' ');
      state.repairs.push({ kind: 'controlChar', line: c.line, before: c.before, after: c.after });
      state.removed.push({ kind: 'controlChar', action: 'removed', line: c.line, text: codes, rule: 'control-chars', evidence: `control characters ${codes}` });
      const c1 = /U\+00[89]/.test(codes) ? ' (C1 controls are bytes that Windows-1252 leaves undefined: the character they belonged to is lost)' : '';
      state.messages.warn('control-chars', `removed control characters ${codes}${c1}`, state.options.file, c.line);
    }
  },
};

export const mojibake: NormaliseStep = {
  name: 'mojibake',
  run(state) {
    const { text, repairs } = repairMojibake(state.text);
    state.text = text;
    for (const r of repairs) state.repairs.push({ kind: 'mojibake', line: r.line, before: r.before, after: r.after });
    warnLines(state, 'mojibake', repairs, (r) => `repaired mojibake (${howRepaired(r.steps)}): "${excerpt(r.before)}" → "${excerpt(r.after)}"`, (n) => `repaired mojibake on ${n} more lines`);
  },
};

export const nfc: NormaliseStep = {
  name: 'nfc',
  run(state) {
    const { text, lines } = toNfc(state.text);
    state.text = text;
    for (const line of lines) state.repairs.push({ kind: 'nfc', line, before: 'decomposed characters', after: 'NFC' });
    if (lines.length) state.messages.info('nfc', `composed characters to Unicode NFC on ${lines.length} line(s)`, state.options.file, lines[0]);
    state.lines = state.text.split('\n').map((text, i) => ({ text, line: i + 1 }));
  },
};

/** `UTF-8 read as windows-1252, twice` from the repair's steps. */
function howRepaired(steps: string[]): string {
  const counts = new Map<string, number>();
  for (const step of steps) counts.set(step, (counts.get(step) ?? 0) + 1);
  return [...counts].map(([step, n]) => (n === 1 ? step : `${step}, ${n === 2 ? 'twice' : `${n} times`}`)).join('; then ');
}

function excerpt(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
