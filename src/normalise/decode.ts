// Steps `decode`, `line-endings`, `control-chars`, `mojibake`, `nfc`: bytes → clean NFC text split into numbered lines.
import { normaliseLineEndings, stripControlChars, toNfc } from '../ingest/clean.js';
import { decodeBytes } from '../ingest/decode.js';
import { repairMojibake } from '../ingest/mojibake.js';
import type { NormaliseStep } from './state.js';

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
      state.messages.warn('control-chars', `removed control characters ${codes}`, state.options.file, c.line);
    }
  },
};

export const mojibake: NormaliseStep = {
  name: 'mojibake',
  run(state) {
    const { text, repairs } = repairMojibake(state.text);
    state.text = text;
    for (const r of repairs) {
      state.repairs.push({ kind: 'mojibake', line: r.line, before: r.before, after: r.after });
      state.messages.warn('mojibake', `repaired mojibake (UTF-8 read as Windows-1252): "${excerpt(r.before)}" → "${excerpt(r.after)}"`, state.options.file, r.line);
    }
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

function excerpt(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
