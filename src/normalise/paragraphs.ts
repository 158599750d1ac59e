// Step `paragraphs`: detects the file's paragraph convention and groups lines into paragraphs (unwrapping hard-wrapped lines).
import { headingForm, isHeadingText } from './heading.js';
import { isSceneBreakLine } from './scene-break.js';
import { record, type DraftBlock, type NormaliseStep, type SourceLine } from './state.js';

/**
 * - `blank-lines`: paragraphs separated by blank lines; inside a group, a line is joined to the next only when it
 *   is "full" (hard wrap: at least 60% of the file's wrap width, which is at most 100 characters).
 * - `indented`: no blank lines; an indented line starts a paragraph, other lines continue it.
 * - `single-newline`: no blank lines and no indentation pattern: every line is a paragraph.
 */
export type ParagraphConvention = 'blank-lines' | 'indented' | 'single-newline';

const INDENT = /^(?:[ \t]+|\u3000)\S/;

export interface LineStats {
  convention: ParagraphConvention;
  /** 90th percentile of line lengths when the text looks hard-wrapped (≤ 100), else undefined. */
  wrapWidth?: number;
}

/** Which convention a file uses, from its line statistics. */
export function detectConvention(lines: SourceLine[]): LineStats {
  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  if (nonBlank.length === 0) return { convention: 'blank-lines' };
  // Blank lines between text lines (not the ones before the first or after the last).
  const first = lines.findIndex((l) => l.text.trim() !== '');
  const last = lines.findLastIndex((l) => l.text.trim() !== '');
  const blank = last - first + 1 - nonBlank.length;
  const lengths = nonBlank.map((l) => l.text.trim().length).sort((a, b) => a - b);
  const p90 = lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.9))] ?? 0;
  const wrapWidth = p90 <= 100 && p90 >= 30 ? p90 : undefined;
  if (blank >= nonBlank.length * 0.05 || nonBlank.length < 3) return { convention: 'blank-lines', ...(wrapWidth && { wrapWidth }) };
  const indented = nonBlank.filter((l) => INDENT.test(l.text)).length;
  if (indented >= nonBlank.length * 0.03 && indented < nonBlank.length * 0.95 && wrapWidth) return { convention: 'indented', wrapWidth };
  return { convention: 'single-newline' };
}

/** Invisible characters (zero-width spaces, no-break spaces, soft hyphens) and their HTML entities: a spacer line, not text. */
const SPACER = /^(?:[\s\u200B-\u200D\u2060\uFEFF\u00AD]|&(?:#x(?:200[bcd]|2060|a0|ad|feff)|#(?:820[345]|8288|160|173|65279)|nbsp|zwn?j|zerowidthspace|shy);)+$/i;

/** A line that holds nothing visible: blank, or spacer characters only. */
export function isSpacerLine(trimmed: string): boolean {
  const c = trimmed.charCodeAt(0);
  return (c === 38 || c >= 0x2000) && SPACER.test(trimmed);
}

/** `>` alone between quoted lines (`> line` / `>` / `> line`): the empty line of a markdown quotation, not a scene break. */
function isEmptyQuoteLine(trimmed: string, before: string | undefined, after: string | undefined): boolean {
  return /^>+$/.test(trimmed) && [before, after].some((t) => t !== undefined && /^\s*>+\s*\S/.test(t) && !/^\s*>+\s*$/.test(t));
}

/** A heading's own title on the next line: short, no sentence punctuation at its end. */
function isHeadingTitleLine(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 60 && !/[.!?,;:"”’]$/.test(t) && !isSceneBreakLine(t) && !isHeadingText(t);
}

export const paragraphs: NormaliseStep = {
  name: 'paragraphs',
  run(state) {
    const { convention, wrapWidth } = detectConvention(state.lines);
    const full = wrapWidth ? Math.floor(wrapWidth * 0.6) : Infinity;
    const blocks: DraftBlock[] = [];
    let current: SourceLine[] = [];
    let joins = 0;
    const flush = (): void => {
      if (current.length === 0) return;
      let text = current.length === 1 ? current[0]!.text.trim() : current.map((l) => l.text.trim()).join(' ');
      if (text.includes('  ') || text.includes('\t')) text = text.replace(/[ \t]+/g, ' ');
      blocks.push({ kind: 'paragraph', text, line: current[0]!.line });
      if (current.length > 1) state.spans.set(current[0]!.line, current[current.length - 1]!.line);
      joins += current.length - 1;
      current = [];
    };
    const lines = state.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      const trimmed = l.text.trim();
      if (trimmed === '') {
        flush();
        continue;
      }
      if (isSpacerLine(trimmed) || isEmptyQuoteLine(trimmed, lines[i - 1]?.text, lines[i + 1]?.text)) {
        flush();
        record(state, { kind: 'emptyLine', action: 'removed', line: l.line, text: trimmed, rule: 'spacer', evidence: trimmed.startsWith('>') ? 'an empty line of a quotation' : 'a line of zero-width or no-break spaces only' }, 'removed a spacer line');
        continue;
      }
      if (convention === 'single-newline') {
        blocks.push({ kind: 'paragraph', text: trimmed.includes('  ') || trimmed.includes('\t') ? trimmed.replace(/[ \t]+/g, ' ') : trimmed, line: l.line });
        continue;
      }
      if (isSceneBreakLine(trimmed)) {
        flush();
        const above = lines[i - 1]?.text.trim() ?? '';
        if (/^(?:-+|=+)$/.test(trimmed) && above !== '' && !isSceneBreakLine(above)) {
          // A title underlined with `---` or `===` (setext style): text, not a break.
          blocks.push({ kind: 'paragraph', text: trimmed, line: l.line, literal: true });
          continue;
        }
        blocks.push({ kind: 'paragraph', text: trimmed, line: l.line });
        continue;
      }
      // In hard-wrapped text a heading starts a line group (a line after a full line continues its paragraph).
      const startsParagraph = convention !== 'blank-lines' || !wrapWidth || current.length === 0 || current[current.length - 1]!.text.trim().length < full;
      const heading = startsParagraph ? headingForm(trimmed) : undefined;
      if (heading) {
        flush();
        // `CHAPTER I.` / `Down the Rabbit-Hole` on the next line: one heading (a markdown heading is always one line).
        const nextLine = lines[i + 1];
        if (nextLine && heading.markdownLevel === undefined && heading.kind !== 'markdown' && isHeadingTitleLine(nextLine.text) && (convention === 'blank-lines' || !INDENT.test(nextLine.text))) {
          blocks.push({ kind: 'paragraph', text: `${trimmed} ${nextLine.text.trim()}`, line: l.line });
          state.spans.set(l.line, nextLine.line);
          i++;
        } else blocks.push({ kind: 'paragraph', text: trimmed, line: l.line });
        continue;
      }
      if (convention === 'indented' && INDENT.test(l.text)) flush();
      if (convention === 'blank-lines' && current.length > 0 && current[current.length - 1]!.text.trim().length < full) flush();
      if (convention === 'blank-lines' && !wrapWidth) flush();
      current.push(l);
    }
    flush();
    state.blocks = blocks;
    const unwrapped = joins > 0 ? `, unwrapped ${joins} hard-wrapped line breaks` : '';
    state.messages.info('paragraphs', `paragraph convention: ${convention} (${blocks.length} paragraphs${unwrapped})`, state.options.file);
  },
};
