// Step `scene-break-edges`: a break at the very start or end of a story, next to a heading, or repeating another is dropped; the rest are counted.
import type { NormaliseStep } from './state.js';

export const sceneBreakEdges: NormaliseStep = {
  name: 'scene-break-edges',
  run(state) {
    const blocks = state.blocks;
    const file = state.options.file;
    const firstText = blocks.findIndex((x) => x.kind === 'paragraph');
    const lastText = blocks.findLastIndex((x) => x.kind === 'paragraph');
    const keep = blocks.filter((b, i) => {
      if (b.kind !== 'sceneBreak') return true;
      const prev = i > 0 ? blocks[i - 1] : undefined;
      const next = blocks[i + 1];
      const atStart = firstText < 0 || i < firstText;
      const atEnd = i > lastText;
      const reason = atStart ? 'at the start of the story' : atEnd ? 'at the end of the story' : prev?.kind === 'sceneBreak' ? 'repeats the break before it' : prev?.kind === 'heading' || next?.kind === 'heading' ? 'next to a chapter heading' : undefined;
      if (!reason) {
        state.removed.push({ kind: 'sceneBreak', action: 'converted', line: b.line, text: b.text });
        state.messages.info('scene-break', `"${b.text.length > 20 ? `${b.text.slice(0, 20)}…` : b.text}" is a scene break`, file, b.line);
        return true;
      }
      state.removed.push({ kind: 'sceneBreak', action: 'removed', line: b.line, text: b.text });
      state.messages.info('scene-break', `dropped a scene break ${reason}`, file, b.line);
      return false;
    });
    state.blocks = keep;
  },
};
