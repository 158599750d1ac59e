// Steps `scene-break`, `heading`, `contents`: mark separator paragraphs and chapter headings; drop a table of contents.
import { isHeadingText } from './heading.js';
import { isSceneBreakLine } from './scene-break.js';
import type { NormaliseStep } from './state.js';

export const sceneBreaks: NormaliseStep = {
  name: 'scene-break',
  run(state) {
    for (const [i, b] of state.blocks.entries()) {
      if (b.kind !== 'paragraph' || b.literal || !isSceneBreakLine(b.text)) continue;
      state.blocks[i] = { kind: 'sceneBreak', text: b.text, line: b.line };
    }
  },
};

export const headings: NormaliseStep = {
  name: 'heading',
  run(state) {
    for (const [i, b] of state.blocks.entries()) {
      if (b.kind !== 'paragraph' || b.literal || !isHeadingText(b.text)) continue;
      state.blocks[i] = { kind: 'heading', text: b.text, line: b.line };
      state.messages.info('heading', `chapter heading "${b.text}"`, state.options.file, b.line);
    }
  },
};

/**
 * A table of contents: a `Contents` paragraph and/or a run of three or more headings with no text between
 * them, before the first story paragraph. Removed as boilerplate (the book makes its own contents).
 */
export const contents: NormaliseStep = {
  name: 'contents',
  run(state) {
    const blocks = state.blocks;
    const firstText = blocks.findIndex((b) => b.kind === 'paragraph' && !/^(?:table of )?contents\.?$/i.test(b.text.trim()) && b.text.split(' ').length > 12);
    const limit = firstText < 0 ? blocks.length : firstText;
    const drop = new Set<number>();
    const isContentsTitle = (k: number): boolean => blocks[k]!.kind === 'paragraph' && /^(?:table of )?contents\.?$/i.test(blocks[k]!.text.trim());
    for (let k = 0; k < limit; k++) {
      if (!isContentsTitle(k)) continue;
      drop.add(k);
      // Entries unwrapped into paragraphs up to the first real heading.
      for (let m = k + 1; m < limit && blocks[m]!.kind === 'paragraph'; m++) drop.add(m);
    }
    let i = 0;
    while (i < limit) {
      if (blocks[i]!.kind !== 'heading') {
        i++;
        continue;
      }
      let j = i;
      while (j < limit && blocks[j]!.kind === 'heading') j++;
      // The real headings follow the list: from the last repeat of the list's first entry (else the last heading).
      const first = blocks[i]!.text.trim().toLowerCase();
      let real = j - 1;
      for (let k = j - 1; k > i; k--) if (blocks[k]!.text.trim().toLowerCase() === first) {
        real = k;
        break;
      }
      if (j === limit && firstText < 0) real = j;
      if (real - i >= 3) for (let k = i; k < real; k++) drop.add(k);
      i = j;
    }
    // A contents paragraph of several heading-like entries joined by unwrapping (`Chapter 1. … Chapter 2. …`).
    for (let k = 0; k < limit; k++) {
      const b = blocks[k]!;
      if (b.kind === 'paragraph' && (b.text.match(/\bchapter\s+(?:\d+|[IVXLC]+)\b/gi)?.length ?? 0) >= 3 && k < limit) drop.add(k);
    }
    if (drop.size === 0) return;
    const removed = [...drop].sort((a, b) => a - b).map((k) => blocks[k]!);
    state.removed.push({ kind: 'boilerplate', action: 'removed', line: removed[0]!.line, text: removed.map((b) => b.text).join('\n') });
    state.messages.info('contents', `removed a table of contents (${removed.length} entries)`, state.options.file, removed[0]!.line);
    state.blocks = blocks.filter((_, k) => !drop.has(k));
  },
};
