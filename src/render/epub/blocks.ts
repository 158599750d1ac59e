// Model blocks and inlines → escaped XHTML fragments (paragraph classes, scene breaks, note references).
import type { Block, Inline } from '../../model/types.js';
import { inlineText } from '../../model/types.js';
import type { PageMarks } from './page-marks.js';
import { cssClass, escapeXml, textDirection, uniqueId, xmlId } from './xml.js';
import { detectLanguage, foreignRuns } from '../../common/scripts.js';

export interface BlockWriter {
  /** Markup for a note reference (may be empty when notes are dropped). */
  noteRef(noteId: string): string;
  /** Called after each top-level block; returns markup to place after it (e.g. footnotes kept in place). */
  afterBlock?(): string;
  /** Ids already used in this XHTML file (heading ids are made unique against it). */
  ids: Set<string>;
  /** Filled with model heading id → the id written to the file (first occurrence), for nav links. */
  headingIds?: Map<string, string>;
  /** Ids that other files link to (headings, note references): their file is known once the markup is placed. */
  anchors?: Anchors;
  /** The scene-break ornament and what screen readers announce for it. */
  sceneBreak: SceneBreak;
  /** The print edition's page breaks in this text (its words are counted as they are written). */
  pages?: PageMarks;
  /** The language of the text around (the story's): a paragraph in another script says its own `lang`. */
  language?: string;
}

/** `lang`, `xml:lang` and `dir` of a paragraph or heading: its script's language where it differs from the text around, its direction. */
function languageAttrs(text: string, writer: BlockWriter): Array<[string, string | undefined]> {
  const found = writer.language !== undefined ? detectLanguage(text, writer.language) : undefined;
  return [
    ['lang', found?.lang],
    ['xml:lang', found?.lang],
    ['dir', textDirection(text) ?? found?.dir],
  ];
}

/** Text escaped by `escape` (which may add page markers), each run in another script than `language`'s in a span saying its `lang` (and `dir`). */
function markedText(text: string, language: string, escape: (text: string) => string): string {
  const runs = foreignRuns(text, language);
  if (runs.length === 0) return escape(text);
  let out = '';
  let at = 0;
  for (const r of runs) {
    out += `${escape(text.slice(at, r.start))}<span${attrs([['lang', r.lang], ['xml:lang', r.lang], ['dir', r.dir]])}>${escape(text.slice(r.start, r.end))}</span>`;
    at = r.end;
  }
  return out + escape(text.slice(at));
}

/** The writer for a block's inlines: in the block's own language when it says one. */
function inside(writer: BlockWriter, own: Array<[string, string | undefined]>): BlockWriter {
  const lang = own[0]![1];
  return lang === undefined ? writer : { ...writer, language: lang };
}

export interface SceneBreak {
  ornament: string;
  label: string;
}

/**
 * A scene break: an `<hr/>` (a separator, announced with its label) and the ornament as a glyph in the markup, which
 * shows where CSS generated content is off (the stylesheet hides the rule and centres the ornament; screen readers
 * skip the glyph). `ornament: false` for a break right before a heading: the heading separates, so only the rule
 * the author's break stands for is kept (drawn as nothing).
 */
export function sceneBreakHtml(sceneBreak: SceneBreak, ornament = true): string {
  const glyph = ornament ? `<div class="ornament" aria-hidden="true">${escapeXml(sceneBreak.ornament)}</div>` : '';
  return `<div class="scene-break"><hr aria-label="${escapeXml(sceneBreak.label)}"/>${glyph}</div>`;
}

/**
 * Where the link targets of a story's markup landed. Markup is written before it is placed in a file (a block is
 * rendered, then measured, then placed): its ids wait in `pending` until `place` names their file.
 */
export class Anchors {
  private readonly pending: string[] = [];
  private readonly files = new Map<string, string>();

  add(id: string): void {
    this.pending.push(id);
  }

  /** The markup written since the last call went into `file`. */
  place(file: string): void {
    for (const id of this.pending) this.files.set(id, file);
    this.pending.length = 0;
  }

  fileOf(id: string): string | undefined {
    return this.files.get(id);
  }
}

export function renderInlines(content: Inline[], writer: BlockWriter): string {
  let out = '';
  for (const node of content) {
    switch (node.type) {
      case 'text': {
        // The page markers count the words in order, a foreign run's too (its span may hold a marker).
        const escape = writer.pages ? (text: string) => writer.pages!.text(text) : escapeXml;
        out += writer.language === undefined ? escape(node.text) : markedText(node.text, writer.language, escape);
        break;
      }
      case 'emphasis':
        out += `<em>${renderInlines(node.children, writer)}</em>`;
        break;
      case 'strong':
        out += `<strong>${renderInlines(node.children, writer)}</strong>`;
        break;
      case 'smallCaps':
        out += `<span class="smallcaps">${renderInlines(node.children, writer)}</span>`;
        break;
      case 'lineBreak':
        writer.pages?.wordBreak();
        out += '<br/>';
        break;
      case 'noteRef':
        out += writer.noteRef(node.noteId);
        break;
    }
  }
  return out;
}

function attrs(list: Array<[string, string | undefined]>): string {
  return list
    .filter((a): a is [string, string] => a[1] !== undefined && a[1] !== '')
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
}

/**
 * Render blocks. A paragraph that opens a text, or follows a heading or scene break, gets class `first`
 * (no indent); a template role becomes a class; right-to-left paragraphs get `dir="rtl"`, and one in a script
 * the writer's language is not written in its own `lang`.
 */
export function renderBlocks(blocks: Block[], writer: BlockWriter, topLevel = true): string {
  const out: string[] = [];
  let previous: Block | undefined;
  for (const block of blocks) {
    out.push(renderBlock(block, previous, writer));
    if (topLevel && writer.afterBlock) {
      const after = writer.afterBlock();
      if (after) out.push(after);
    }
    previous = block;
  }
  return out.join('\n');
}

export function renderBlock(block: Block, previous: Block | undefined, writer: BlockWriter): string {
  writer.pages?.wordBreak();
  switch (block.type) {
    case 'paragraph': {
      const first = previous === undefined || previous.type === 'heading' || previous.type === 'sceneBreak';
      const classes = [cssClass(block.role), first ? 'first' : undefined].filter(Boolean).join(' ');
      const own = languageAttrs(inlineText(block.content), writer);
      return `<p${attrs([['class', classes], ...own])}>${renderInlines(block.content, inside(writer, own))}</p>`;
    }
    case 'heading': {
      const tag = `h${block.level}`;
      const id = uniqueId(block.id, writer.ids);
      if (writer.headingIds && !writer.headingIds.has(block.id)) writer.headingIds.set(block.id, id);
      writer.anchors?.add(id);
      const own = languageAttrs(inlineText(block.content), writer);
      return `<${tag}${attrs([['id', id], ['class', cssClass(block.role)], ...own])}>${renderInlines(block.content, inside(writer, own))}</${tag}>`;
    }
    case 'sceneBreak':
      return sceneBreakHtml(writer.sceneBreak);
    case 'blockQuote':
      return `<blockquote>\n${renderBlocks(block.blocks, writer, false)}\n</blockquote>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items.map((item) => `<li>${renderBlocks(item, writer, false)}</li>`).join('\n');
      return `<${tag}>\n${items}\n</${tag}>`;
    }
  }
}
