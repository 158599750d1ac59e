// Helpers of the decoding tests: quire's decoding steps on raw bytes, and UTF-8 misread as a single-byte encoding.
import iconv from 'iconv-lite';
import { decode, lineEndings, mojibake } from '../../src/normalise/decode.ts';
import { initialState } from '../../src/normalise/state.ts';

/** The text after quire's decoding steps (bytes → text, line endings, mojibake), before control characters are removed. */
export function decodedText(bytes: Uint8Array): string {
  const state = initialState(bytes, { file: 'case.txt', language: 'en', notes: 'endnotes', idPrefix: 's01' });
  for (const step of [decode, lineEndings, mojibake]) step.run(state);
  return state.text;
}

/** UTF-8 bytes read as Windows-1252 (undefined bytes as Latin-1, as browsers do) or as Latin-1. */
export function misread(t: string, as: 'windows-1252' | 'latin1' = 'windows-1252'): string {
  const bytes = Buffer.from(t, 'utf8');
  if (as === 'latin1') return bytes.toString('latin1');
  return [...bytes].map((b) => { const c = iconv.decode(Buffer.from([b]), 'win1252'); return c === '\uFFFD' ? String.fromCharCode(b) : c; }).join('');
}
