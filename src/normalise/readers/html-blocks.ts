// The story text inside an HTML element → source blocks: paragraphs with their emphasis and line breaks, headings,
// scene breaks (<hr>, or a paragraph that is only a separator), block quotes, lists, images. Attributes are read
// only to see emphasis (style, class); nothing of the markup is kept.
import { isSceneBreakLine } from '../scene-break.js';
import { isElement, type HtmlElement, type HtmlNode } from './html-tree.js';
import type { Mark, Run, SourceBlock } from './types.js';

/** Elements that end the paragraph before them and start a new one after. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'center', 'address', 'figure', 'figcaption',
  'dl', 'dt', 'dd', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'details', 'summary', 'body', 'html',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'ul', 'ol', 'hr', 'fieldset', 'legend', 'hgroup',
]);
const EMPHASIS = new Set(['em', 'i', 'cite', 'dfn', 'var']);
const STRONG = new Set(['strong', 'b']);
/** Never story text even inside the content (a document head that slipped in, an image map). */
const SKIP = new Set(['head', 'title', 'meta', 'map', 'area', 'wbr']);

export interface BlockOptions {
  /** Class name → marks its CSS gives (an EPUB's stylesheet: `.calibre5 { font-style: italic }`). */
  classMarks?: Map<string, Mark[]>;
  /** An <img>: what to put in its place (a carried image or a placeholder); called once per image. */
  image?: (src: string, alt: string, line: number) => SourceBlock | undefined;
  /** Heading level for <h1>/<h2> inside the text (default 3: a heading inside a chapter). */
  headingLevel?: (tag: string) => 2 | 3;
  /** Elements to leave out (e.g. a download's own chapter title, notes blocks read separately). */
  skip?: (el: HtmlElement) => boolean;
}

/** Marks an element's inline style or classes ask for. */
function styleMarks(el: HtmlElement, options: BlockOptions): Mark[] {
  const marks: Mark[] = [];
  const style = (el.attrs.style ?? '').toLowerCase();
  if (style) {
    if (/font-style\s*:\s*(?:italic|oblique)/.test(style)) marks.push('em');
    if (/font-weight\s*:\s*(?:bold|bolder|[6-9]00)/.test(style)) marks.push('strong');
    if (/font-variant(?:-caps)?\s*:\s*(?:small-caps|all-small-caps)/.test(style)) marks.push('smallCaps');
  }
  for (const c of (el.attrs.class ?? '').split(/\s+/)) {
    if (!c) continue;
    if (/^(?:small-?caps|sc)$/i.test(c) && !marks.includes('smallCaps')) marks.push('smallCaps');
    for (const m of options.classMarks?.get(c) ?? []) if (!marks.includes(m)) marks.push(m);
  }
  return marks;
}

/** Collects blocks from a walk over the tree; `marks` are the inline marks open at the walk's position. */
class Builder {
  private readonly out: SourceBlock[][] = [[]];
  private runs: Run[] = [];
  private line = 0;
  private readonly marks: Mark[] = [];
  private pre = 0;

  constructor(private readonly options: BlockOptions) {}

  blocks(): SourceBlock[] {
    this.flush();
    return this.out[0]!;
  }

  private get target(): SourceBlock[] {
    return this.out[this.out.length - 1]!;
  }

  private add(run: Run, line: number): void {
    if (this.runs.length === 0) {
      this.line = line;
      for (const m of this.marks) this.runs.push({ kind: 'open', mark: m });
    }
    this.runs.push(run);
  }

  /** End the paragraph being built (split where two or more line breaks stand together). */
  flush(): void {
    const runs = this.runs;
    this.runs = [];
    if (runs.length === 0) return;
    for (let i = this.marks.length - 1; i >= 0; i--) runs.push({ kind: 'close', mark: this.marks[i]! });
    for (const para of splitAtDoubleBreaks(runs)) {
      const text = plainOf(para).trim();
      if (!text) continue;
      if (isSceneBreakLine(text)) this.target.push({ kind: 'sceneBreak', line: this.line });
      else this.target.push({ kind: 'paragraph', runs: para, line: this.line });
    }
  }

  walk(node: HtmlNode, line: number): void {
    if (node.type === 'text') {
      if (this.pre > 0) {
        node.text.split('\n').forEach((part, i) => {
          if (i > 0) this.add({ kind: 'break' }, line);
          if (part) this.add({ kind: 'text', text: part }, line);
        });
      } else if (node.text) {
        const text = node.text.replace(/[ \t\n\r\f]+/g, ' ');
        // White space alone before anything else in a paragraph is not text.
        if (text !== ' ' || this.runs.length > 0) this.add({ kind: 'text', text }, line);
      }
      return;
    }
    const el = node;
    if (SKIP.has(el.name) || this.options.skip?.(el)) return;
    if (el.name === 'br') return this.add({ kind: 'break' }, el.line);
    if (el.name === 'hr') {
      this.flush();
      this.target.push({ kind: 'sceneBreak', line: el.line });
      return;
    }
    if (el.name === 'img') {
      const block = this.options.image?.(el.attrs.src ?? '', (el.attrs.alt ?? el.attrs.title ?? '').replace(/\s+/g, ' ').trim(), el.line);
      if (block) {
        this.flush();
        this.target.push(block);
      }
      return;
    }
    if (/^h[1-6]$/.test(el.name)) {
      this.flush();
      const inner = new Builder(this.options);
      for (const child of el.children) inner.walk(child, el.line);
      const runs = inner.allRuns().map((r): Run => (r.kind === 'break' ? { kind: 'text', text: ' ' } : r));
      if (plainOf(runs).trim()) this.target.push({ kind: 'heading', level: this.options.headingLevel?.(el.name) ?? 3, runs, line: el.line });
      return;
    }
    if (el.name === 'blockquote' || el.name === 'ul' || el.name === 'ol') {
      this.flush();
      if (el.name === 'blockquote') {
        const blocks = this.nested(el.children, el.line);
        if (blocks.length > 0) this.target.push({ kind: 'quote', blocks, line: el.line });
      } else {
        const items = el.children.filter((c) => isElement(c) && c.name === 'li').map((li) => this.nested((li as HtmlElement).children, (li as HtmlElement).line)).filter((b) => b.length > 0);
        // Text outside <li> (malformed lists) is not lost.
        const stray = this.nested(el.children.filter((c) => !(isElement(c) && c.name === 'li')), el.line);
        if (items.length > 0) this.target.push({ kind: 'list', ordered: el.name === 'ol', items, line: el.line });
        this.target.push(...stray);
      }
      return;
    }
    const block = BLOCK.has(el.name);
    if (block) this.flush();
    if (el.name === 'pre') this.pre++;
    const marks = new Set<Mark>([...(EMPHASIS.has(el.name) ? (['em'] as Mark[]) : []), ...(STRONG.has(el.name) ? (['strong'] as Mark[]) : []), ...styleMarks(el, this.options)]);
    const opened = [...marks].filter((m) => !this.marks.includes(m));
    for (const m of opened) {
      this.marks.push(m);
      if (this.runs.length > 0) this.runs.push({ kind: 'open', mark: m });
    }
    if (el.name === 'q') this.add({ kind: 'text', text: '"' }, el.line);
    for (const child of el.children) this.walk(child, el.line);
    if (el.name === 'q') this.add({ kind: 'text', text: '"' }, el.line);
    for (const m of opened.reverse()) {
      this.marks.splice(this.marks.lastIndexOf(m), 1);
      if (this.runs.length > 0) this.runs.push({ kind: 'close', mark: m });
    }
    if (el.name === 'pre') this.pre--;
    if (block) this.flush();
  }

  /** Blocks of a quote or list item, with the marks open here carried in. */
  private nested(children: HtmlNode[], line: number): SourceBlock[] {
    this.out.push([]);
    for (const child of children) this.walk(child, line);
    this.flush();
    return this.out.pop()!;
  }

  /** Every run collected (a heading's content): paragraphs it may have been split into, joined by spaces. */
  allRuns(): Run[] {
    const blocks = this.blocks();
    const runs: Run[] = [];
    for (const b of blocks) {
      if (b.kind !== 'paragraph' && b.kind !== 'heading') continue;
      if (runs.length > 0) runs.push({ kind: 'text', text: ' ' });
      runs.push(...b.runs);
    }
    return runs;
  }
}

/** Split a paragraph's runs where two or more line breaks follow each other (only white space between). */
function splitAtDoubleBreaks(runs: Run[]): Run[][] {
  const out: Run[][] = [];
  let current: Run[] = [];
  let i = 0;
  while (i < runs.length) {
    const run = runs[i]!;
    if (run.kind === 'break') {
      let j = i;
      let breaks = 0;
      while (j < runs.length && (runs[j]!.kind === 'break' || (runs[j]!.kind === 'text' && !(runs[j] as { text: string }).text.trim()))) {
        if (runs[j]!.kind === 'break') breaks++;
        j++;
      }
      if (breaks >= 2) {
        // Marks open at the split are closed before it and opened again after it.
        const open = openMarks(current);
        for (let k = open.length - 1; k >= 0; k--) current.push({ kind: 'close', mark: open[k]! });
        out.push(current);
        current = open.map((mark): Run => ({ kind: 'open', mark }));
        i = j;
        continue;
      }
    }
    current.push(run);
    i++;
  }
  out.push(current);
  return out.map(trimBreaks);
}

function openMarks(runs: Run[]): Mark[] {
  const open: Mark[] = [];
  for (const r of runs) {
    if (r.kind === 'open') open.push(r.mark);
    else if (r.kind === 'close') open.splice(open.lastIndexOf(r.mark), 1);
  }
  return open;
}

/** No line break or white space before the first text of a paragraph or after its last (marks are kept). */
function trimBreaks(runs: Run[]): Run[] {
  const hasText = (r: Run): boolean => r.kind === 'text' && r.text.trim() !== '';
  const first = runs.findIndex(hasText);
  const last = runs.findLastIndex(hasText);
  return runs.filter((r, i) => (i >= first && i <= last && first >= 0) || r.kind === 'open' || r.kind === 'close');
}

/** The plain text of runs (line breaks as newlines). */
export function plainOf(runs: Run[]): string {
  let out = '';
  for (const r of runs) {
    if (r.kind === 'text') out += r.text;
    else if (r.kind === 'break') out += '\n';
  }
  return out;
}

/** The story blocks inside an element (its own tag counts too: a <p> gives one paragraph). */
export function htmlToBlocks(el: HtmlElement | HtmlNode[], options: BlockOptions = {}): SourceBlock[] {
  const builder = new Builder(options);
  if (Array.isArray(el)) for (const node of el) builder.walk(node, isElement(node) ? node.line : 1);
  else builder.walk(el, el.line);
  return builder.blocks();
}

/** Words-level plain text of blocks (paragraphs and headings; quotes and lists inside), for summaries and counts. */
export function blocksPlain(blocks: SourceBlock[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading') parts.push(plainOf(b.runs).trim());
    else if (b.kind === 'quote') parts.push(blocksPlain(b.blocks));
    else if (b.kind === 'list') parts.push(b.items.map(blocksPlain).join('\n'));
    else if (b.kind === 'image' && b.alt) parts.push(b.alt);
  }
  return parts.filter(Boolean).join('\n\n');
}
