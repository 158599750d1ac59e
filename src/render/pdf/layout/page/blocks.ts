// Block styling: model blocks (story text, notes, front/back matter by role) → flow items of set lines.
import { inlineText, type Block, type Inline } from '../../../../model/types.js';
import type { Theme } from '../../../../templates/theme.js';
import type { FontKey, RunRole } from '../../types.js';
import type { FontSet } from '../text/fonts.js';
import type { Hyphenator } from '../text/hyphenate.js';
import type { FlowItem, FlowLine } from './paginate.js';
import { setParagraph, type SetLine, type SetOptions } from '../paragraph/setter.js';
import { inlineWords, pieceWords, type NoteResolver, type Word } from '../paragraph/words.js';

export interface BlockContext {
  fonts: FontSet;
  theme: Theme;
  hyphenate?: Hyphenator;
  /** Text block width and the grid leading. */
  width: number;
  leading: number;
  story?: string;
  notes?: NoteResolver;
  /** Blocks set as notes (smaller, no story id). */
  asNote?: boolean;
  /** Called after a paragraph that holds note references (the 'keep' policy sets inline notes there). */
  afterParagraph?: (content: Inline[]) => FlowItem[];
}

interface RoleStyle {
  scale: number;
  font: FontKey;
  align: 'justify' | 'left' | 'center' | 'right';
  spaceBefore: number;
  spaceAfter: number;
  letterSpacing?: boolean;
  indent?: boolean;
}

/** How a template block's role is set. Unknown roles are set as centred text. */
export function roleStyle(theme: Theme, role: string | undefined, level?: number): RoleStyle {
  const h = theme.headings;
  switch (role) {
    case 'book-title':
      return { scale: h.bookTitle, font: 'regular', align: 'center', spaceBefore: 0, spaceAfter: 1, letterSpacing: true };
    case 'half-title':
      return { scale: h.storyTitle, font: 'regular', align: 'center', spaceBefore: 0, spaceAfter: 1, letterSpacing: true };
    case 'story-title':
      return { scale: h.storyTitle, font: 'regular', align: 'center', spaceBefore: 0, spaceAfter: 1, letterSpacing: true };
    case 'subtitle':
      return { scale: 1.25, font: 'italic', align: 'center', spaceBefore: 0, spaceAfter: 1 };
    case 'byline':
      return { scale: h.byline, font: 'italic', align: 'center', spaceBefore: 0, spaceAfter: 0 };
    case 'editor':
    case 'publisher':
      return { scale: 1.05, font: 'regular', align: 'center', spaceBefore: 1, spaceAfter: 0 };
    case 'toc-title':
    case 'notes-title':
    case 'copyright-title':
    case 'colophon-title':
      return { scale: h.chapterTitle, font: 'regular', align: 'center', spaceBefore: 0, spaceAfter: 2, letterSpacing: true };
    case 'copyright':
      return { scale: 0.85, font: 'regular', align: 'left', spaceBefore: 0, spaceAfter: 0.5 };
    case 'colophon':
      return { scale: 0.95, font: 'regular', align: 'center', spaceBefore: 0, spaceAfter: 0.5 };
    case 'story-tags':
      return { scale: 0.85, font: 'italic', align: 'center', spaceBefore: 0.8, spaceAfter: 0 };
    case 'notes-intro':
      return { scale: 0.95, font: 'italic', align: 'left', spaceBefore: 0, spaceAfter: 1 };
    default:
      if (level !== undefined) return { scale: level === 2 ? h.chapterTitle : 1.1, font: level === 2 ? 'regular' : 'italic', align: 'center', spaceBefore: 2, spaceAfter: 1, letterSpacing: level === 2 };
      return { scale: 1, font: 'regular', align: 'center', spaceBefore: 0, spaceAfter: 0 };
  }
}

function unitsFor(line: SetLine, leading: number): number {
  return Math.max(1, Math.ceil((line.size * 1.2) / leading - 0.05));
}

function toFlowLines(lines: SetLine[], x: number, leading: number): FlowLine[] {
  return lines.map((line) => ({ line, x, units: unitsFor(line, leading) }));
}

/** Set inline content as one block. */
export function setInline(ctx: BlockContext, content: Inline[] | Word[], o: { size: number; font: FontKey; role: RunRole; align: RoleStyle['align']; indent: number; width?: number; letterSpacing?: number; hyphenate?: boolean }): SetLine[] {
  const setOptions: SetOptions = {
    lineWidth: o.width ?? ctx.width,
    indent: o.indent,
    align: o.align,
    ...(o.hyphenate !== false && ctx.hyphenate && { hyphenate: ctx.hyphenate }),
    ...(o.letterSpacing ? { characterSpacing: o.letterSpacing } : {}),
    ...(ctx.story !== undefined && !ctx.asNote && o.role !== 'matter' && o.role !== 'title' && { story: ctx.story }),
  };
  const words = isWords(content) ? pieceWords(content) : inlineWords(content, { size: o.size, font: o.font, role: o.role, ...(ctx.notes && { notes: ctx.notes }) });
  return setParagraph(ctx.fonts, words, setOptions);
}

function isWords(c: Inline[] | Word[]): c is Word[] {
  return c.length > 0 && Array.isArray(c[0]);
}

/** An ornament line (scene break at a page edge). */
export function ornamentLine(ctx: BlockContext): FlowLine {
  const size = ctx.theme.text.size;
  const lines = setParagraph(ctx.fonts, pieceWords([[{ text: ctx.theme.ornament, font: 'regular', size: size * 1.1, role: 'ornament' }]]), { lineWidth: ctx.width, indent: 0, align: 'center' });
  return { line: lines[0]!, x: 0, units: 1 };
}

/** Story/notes blocks → flow items. `x` shifts nested blocks (quotes, lists). */
export function blocksToFlow(ctx: BlockContext, blocks: Block[], x = 0, width = ctx.width): FlowItem[] {
  const t = ctx.theme.text;
  const size = t.size * (ctx.asNote ? 0.9 : 1);
  const role: RunRole = ctx.asNote ? 'note' : 'text';
  const out: FlowItem[] = [];
  let indentNext = false;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const style = block.role ? roleStyle(ctx.theme, block.role) : undefined;
      const lines = style
        ? setInline(ctx, block.content, { size: size * style.scale, font: style.font, role: 'matter', align: style.align, indent: 0, width, ...(style.letterSpacing && { letterSpacing: ctx.theme.headings.letterSpacing * size }) })
        : setInline(ctx, block.content, { size, font: 'regular', role, align: t.align, indent: indentNext ? t.indent * size : 0, width });
      out.push({ kind: 'block', lines: toFlowLines(lines, x, ctx.leading), spaceBefore: style?.spaceBefore ?? 0, spaceAfter: style?.spaceAfter ?? 0, breakable: true });
      if (ctx.afterParagraph) out.push(...ctx.afterParagraph(block.content));
      indentNext = !style;
    } else if (block.type === 'heading') {
      const style = roleStyle(ctx.theme, block.role, block.level);
      const hsize = t.size * style.scale;
      const lines = setInline(ctx, block.content, {
        size: hsize,
        font: style.font,
        role: block.role ? 'title' : 'heading',
        align: style.align,
        indent: 0,
        width,
        hyphenate: false,
        ...(style.letterSpacing && { letterSpacing: ctx.theme.headings.letterSpacing * hsize }),
      });
      const flow = toFlowLines(lines, x, ctx.leading);
      if (flow[0] && block.level >= 2 && !block.role && !ctx.asNote) {
        flow[0].outline = { title: inlineTextOf(block.content), level: block.level, dest: `chapter-${block.id}` };
        flow[0].line.destinations.push({ name: `chapter-${block.id}`, x: 0, y: -hsize * 2 });
      }
      out.push({ kind: 'block', lines: flow, spaceBefore: style.spaceBefore, spaceAfter: style.spaceAfter, keepWithNext: true, breakable: false });
      indentNext = false;
    } else if (block.type === 'sceneBreak') {
      out.push({ kind: 'scene', space: ctx.theme.sceneBreakSpace, ornament: ornamentLine(ctx) });
      indentNext = false;
    } else if (block.type === 'blockQuote') {
      const inset = t.indent * size * 1.5;
      const inner = blocksToFlow({ ...ctx }, block.blocks, x + inset, width - 2 * inset);
      if (inner[0]?.kind === 'block') inner[0].spaceBefore = Math.max(inner[0].spaceBefore, 0.5);
      const last = inner[inner.length - 1];
      if (last?.kind === 'block') last.spaceAfter = Math.max(last.spaceAfter, 0.5);
      out.push(...inner);
      indentNext = false;
    } else if (block.type === 'list') {
      const inset = t.indent * size * 1.5;
      block.items.forEach((item, n) => {
        const inner = blocksToFlow(ctx, item, x + inset, width - inset);
        const first = inner.find((i) => i.kind === 'block');
        if (first && first.kind === 'block' && first.lines[0]) {
          const label = block.ordered ? `${n + 1}.` : '•';
          const w = ctx.fonts.width(label, 'regular', size);
          first.lines[0].line.runs.unshift({ kind: 'text', x: -w - size * 0.5, y: 0, text: label, font: 'regular', size, width: w, role: 'matter', join: 'space' });
          // The marker is not story text: the first real run keeps the paragraph join.
        }
        out.push(...inner);
      });
      const last = out[out.length - 1];
      if (last?.kind === 'block') last.spaceAfter = Math.max(last.spaceAfter, 0.5);
      indentNext = false;
    }
  }
  return out;
}

/** One-line plain text of inline content (line breaks and runs of spaces become one space). */
export function inlineTextOf(content: Inline[]): string {
  return inlineText(content).replace(/\s+/g, ' ').trim();
}
