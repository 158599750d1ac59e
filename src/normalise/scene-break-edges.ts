// Step `scene-break-edges`: a break at the very start or end, repeating another, or left between paratext and a heading is dropped; the rest are counted.
import { record, type NormaliseStep } from './state.js';

const PARATEXT = new Set(['disclaimer', 'authorNote', 'metadata', 'titleLine']);

/**
 * A break between a chapter heading and the story is kept (it is in the text), unless paratext taken out stood
 * between them: then it only separated that paratext from the story (`Chapter 2` / `A/N: …` / `***` / text).
 */
export const sceneBreakEdges: NormaliseStep = {
  name: 'scene-break-edges',
  run(state) {
    const blocks = state.blocks;
    const firstText = blocks.findIndex((x) => x.kind === 'paragraph');
    const lastText = blocks.findLastIndex((x) => x.kind === 'paragraph');
    const paratextLines = state.removed.filter((r) => PARATEXT.has(r.kind)).map((r) => r.line);
    const paratextBetween = (a: number, b: number): boolean => paratextLines.some((l) => l > Math.min(a, b) && l < Math.max(a, b));
    const keep = blocks.filter((b, i) => {
      if (b.kind !== 'sceneBreak') return true;
      const prev = i > 0 ? blocks[i - 1] : undefined;
      const next = blocks[i + 1];
      const atStart = firstText < 0 || i < firstText;
      const atEnd = i > lastText;
      const heading = prev?.kind === 'heading' ? prev : next?.kind === 'heading' ? next : undefined;
      const reason = atStart
        ? 'at the start of the story'
        : atEnd
          ? 'at the end of the story'
          : b.force
            ? undefined
            : prev?.kind === 'sceneBreak'
              ? 'repeats the break before it'
              : heading && paratextBetween(heading.line, b.line)
                ? 'between paratext taken out and a chapter heading'
                : undefined;
      const excerpt = b.text.length > 20 ? `${b.text.slice(0, 20)}…` : b.text;
      if (!reason) {
        const evidence = b.force ? `decided by the config: ${b.force.by}` : 'a line of separator symbols between story paragraphs';
        record(state, { kind: 'sceneBreak', action: 'converted', line: b.line, text: b.text, rule: b.force ? 'config' : 'scene-break', evidence }, `"${excerpt}" is a scene break`);
        return true;
      }
      record(state, { kind: 'sceneBreak', action: 'removed', line: b.line, text: b.text, rule: 'scene-break', evidence: reason }, 'dropped a scene break');
      return false;
    });
    state.blocks = keep;
  },
};
