// HTML/XHTML text → a small element tree, cleaned as it is built: nothing active survives (scripts, styles, frames,
// forms, embedded objects are dropped with their content), nesting is capped (no recursion-depth crash later), and
// only HTML's own named entities are decoded (a document's DTD entities are never expanded).
import { Parser } from 'htmlparser2';

export interface HtmlText {
  type: 'text';
  text: string;
}

export interface HtmlElement {
  type: 'element';
  /** Lower-case tag name. */
  name: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  /** 1-based line of the start tag in the source text. */
  line: number;
}

export type HtmlNode = HtmlElement | HtmlText;

/** Elements dropped with everything inside them: nothing in them is story text, and nothing may run. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input',
  'button', 'select', 'textarea', 'option', 'optgroup', 'datalist', 'svg', 'math', 'canvas', 'video', 'audio', 'source',
  'track', 'dialog', 'param', 'portal',
]);

/** Dropped without a word: page styling and fallbacks, which do nothing in a book. */
const QUIET = new Set(['style', 'noscript', 'template', 'param']);

/** Deeper elements are flattened into their ancestor at this depth (their text is kept). */
export const MAX_DEPTH = 128;

export interface ParsedHtml {
  root: HtmlElement;
  /** What the cleaning dropped, for one warning line: element name → count; `on*` attributes; `javascript:` links. */
  dropped: Map<string, number>;
  /** Elements flattened because they were nested deeper than MAX_DEPTH. */
  flattened: number;
}

/** Parse HTML or XHTML (self-closing tags honoured). Never throws on malformed markup. */
export function parseHtml(source: string): ParsedHtml {
  const root: HtmlElement = { type: 'element', name: '#root', attrs: {}, children: [], line: 1 };
  const stack: HtmlElement[] = [root];
  const dropped = new Map<string, number>();
  const count = (what: string): void => {
    dropped.set(what, (dropped.get(what) ?? 0) + 1);
  };
  /** Open elements not in the tree (dropped, or flattened past MAX_DEPTH), innermost last: `drop` hides their text. */
  const hidden: Array<{ drop: boolean }> = [];
  let dropDepth = 0;
  let flattened = 0;
  const lines = lineStarts(source);
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (dropDepth > 0 || DROPPED.has(name)) {
          if (dropDepth === 0 && !QUIET.has(name)) count(`<${name}>`);
          dropDepth++;
          hidden.push({ drop: true });
          return;
        }
        for (const key of Object.keys(attribs)) if (/^on/i.test(key)) count('event-handler attribute');
        if (/^\s*(?:javascript|vbscript|data):/i.test(attribs.href ?? '')) count('script link');
        if (stack.length > MAX_DEPTH) {
          flattened++;
          hidden.push({ drop: false });
          return;
        }
        const element: HtmlElement = { type: 'element', name, attrs: attribs, children: [], line: lineAt(lines, parser.startIndex) };
        stack[stack.length - 1]!.children.push(element);
        stack.push(element);
      },
      ontext(data) {
        if (dropDepth > 0) return;
        const parent = stack[stack.length - 1]!;
        const last = parent.children[parent.children.length - 1];
        if (last?.type === 'text') last.text += data;
        else parent.children.push({ type: 'text', text: data });
      },
      onclosetag() {
        // While a hidden element is open nothing enters the tree (a dropped subtree is skipped; past the depth cap
        // nothing more is pushed), so the innermost hidden element is the one that closes. htmlparser2 closes
        // elements in order, implied closes included.
        const top = hidden.pop();
        if (top) {
          if (top.drop) dropDepth--;
          return;
        }
        if (stack.length > 1) stack.pop();
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(source);
  return { root, dropped, flattened };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** One line saying what the cleaning dropped, or undefined when nothing was. */
export function cleaningSummary(parsed: ParsedHtml): string | undefined {
  const parts = [...parsed.dropped].map(([what, n]) => `${n} ${what}${n > 1 && !what.startsWith('<') ? 's' : ''}`);
  if (parsed.flattened > 0) parts.push(`${parsed.flattened} elements nested deeper than ${MAX_DEPTH} levels (flattened, text kept)`);
  return parts.length > 0 ? `dropped ${parts.join(', ')}; nothing in the file is run or followed` : undefined;
}

// ---- Queries (the tree is at most MAX_DEPTH deep, so walking it recursively is safe) ----

export function isElement(node: HtmlNode | undefined): node is HtmlElement {
  return node?.type === 'element';
}

/** Class tokens of an element. Calibre renames classes to `name`, `name1`, `name2`…: `hasClass` matches those too. */
export function classes(el: HtmlElement): string[] {
  return (el.attrs.class ?? '').split(/\s+/).filter(Boolean);
}

export function hasClass(el: HtmlElement, name: string): boolean {
  return classes(el).some((c) => c === name || (c.startsWith(name) && /^\d+$/.test(c.slice(name.length))));
}

/** Every element below `el` (not `el` itself) in document order. */
export function descendants(el: HtmlElement): HtmlElement[] {
  const out: HtmlElement[] = [];
  const visit = (node: HtmlElement): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      out.push(child);
      visit(child);
    }
  };
  visit(el);
  return out;
}

export function find(el: HtmlElement, test: (e: HtmlElement) => boolean): HtmlElement | undefined {
  return descendants(el).find(test);
}

export function findAll(el: HtmlElement, test: (e: HtmlElement) => boolean): HtmlElement[] {
  return descendants(el).filter(test);
}

export function childElements(el: HtmlElement): HtmlElement[] {
  return el.children.filter(isElement);
}

/** The text inside an element, white space collapsed. */
export function textOf(node: HtmlNode): string {
  let out = '';
  const visit = (n: HtmlNode): void => {
    if (n.type === 'text') out += n.text;
    else {
      if (n.name === 'br') out += ' ';
      for (const c of n.children) visit(c);
    }
  };
  visit(node);
  return out.replace(/\s+/g, ' ').trim();
}
