// A structured reader's story → the same chapter markdown (front matter + body + note definitions) the text
// normaliser writes: chapters as `##` headings, notes as footnotes placed by the notes policy and attributed to
// their chapter, the metadata the download states in front matter.
import { stringify } from 'yaml';
import { countWords, wordTally } from '../../audit/index.js';
import { Messages } from '../../common/diagnostics.js';
import { escapeInline } from '../../model/escape.js';
import type { ChapterFrontMatter, NormalisedStory, NormaliseOptions, ReaderReport, RemovedItem } from '../types.js';
import { blocksPlain } from './html-blocks.js';
import { applyOverrides } from './overrides.js';
import { runsToMarkdown } from './inline-markdown.js';
import { typeset } from '../typography.js';
import type { SourceBlock, SourceNote, SourceStory } from './types.js';

interface Written {
  /** Markdown lines of the block (no trailing blank line). */
  lines: string[];
  /** Its text as the audit reads it ('' for a scene break). */
  text: string;
}

class BlockWriter {
  marksLost = 0;
  /** The images met, for the report. */
  readonly images: ReaderReport['images'] = [];
  constructor(private readonly language: string) {}

  block(b: SourceBlock): Written {
    switch (b.kind) {
      case 'paragraph': {
        const r = runsToMarkdown(b.runs, this.language);
        if (r.marksLost) this.marksLost++;
        return { lines: r.markdown.split('\n'), text: r.plain };
      }
      case 'heading': {
        const r = runsToMarkdown(b.runs, this.language, { breaks: false });
        return { lines: [`${b.level === 2 ? '##' : '###'} ${r.markdown}`], text: r.plain };
      }
      case 'sceneBreak':
        return { lines: ['* * *'], text: '' };
      case 'quote': {
        const inner = this.blocks(b.blocks);
        return { lines: inner.lines.map((l) => (l ? `> ${l}` : '>')), text: inner.text };
      }
      case 'list': {
        const texts: string[] = [];
        const lines: string[] = [];
        b.items.forEach((item, i) => {
          const marker = b.ordered ? `${i + 1}. ` : '- ';
          const inner = this.blocks(item);
          texts.push(inner.text);
          inner.lines.forEach((l, j) => lines.push(j === 0 ? `${marker}${l}` : l ? `${' '.repeat(marker.length)}${l}` : ''));
        });
        return { lines, text: texts.join('\n') };
      }
      case 'image':
        this.images.push({ src: b.src, alt: b.alt, carried: false });
        // Not carried over: its alt text stands in its place, in brackets, set apart.
        return { lines: [`*\\[${escapeInline(b.alt ? `Image: ${b.alt}` : 'Image')}\\]*`], text: `[${b.alt ? `Image: ${b.alt}` : 'Image'}]` };
    }
  }

  /** Blocks separated by blank lines. */
  blocks(blocks: SourceBlock[]): Written {
    const lines: string[] = [];
    const texts: string[] = [];
    for (const b of blocks) {
      const w = this.block(b);
      if (lines.length > 0) lines.push('');
      lines.push(...w.lines);
      if (w.text) texts.push(w.text);
    }
    return { lines, text: texts.join('\n\n') };
  }
}

/** The notes of one place: the work's start or end, or a chapter's. */
interface NoteGroup {
  key: string;
  side: 'start' | 'end';
  chapter: number | undefined;
  parts: SourceNote[];
  id: string;
  position: 'start' | 'end' | 'inline';
  line: number;
}

const NOTE_LABEL: Record<SourceNote['kind'], string> = {
  workNotes: 'Notes',
  workEndNotes: 'End notes',
  chapterSummary: 'summary',
  chapterNotes: 'notes',
  chapterEndNotes: 'end notes',
};

/** The label a note opens with: what it is and which chapter it belongs to. */
function noteLabel(note: SourceNote, chapterTitle: string | undefined): string {
  const what = NOTE_LABEL[note.kind];
  if (note.kind === 'workNotes' || note.kind === 'workEndNotes') return what;
  if (!chapterTitle) return what.charAt(0).toUpperCase() + what.slice(1);
  return `${chapterTitle} — ${what}`;
}

/** Write a structured reader's story as a chapter file, with everything the build needs from it. */
export function writeSourceStory(source: SourceStory, options: NormaliseOptions, encoding: string, messages: Messages): NormalisedStory {
  const overrides = applyOverrides(source, options, messages);
  const writer = new BlockWriter(options.language);
  const drop = options.notes === 'drop';
  const chapters = source.chapters.filter((c) => c.blocks.length > 0 || c.title);
  const titled = chapters.length > 1 || (chapters.length === 1 && !!chapters[0]!.title && chapters[0]!.title !== source.title);
  const chapterTitle = (n: number | undefined): string | undefined => {
    const title = n === undefined ? undefined : source.chapters[n]?.title;
    return title && typeset(title, options.language);
  };
  // Notes: one per place (the work's start and end, each chapter's start and end: a chapter's summary and notes
  // make one note), numbered in reading order; chapter notes hang on the chapter's heading or last paragraph.
  const notes: NoteGroup[] = [];
  for (const note of source.notes) {
    const side = note.kind === 'chapterEndNotes' || note.kind === 'workEndNotes' ? 'end' : 'start';
    const key = `${note.kind.startsWith('work') ? 'work' : note.chapter}:${side}`;
    const group = notes.find((g) => g.key === key);
    if (group) group.parts.push(note);
    else notes.push({ key, side, chapter: note.kind.startsWith('work') ? undefined : note.chapter, parts: [note], id: `${options.idPrefix}-n${notes.length + 1}`, position: side, line: note.line });
  }
  const body: string[][] = [];
  const texts: string[] = [];
  const headings: string[] = [];
  const headingLines: number[] = [];
  let sceneBreaks = 0;
  for (const [n, chapter] of source.chapters.entries()) {
    if (!chapters.includes(chapter)) continue;
    const own = notes.filter((x) => x.chapter === n);
    const atStart = own.filter((x) => x.side === 'start');
    const atEnd = own.filter((x) => x.side === 'end');
    const refs = (list: typeof notes): string => (drop ? '' : list.map((x) => `[^${x.id}]`).join(''));
    // Where a chapter's end notes are referenced: its last paragraph, else its heading.
    let anchor = -1;
    // An untitled opening before the first titled chapter has no heading of its own.
    if (titled && (chapter.title || chapter !== chapters[0])) {
      const heading = writer.block({ kind: 'heading', level: 2, runs: [{ kind: 'text', text: chapter.title ?? `Chapter ${n + 1}` }], line: chapter.line });
      for (const x of atStart) x.position = 'inline';
      anchor = body.length;
      body.push([`${heading.lines[0]}${refs(atStart)}`]);
      texts.push(heading.text);
      headings.push(heading.text);
      headingLines.push(chapter.line);
    }
    for (const b of chapter.blocks) {
      const w = writer.block(b);
      if (b.kind === 'paragraph') anchor = body.length;
      body.push(w.lines);
      if (w.text) texts.push(w.text);
      if (b.kind === 'sceneBreak') sceneBreaks++;
    }
    if (titled && anchor >= 0) {
      for (const x of atEnd) x.position = 'inline';
      const lines = body[anchor]!;
      lines[lines.length - 1] += refs(atEnd);
    } else for (const x of atEnd) x.position = 'end';
  }
  const definitions: string[] = [];
  const removed: RemovedItem[] = [...source.removed];
  for (const x of notes) {
    const lines: string[] = [];
    for (const part of x.parts) {
      const label = noteLabel(part, chapterTitle(part.chapter));
      const content = writer.blocks(part.blocks);
      removed.push({ kind: 'authorNote', action: drop ? 'removed' : 'moved', line: part.line, text: `${label}: ${content.text}`, rule: part.by ? 'config' : source.reader, evidence: part.by ? `decided by the config: ${part.by}` : `the download marks it as ${label.toLowerCase()}` });
      if (lines.length > 0) lines.push('');
      lines.push(`*${escapeInline(label)}*`, '', ...content.lines);
    }
    if (!drop) definitions.push(lines.map((l, i) => (i === 0 ? `[^${x.id}]: ${l}` : l ? `    ${l}` : '')).join('\n'));
  }
  const summary = options.summary ?? (source.summary?.length ? blocksPlain(source.summary) : undefined);
  const frontMatter: ChapterFrontMatter = {
    title: options.title?.trim() || (source.title?.trim() && typeset(source.title.trim(), options.language)) || options.fallbackTitle?.trim() || 'Untitled',
    author: options.authors?.length ? options.authors : source.authors.length ? source.authors : (options.fallbackAuthors ?? []),
    ...(summary !== undefined && { summary }),
    source: options.file,
    encoding,
    language: options.language,
    reader: source.reader,
    ...(Object.keys(source.meta).length > 0 && { meta: source.meta }),
    ...(!drop && notes.length > 0 && { notes: notes.map((x) => ({ id: x.id, position: x.position, line: x.line, ...(chapterTitle(x.chapter) && { chapter: chapterTitle(x.chapter)! }) })) }),
    ...(titled && { chapters: headings }),
  };
  if (writer.marksLost > 0) messages.info('emphasis', `${writer.marksLost} paragraph(s) kept their text but not their emphasis (markdown could not say it)`, options.file);
  const yaml = stringify(frontMatter, { lineWidth: 0 });
  const parts = [...body.map((lines) => lines.join('\n')), ...definitions];
  const markdown = `---\n${yaml}---\n\n${parts.join('\n\n')}\n`;
  const wordText = texts.join('\n\n');
  const report: ReaderReport = {
    name: source.reader,
    ...(source.title && { title: source.title }),
    authors: source.authors,
    ...(source.summary?.length && { summary: blocksPlain(source.summary) }),
    meta: source.meta,
    chapters: headings,
    notes: notes.flatMap((x) => x.parts.map((part) => ({ id: x.id, kind: part.kind, ...(chapterTitle(part.chapter) && { chapter: chapterTitle(part.chapter)! }), words: countWords(blocksPlain(part.blocks)) }))),
    images: writer.images,
  };
  return {
    markdown,
    frontMatter,
    encoding,
    removed,
    repairs: [],
    sceneBreaks,
    headings: headings.map((text, i) => ({ text, level: 2 as const, line: headingLines[i]! })),
    ...wordTally(wordText),
    wordText,
    messages: messages.list,
    reader: report,
    ...(overrides && { overrides }),
  };
}
