// The typed document model: the one structure every renderer reads (like pandoc's AST).

/** Inline content of a paragraph or heading. */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'strong'; children: Inline[] }
  /** Small capitals, where the source marked them (`[text]{.smallcaps}` in chapter markdown). */
  | { type: 'smallCaps'; children: Inline[] }
  /** A reference to an author's note placed inline in the running text. */
  | { type: 'noteRef'; noteId: string }
  | { type: 'lineBreak' };

/** A block of a story or of front/back matter. `line` is the 1-based line in the chapter markdown. */
export type Block =
  | { type: 'paragraph'; content: Inline[]; line?: number; role?: BlockRole }
  | { type: 'sceneBreak'; line?: number }
  /** level 1 = a page/section title (story title, "Contents"), level 2 = a chapter inside a story. */
  | { type: 'heading'; level: 1 | 2 | 3; id: string; content: Inline[]; line?: number; role?: BlockRole }
  | { type: 'blockQuote'; blocks: Block[]; line?: number }
  | { type: 'list'; ordered: boolean; items: Block[][]; line?: number };

/**
 * What a template block is for, so renderers can style it without knowing the template's text.
 * Set from a `{.role}` attribute at the end of a template line (e.g. `# {{title}} {.book-title}`).
 */
export type BlockRole = string;

/** An author's note moved out of the running text. */
export interface Note {
  /** Unique within the book, usable as an XML id (e.g. `s01-n1`). */
  id: string;
  /** 1-based number within its story. */
  number: number;
  /** Where the note stood: before the story, after it, or inside the text (then a noteRef points to it). */
  position: 'start' | 'end' | 'inline';
  blocks: Block[];
}

/** A chapter inside a multi-chapter story (from a heading of level 2), or a chapter inside a part (level 3). */
export interface ChapterEntry {
  id: string;
  title: string;
  level: 2 | 3;
}

export interface Story {
  /** The story opener from templates/matter/opener.md (title, byline). */
  opener: Block[];
  /** XML-safe unique id, e.g. `s01-four-words`. */
  id: string;
  slug: string;
  /** 1-based position in the book. */
  index: number;
  title: string;
  authors: string[];
  summary?: string;
  /** What a download states about the story (rating, warnings, fandoms, tags, dates…), for templates. */
  meta?: StoryMeta;
  /** The story's language (BCP 47, from its chapter's front matter; the config's `stories[].language` or the book's). */
  language?: string;
  /** Path of the raw source file as given in the config (for diagnostics). */
  source: string;
  /** Path of the chapter markdown the blocks were parsed from. */
  markdownPath?: string;
  blocks: Block[];
  chapters: ChapterEntry[];
  notes: Note[];
  /** Disclaimer texts removed from the story (shown once on the notices page). */
  disclaimers: string[];
  wordCount: number;
}

/** A page of front or back matter made from a template in `templates/`. */
export interface MatterSection {
  kind: 'halftitle' | 'titlepage' | 'copyright' | 'toc' | 'notes' | 'colophon' | 'dedication' | 'other';
  id: string;
  /** The title shown in contents/landmarks (e.g. "Contents"); may be empty for untitled pages. */
  title: string;
  blocks: Block[];
}

export interface BookMeta {
  title: string;
  subtitle?: string;
  editor?: string;
  /** Every distinct story author, in order of first appearance. */
  authors: string[];
  /** BCP 47 language tag. */
  language: string;
  description: string;
  /** `urn:uuid:…` derived from the book's content, stable across builds. */
  identifier: string;
  /**
   * Publication/modification time: SOURCE_DATE_EPOCH, else config date, else the newest date the stories state
   * (statedDate), else UNDATED (then `undated` is set and no date is shown in the book).
   */
  modified: Date;
  undated?: true;
  rights?: string;
  publisher?: string;
  slug: string;
}

export interface Book {
  meta: BookMeta;
  front: MatterSection[];
  stories: Story[];
  back: MatterSection[];
  /** How author's notes are placed: after each story (endnotes) or kept inline, or dropped. */
  notesPolicy: NotesPolicy;
}

export type NotesPolicy = 'endnotes' | 'keep' | 'drop';

/** Plain text of inline content (for titles, running heads, audits). */
export function inlineText(content: Inline[]): string {
  let out = '';
  for (const node of content) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'emphasis' || node.type === 'strong' || node.type === 'smallCaps') out += inlineText(node.children);
    else if (node.type === 'lineBreak') out += '\n';
  }
  return out;
}

/** Plain text of a block list, paragraphs separated by blank lines. */
export function blocksText(blocks: Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph' || block.type === 'heading') parts.push(inlineText(block.content));
    else if (block.type === 'blockQuote') parts.push(blocksText(block.blocks));
    else if (block.type === 'list') parts.push(block.items.map(blocksText).join('\n'));
  }
  return parts.join('\n\n');
}

/** Metadata a download states about its story (what it says, not what quire counted). */
export interface StoryMeta {
  url?: string;
  rating?: string;
  warnings?: string[];
  categories?: string[];
  fandoms?: string[];
  relationships?: string[];
  characters?: string[];
  /** Additional (freeform) tags. */
  tags?: string[];
  language?: string;
  series?: string[];
  collections?: string[];
  published?: string;
  updated?: string;
  completed?: string;
  status?: string;
  /** The word count the download states. */
  words?: number;
  /** The chapter count it states, e.g. `3/3` or `2/?`. */
  chapterCount?: string;
  site?: string;
}
