// The config's overrides for a download: `keep:` puts a note the download marks back into the story where it stood; `paratext:`, `headings:` and `breaks:` make a story paragraph a note, a heading or a scene break.
import type { Messages } from '../../common/diagnostics.js';
import { conflicting, entryMatches, matchesOf, matchersOf, matchKey, OVERRIDE_MEANING, unmatched, type Matcher } from '../overrides.js';
import type { NormaliseOptions, OverrideMatch } from '../types.js';
import { blocksPlain } from './html-blocks.js';
import type { Run, SourceBlock, SourceNote, SourceStory } from './types.js';

/**
 * Applies the story's overrides to what the reader took, before it is written. Entries match a note (by the start of
 * its text or its line) or a block of a chapter's text. Notes keep reading order: the work's, then each chapter's
 * (those before its text, then those after), by line.
 */
export function applyOverrides(source: SourceStory, options: NormaliseOptions, messages: Messages): OverrideMatch[] | undefined {
  const config = options.overrides;
  const matchers = matchersOf(config);
  if (!config || matchers.length === 0) return undefined;
  const decide = (text: string, line: number): Matcher | undefined => {
    let key: string | undefined;
    let decided: Matcher | undefined;
    for (const m of matchers) {
      if (!entryMatches(m, line, line, () => (key ??= matchKey(text)))) continue;
      if (decided && decided.key !== m.key) throw conflicting(config, decided, m, line, options.file);
      decided ??= m;
      m.lines.push(line);
    }
    if (decided) messages.info('config', `${OVERRIDE_MEANING[decided.key]}, decided by the config: ${decided.by}`, options.file, line);
    return decided;
  };
  const last = source.chapters.length - 1;
  // Notes the config keeps: their text goes into their chapter, before or after its text as the note stood.
  const kept = new Map<number, { before: SourceBlock[]; after: SourceBlock[] }>();
  source.notes = source.notes.filter((note) => {
    if (decide(blocksPlain(note.blocks), note.line)?.key !== 'keep') return true;
    const after = note.kind === 'chapterEndNotes' || note.kind === 'workEndNotes';
    const chapter = note.chapter ?? (after ? last : 0);
    const place = kept.get(chapter) ?? { before: [], after: [] };
    (after ? place.after : place.before).push(...note.blocks);
    kept.set(chapter, place);
    return false;
  });
  const sections = source.chapters.filter((c) => c.title).length > 0;
  source.chapters.forEach((chapter, n) => {
    const blocks: SourceBlock[] = [...(kept.get(n)?.before ?? [])];
    let storyBefore = false;
    for (const b of chapter.blocks) {
      const m = decide(b.kind === 'sceneBreak' ? '' : blocksPlain([b]), b.line);
      if (m?.key === 'paratext') source.notes.push({ kind: storyBefore ? 'chapterEndNotes' : 'chapterNotes', chapter: n, blocks: [b], line: b.line, by: m.by });
      else if (m?.key === 'headings') blocks.push({ kind: 'heading', level: sections ? 3 : 2, runs: runsOf(b), line: b.line });
      else if (m?.key === 'breaks') blocks.push({ kind: 'sceneBreak', line: b.line });
      // Kept: a heading inside the text becomes a paragraph, a scene break goes (it has no text).
      else if (m?.key === 'keep' && b.kind === 'heading') blocks.push({ kind: 'paragraph', runs: b.runs, line: b.line });
      else if (!(m?.key === 'keep' && b.kind === 'sceneBreak')) blocks.push(b);
      if (!m && b.kind === 'paragraph') storyBefore = true;
    }
    chapter.blocks = [...blocks, ...(kept.get(n)?.after ?? [])];
  });
  const order = (x: SourceNote): number => (x.kind === 'workNotes' ? -1 : x.kind === 'workEndNotes' ? last + 1 : x.chapter ?? 0) * 2 + (x.kind === 'chapterEndNotes' || x.kind === 'workEndNotes' ? 1 : 0);
  source.notes.sort((a, b) => order(a) - order(b) || a.line - b.line);
  for (const m of matchers) if (m.lines.length === 0) throw unmatched(config, m, options.file);
  return matchesOf(matchers);
}

/** A block's text as one heading's runs. */
function runsOf(b: SourceBlock): Run[] {
  return b.kind === 'paragraph' || b.kind === 'heading' ? b.runs : [{ kind: 'text', text: blocksPlain([b]) }];
}
