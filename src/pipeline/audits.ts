// The lossless audit's results for the report: each story's words in the EPUB and in the PDF compared with its normalised words.
import { auditTexts, countWords, type AuditResult as WordsAudit, type ExpectedWords } from '../audit/index.js';
import { blocksText, type Block } from '../model/types.js';
import type { NormalisedStory } from '../normalise/types.js';
import type { Task } from '../parallel/pool.js';
import type { DrawnPages } from '../render/pdf/story-text.js';
import type { AuditResult, StoryReport } from './report.js';
import type { LoadedStory } from './stories.js';

/** What a story's outputs are audited against: its normalised words and their tally. */
export function expectedWords(normalised: Pick<NormalisedStory, 'wordText' | 'wordCount' | 'wordDigest'>): ExpectedWords {
  return { text: normalised.wordText, wordCount: normalised.wordCount, wordDigest: normalised.wordDigest };
}

/** Word comparison per story id of `expected` (normalised texts); a story with no laid-out text compares against nothing. */
export function auditPdfTexts(expected: Record<string, ExpectedWords>, texts: Map<string, string>): Record<string, WordsAudit> {
  // PDF lines may end in a hyphen the layout added: rejoin those words.
  return Object.fromEntries(Object.entries(expected).map(([id, t]) => [id, auditTexts(t, texts.get(id) ?? '', { joinLineEndHyphens: true })]));
}

export interface PdfAuditInput {
  /** The print PDF's painted pages and their runs (drawnPages). */
  drawn: DrawnPages;
  /** Each story's normalised words (by story id: their text and tally). */
  expected: Record<string, ExpectedWords>;
}

/** Each story's words as the print PDF draws them compared with its normalised words (beside the zine for a big book). */
export const pdfAudit: Task<PdfAuditInput, Record<string, WordsAudit>> = {
  big: true,
  async run({ drawn, expected }) {
    const { paintedStoryText } = await import('../render/pdf/story-text.js');
    return auditPdfTexts(expected, paintedStoryText(drawn));
  },
};

/** The report's audit entries, per story id, from the EPUB's and the PDF's word comparisons. */
export function storyAudits(loaded: LoadedStory[], words: { epub?: Record<string, WordsAudit>; pdf?: Record<string, WordsAudit> }): Record<string, StoryReport['audit']> {
  const audits: Record<string, StoryReport['audit']> = {};
  for (const l of loaded) {
    for (const format of ['epub', 'pdf'] as const) {
      const result = words[format]?.[l.story.id];
      if (result) (audits[l.story.id] ??= {})[format] = auditResult(l, result);
    }
  }
  return audits;
}

/** The report's audit entry for one story from its word comparison (the source line only on a mismatch). */
function auditResult(l: LoadedStory, result: WordsAudit): AuditResult {
  const words = l.normalised.wordCount;
  if (result.ok) return { ok: true, words };
  const index = result.index ?? 0;
  const line = lineOfWord(l.story.blocks, index);
  return {
    ok: false,
    words,
    mismatch: { index, expected: result.expected ?? [], actual: result.actual ?? [], ...(line !== undefined && { line }) },
  };
}

/** The chapter-markdown line of the block holding the story's n-th word (0-based). */
function lineOfWord(blocks: Block[], n: number): number | undefined {
  let seen = 0;
  let last: number | undefined;
  for (const block of blocks) {
    seen += countWords(blocksText([block]));
    if ('line' in block && block.line !== undefined) last = block.line;
    if (seen > n) return last;
  }
  return last;
}
