// Step `escape`: escapes every block and note paragraph so markdown reads it as text, keeping paired `*word*`/`_word_` as emphasis.
import { escapeInline, escapeLine } from '../model/escape.js';
import { quireMarkdown } from '../model/markdown.js';
import { NOTE_REF, type NormaliseStep } from './state.js';

/** `*…*`, `_…_`, `**…**`, `__…__`, `***…***` around non-space text, with word boundaries outside. */
const EMPHASIS = /(^|[\s"'“‘(\[—–\-\uE001])(\*{1,3}|_{1,3})(?=[^\s*_])([^*_\n]*?[^\s*_\\])\2(?=$|[\s"'”’).,;:!?\]—–\-…\uE000])/gu;

/** Escape one paragraph of prose; emphasis pairs stay markup when markdown-it reads them back as emphasis. */
export function escapeProse(text: string, noteLabel: (index: number) => string): { markdown: string; plain: string } {
  const plain = text.replace(NOTE_REF, '');
  let markdown: string;
  EMPHASIS.lastIndex = 0;
  if (EMPHASIS.test(text)) {
    const parts: string[] = [];
    let last = 0;
    EMPHASIS.lastIndex = 0;
    for (const m of text.matchAll(EMPHASIS)) {
      const start = m.index + m[1]!.length;
      parts.push(escapeSegment(text.slice(last, start), parts.length === 0), `${m[2]}${escapeInline(m[3]!)}${m[2]}`);
      last = start + m[2]!.length * 2 + m[3]!.length;
    }
    parts.push(escapeSegment(text.slice(last), parts.length === 0));
    markdown = parts.join('');
    const emphasisPlain = text.replace(EMPHASIS, '$1$3').replace(NOTE_REF, '');
    // Keep the emphasis only if markdown-it agrees; otherwise everything is text.
    if (readBack(markdown) === emphasisPlain) return { markdown: withRefs(markdown, noteLabel), plain: emphasisPlain };
  }
  markdown = escapeSegment(text, true);
  return { markdown: withRefs(markdown, noteLabel), plain };
}

/** Escape text around note-reference markers; the first text of the line (after any markers) gets line-start escaping. */
function escapeSegment(segment: string, lineStart: boolean): string {
  let atStart = lineStart;
  return segment
    .split(/(\uE000\d+\uE001)/)
    .map((piece, i) => {
      if (i % 2 === 1) return piece;
      let out: string;
      if (!atStart) out = escapeInline(piece);
      else if (piece.trim() === '') return '';
      else {
        atStart = false;
        out = escapeLine(piece);
      }
      // `[^id]: …` would read as a footnote definition: escape a colon right after a reference.
      return i > 0 && out.startsWith(':') ? `\\${out}` : out;
    })
    .join('');
}

function withRefs(markdown: string, noteLabel: (index: number) => string): string {
  return markdown.replace(NOTE_REF, (_, n: string) => `[^${noteLabel(Number(n))}]`);
}

/** Plain text markdown-it reads from one line of inline markdown (markers removed). */
function readBack(markdown: string): string {
  const tokens = quireMarkdown().parseInline(markdown.replace(NOTE_REF, ''), {});
  let out = '';
  for (const t of tokens[0]?.children ?? []) if (t.type === 'text') out += t.content;
  return out;
}

export const escape: NormaliseStep = {
  name: 'escape',
  run(state) {
    const label = (i: number): string => state.notes[i]!.id;
    state.wordCount = 0;
    state.wordDigest = '';
    state.wordText = '';
    state.escaped.blocks = state.blocks.map((b) => {
      if (b.kind === 'sceneBreak') return '* * *';
      const { markdown, plain } = escapeProse(b.text, label);
      b.text = plain.replace(/\s+$/, '');
      return b.kind === 'heading' ? `${'#'.repeat(b.level)} ${markdown}` : markdown;
    });
    state.escaped.notes = state.notes.map((n) => n.paragraphs.map((p) => escapeProse(p, label).markdown));
  },
};
