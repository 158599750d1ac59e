// How big one XHTML file may grow, and the cutting of a paragraph too long for any file.
import type { Block, Inline } from '../../model/types.js';

/**
 * Body markup per file, in UTF-8 bytes. Many reading systems (older Kobo firmware, Adobe RMSDK devices, Kindle
 * conversion) slow down or fail on files over ~300 KB: a file that has grown past `soft` ends at the next scene
 * break, and one that would grow past `hard` ends before the block that would take it there. (The page template
 * adds well under 1 KB.)
 */
export interface FileLimits {
  soft: number;
  hard: number;
}

export const FILE_LIMITS: FileLimits = { soft: 150_000, hard: 250_000 };

/** A paragraph longer than this (in UTF-16 units of text) is cut into pieces of about half of it. */
const LONG_PARAGRAPH = 60_000;

function textLength(content: Inline[]): number {
  let n = 0;
  for (const node of content) {
    if (node.type === 'text') n += node.text.length;
    else if (node.type === 'emphasis' || node.type === 'strong' || node.type === 'smallCaps') n += textLength(node.children);
    else n += 1;
  }
  return n;
}

/**
 * Cut inline content at the first space at or after `at` units of text: the inlines before it and after it, with
 * emphasis that spans the cut closed on the left and opened again on the right. Undefined when there is no space
 * after `at`.
 */
function cutInlines(content: Inline[], at: number): [Inline[], Inline[]] | undefined {
  let offset = 0;
  for (let i = 0; i < content.length; i++) {
    const node = content[i]!;
    if (node.type === 'text') {
      const from = Math.max(0, at - offset);
      const space = from < node.text.length ? node.text.slice(from).search(/\s/) : -1;
      if (space >= 0) {
        const left = node.text.slice(0, from + space).trimEnd();
        const right = node.text.slice(from + space).trimStart();
        return [
          [...content.slice(0, i), ...(left ? [{ type: 'text' as const, text: left }] : [])],
          [...(right ? [{ type: 'text' as const, text: right }] : []), ...content.slice(i + 1)],
        ];
      }
      offset += node.text.length;
    } else if (node.type === 'emphasis' || node.type === 'strong' || node.type === 'smallCaps') {
      const inner = cutInlines(node.children, at - offset);
      if (inner) {
        const [l, r] = inner;
        return [
          [...content.slice(0, i), ...(l.length ? [{ ...node, children: l }] : [])],
          [...(r.length ? [{ ...node, children: r }] : []), ...content.slice(i + 1)],
        ];
      }
      offset += textLength(node.children);
    } else offset += 1;
  }
  return undefined;
}

/** A paragraph too long for one file (a story that is one unbroken paragraph). */
export function isLongParagraph(block: Block): block is Extract<Block, { type: 'paragraph' }> {
  return block.type === 'paragraph' && textLength(block.content) > LONG_PARAGRAPH;
}

/** A long paragraph as several, cut at spaces; the pieces after the first carry the role `continued` (set without an indent). */
export function cutLongParagraph(block: Extract<Block, { type: 'paragraph' }>): Block[] {
  const pieces: Block[] = [];
  let rest = block.content;
  let length = textLength(rest);
  const size = LONG_PARAGRAPH / 2;
  while (length > LONG_PARAGRAPH) {
    const cut = cutInlines(rest, size);
    if (!cut) break;
    pieces.push({ ...block, content: cut[0], ...(pieces.length > 0 && { role: 'continued' }) });
    rest = cut[1];
    length = textLength(rest);
  }
  pieces.push({ ...block, content: rest, ...(pieces.length > 0 && { role: 'continued' }) });
  return pieces;
}
