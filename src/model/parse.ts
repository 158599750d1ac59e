// Builds the document model from markdown-it tokens: chapter markdown (front matter + body) → blocks and notes.
type Token = ReturnType<ReturnType<typeof quireMarkdown>['parse']>[number];
import { QuireError } from '../common/diagnostics.js';
import { parseYaml } from '../config/yaml.js';
import type { ChapterFrontMatter } from '../normalise/types.js';
import { MAX_BLOCK_DEPTH, quireMarkdown } from './markdown.js';
import { inlineText, type Block, type ChapterEntry, type Inline, type Note } from './types.js';

export interface ParsedChapter {
  frontMatter: ChapterFrontMatter;
  blocks: Block[];
  notes: Note[];
  chapters: ChapterEntry[];
  /** Line in the file where the body starts (front matter lines before it). */
  bodyLine: number;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Split `---\nyaml\n---\nbody` into its parts. */
export function splitFrontMatter(markdown: string, file: string): { data: Record<string, unknown>; body: string; bodyLine: number } {
  const match = FRONT_MATTER.exec(markdown);
  if (!match) return { data: {}, body: markdown, bodyLine: 1 };
  const { data } = parseYaml(match[1]!, file, 2);
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) throw new QuireError('front matter must be a YAML mapping', { file, line: 2 });
  const bodyLine = match[0].split('\n').length;
  return { data: (data ?? {}) as Record<string, unknown>, body: markdown.slice(match[0].length), bodyLine };
}

/**
 * Parse one chapter markdown file. `idPrefix` makes heading ids unique in the book.
 * Footnote definitions become notes; their positions come from the front matter's `notes` list.
 */
export function parseChapter(markdown: string, file: string, idPrefix: string): ParsedChapter {
  const { data, body, bodyLine } = splitFrontMatter(markdown, file);
  const frontMatter = toFrontMatter(data, file);
  const { blocks, notes } = markdownToBlocks(body, { idPrefix, lineOffset: bodyLine - 1, file });
  // Notes in source order (the front matter lists them so), numbered 1… within the story.
  const listed = frontMatter.notes ?? [];
  const order = new Map(listed.map((n, i) => [n.id, i] as const));
  const positions = new Map(listed.map((n) => [n.id, n.position] as const));
  notes.sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
  notes.forEach((note, i) => {
    note.position = positions.get(note.id) ?? note.position;
    note.number = i + 1;
  });
  const chapters: ChapterEntry[] = blocks
    .filter((b): b is Extract<Block, { type: 'heading' }> & { level: 2 | 3 } => b.type === 'heading' && b.level >= 2)
    .map((h) => ({ id: h.id, title: inlineText(h.content), level: h.level }));
  return { frontMatter, blocks, notes, chapters, bodyLine };
}

function toFrontMatter(data: Record<string, unknown>, file: string): ChapterFrontMatter {
  const str = (k: string): string | undefined => (typeof data[k] === 'string' ? (data[k] as string) : data[k] == null ? undefined : String(data[k]));
  const author = data.author;
  const authors = Array.isArray(author) ? author.map(String) : typeof author === 'string' ? [author] : [];
  const notes = Array.isArray(data.notes) ? (data.notes as ChapterFrontMatter['notes']) : undefined;
  const disclaimers = Array.isArray(data.disclaimers) ? (data.disclaimers as ChapterFrontMatter['disclaimers']) : undefined;
  const title = str('title');
  if (!title) throw new QuireError('front matter has no title', { file, line: 1 });
  return {
    title,
    author: authors,
    ...(str('summary') !== undefined && { summary: str('summary')! }),
    source: str('source') ?? file,
    encoding: str('encoding') ?? 'utf-8',
    language: str('language') ?? 'en',
    ...(disclaimers && { disclaimers }),
    ...(notes && { notes }),
    ...(Array.isArray(data.chapters) && { chapters: (data.chapters as unknown[]).map(String) }),
    ...(typeof data.reader === 'string' && { reader: data.reader as ChapterFrontMatter['reader'] }),
    ...(data.meta !== null && typeof data.meta === 'object' && !Array.isArray(data.meta) && { meta: data.meta as ChapterFrontMatter['meta'] }),
  };
}

export interface BlocksOptions {
  idPrefix: string;
  /** Added to markdown-it's 0-based line maps to give 1-based file lines. */
  lineOffset?: number;
  /** Templates: a trailing `{.role}` on a paragraph or heading sets its role. */
  roles?: boolean;
  /** The file, for errors. */
  file?: string;
}

/** Emphasis, strong and small caps nested deeper than this are flattened into the level above (their text kept). */
const MAX_INLINE_DEPTH = 32;

/** Parse a markdown body into blocks (and footnote definitions into notes). */
export function markdownToBlocks(body: string, options: BlocksOptions): { blocks: Block[]; notes: Note[] } {
  const md = quireMarkdown();
  const env: { tooDeep?: number } = {};
  const tokens = md.parse(body, env);
  if (env.tooDeep !== undefined) {
    throw new QuireError(`quotes or lists are nested more than ${MAX_BLOCK_DEPTH} levels deep here; flatten them`, { ...(options.file !== undefined && { file: options.file }), line: env.tooDeep + 1 + (options.lineOffset ?? 0) });
  }
  const reader = new TokenReader(tokens, options);
  return reader.read();
}

class TokenReader {
  private pos = 0;
  private readonly notes: Note[] = [];
  private readonly usedIds = new Set<string>();
  constructor(private readonly tokens: Token[], private readonly options: BlocksOptions) {}

  read(): { blocks: Block[]; notes: Note[] } {
    const blocks = this.blocksUntil(null);
    return { blocks, notes: this.notes };
  }

  private line(token: Token): number | undefined {
    return token.map ? token.map[0] + 1 + (this.options.lineOffset ?? 0) : undefined;
  }

  private blocksUntil(closeType: string | null): Block[] {
    const blocks: Block[] = [];
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos]!;
      if (closeType && token.type === closeType) {
        this.pos++;
        return blocks;
      }
      this.pos++;
      switch (token.type) {
        case 'paragraph_open': {
          const inline = this.tokens[this.pos++]!;
          this.pos++; // paragraph_close
          const { content, role } = this.withRole(this.inlines(inline.children ?? []));
          if (content.length > 0) blocks.push({ type: 'paragraph', content, ...(this.line(token) !== undefined && { line: this.line(token)! }), ...(role && { role }) });
          break;
        }
        case 'heading_open': {
          const inline = this.tokens[this.pos++]!;
          this.pos++; // heading_close
          const level = Math.min(3, Number(token.tag.slice(1))) as 1 | 2 | 3;
          const { content, role } = this.withRole(this.inlines(inline.children ?? []));
          blocks.push({ type: 'heading', level, id: this.uniqueId(inlineText(content)), content, ...(this.line(token) !== undefined && { line: this.line(token)! }), ...(role && { role }) });
          break;
        }
        case 'hr':
          blocks.push({ type: 'sceneBreak', ...(this.line(token) !== undefined && { line: this.line(token)! }) });
          break;
        case 'blockquote_open':
          blocks.push({ type: 'blockQuote', blocks: this.blocksUntil('blockquote_close'), ...(this.line(token) !== undefined && { line: this.line(token)! }) });
          break;
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const close = token.type.replace('_open', '_close');
          const items: Block[][] = [];
          while (this.pos < this.tokens.length && this.tokens[this.pos]!.type !== close) {
            if (this.tokens[this.pos]!.type === 'list_item_open') {
              this.pos++;
              items.push(this.blocksUntil('list_item_close'));
            } else this.pos++;
          }
          this.pos++;
          blocks.push({ type: 'list', ordered: token.type.startsWith('ordered'), items, ...(this.line(token) !== undefined && { line: this.line(token)! }) });
          break;
        }
        case 'code_block':
        case 'fence':
          // Not meant as code in prose: keep the text as paragraphs.
          for (const para of token.content.split(/\n{2,}/)) {
            const text = para.replace(/\s*\n\s*/g, ' ').trim();
            if (text) blocks.push({ type: 'paragraph', content: [{ type: 'text', text }], ...(this.line(token) !== undefined && { line: this.line(token)! }) });
          }
          break;
        case 'footnote_block_open':
          this.footnotes();
          break;
        default:
          break;
      }
    }
    return blocks;
  }

  private footnotes(): void {
    while (this.pos < this.tokens.length) {
      const token = this.tokens[this.pos++]!;
      if (token.type === 'footnote_block_close') return;
      if (token.type === 'footnote_open') {
        const label = String(token.meta?.label ?? token.meta?.id);
        const blocks = this.blocksUntil('footnote_close');
        this.notes.push({ id: label, number: this.notes.length + 1, position: 'inline', blocks });
      }
    }
  }

  private inlines(children: Token[]): Inline[] {
    const stack: Inline[][] = [[]];
    const kinds: Array<'emphasis' | 'strong' | 'smallCaps'> = [];
    /** Opened spans too deep to nest, whose closes are skipped too (their text stays in the span above). */
    let flattened = 0;
    const push = (node: Inline): void => {
      const top = stack[stack.length - 1]!;
      const last = top[top.length - 1];
      if (node.type === 'text' && last?.type === 'text') last.text += node.text;
      else top.push(node);
    };
    for (const t of children) {
      switch (t.type) {
        case 'text':
        case 'code_inline':
        case 'html_inline':
          if (t.content) push({ type: 'text', text: t.content });
          break;
        case 'softbreak':
          push({ type: 'text', text: ' ' });
          break;
        case 'hardbreak':
          push({ type: 'lineBreak' });
          break;
        case 'em_open':
        case 'strong_open':
        case 'smallcaps_open':
          if (stack.length > MAX_INLINE_DEPTH) {
            flattened++;
            break;
          }
          stack.push([]);
          kinds.push(t.type === 'em_open' ? 'emphasis' : t.type === 'strong_open' ? 'strong' : 'smallCaps');
          break;
        case 'em_close':
        case 'strong_close':
        case 'smallcaps_close': {
          if (flattened > 0) {
            flattened--;
            break;
          }
          const children2 = stack.pop()!;
          const kind = kinds.pop()!;
          if (children2.length) push({ type: kind, children: children2 });
          break;
        }
        case 'image':
          if (t.content) push({ type: 'text', text: t.content });
          break;
        case 'footnote_ref':
          push({ type: 'noteRef', noteId: String(t.meta?.label ?? t.meta?.id) });
          break;
        default:
          break; // link_open/close and others: their text children are kept
      }
    }
    while (stack.length > 1) {
      const children2 = stack.pop()!;
      const kind = kinds.pop()!;
      push({ type: kind, children: children2 });
    }
    return stack[0]!;
  }

  private withRole(content: Inline[]): { content: Inline[]; role?: string } {
    if (!this.options.roles) return { content };
    const last = content[content.length - 1];
    if (last?.type !== 'text') return { content };
    const m = /\s*\{\.([A-Za-z][\w-]*)\}\s*$/.exec(last.text);
    if (!m) return { content };
    last.text = last.text.slice(0, m.index);
    if (!last.text) content.pop();
    return { content, role: m[1]! };
  }

  private uniqueId(text: string): string {
    const base = `${this.options.idPrefix}-${slugify(text) || 'heading'}`;
    let id = base;
    for (let n = 2; this.usedIds.has(id); n++) id = `${base}-${n}`;
    this.usedIds.add(id);
    return id;
  }
}


/** ASCII slug for file names and ids: "Harbour Lights!" → "harbour-lights". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The book's slug, which names its output files (`four-words.epub`). */
export function bookSlug(title: string): string {
  return slugify(title) || 'anthology';
}
