// The print edition's page breaks in a story's markup: a marker before the word each printed page begins with.
import { isWordSpace, type PageBreak } from '../page-breaks.js';
import { escapeXml, uniqueId } from './xml.js';

/** Where each id's markup landed (blocks.ts's Anchors): a marker's id is added, its file looked up once placed. */
interface Anchors {
  add(id: string): void;
  fileOf(id: string): string | undefined;
}

/** A page-list entry: the page's label and its marker (`file#id`). */
export interface PageTarget {
  label: string;
  href: string;
}

/**
 * Counts a story's words as its markup is written and puts a page-break marker before each word a page begins
 * with: inline (`<span>`) inside a block, or before a block (`<div>`) when the page begins with it.
 */
export class PageMarks {
  private count = 0;
  private inWord = false;
  private at = 0;
  private readonly ids: string[] = [];

  constructor(
    private readonly breaks: PageBreak[],
    private readonly usedIds: Set<string>,
    private readonly anchors: Anchors,
  ) {}

  private marker(tag: 'span' | 'div'): string {
    const page = this.breaks[this.at++]!;
    const id = uniqueId(`page-${page.label}`, this.usedIds);
    this.anchors.add(id);
    this.ids.push(id);
    return `<${tag} id="${id}" epub:type="pagebreak" role="doc-pagebreak" aria-label="${escapeXml(page.label)}"></${tag}>`;
  }

  /** A block (or a line) starts: what follows starts a word. */
  wordBreak(): void {
    this.inWord = false;
  }

  /** Markers for pages that begin before the next word, set between blocks. */
  beforeBlock(): string {
    this.inWord = false;
    let out = '';
    while (this.at < this.breaks.length && this.breaks[this.at]!.word <= this.count) out += this.marker('div');
    return out;
  }

  /** Escaped text, with a marker before each word a page begins with. */
  text(raw: string): string {
    if (this.at >= this.breaks.length) return escapeXml(raw);
    let out = '';
    let from = 0;
    for (let i = 0; i < raw.length; i++) {
      if (isWordSpace(raw.charCodeAt(i))) {
        this.inWord = false;
        continue;
      }
      if (this.inWord) continue;
      this.inWord = true;
      if (this.at < this.breaks.length && this.breaks[this.at]!.word <= this.count) {
        out += escapeXml(raw.slice(from, i));
        from = i;
        while (this.at < this.breaks.length && this.breaks[this.at]!.word <= this.count) out += this.marker('span');
      }
      this.count++;
    }
    return out + escapeXml(raw.slice(from));
  }

  /** The page-list entries of the markers written, once their files are known. */
  targets(): PageTarget[] {
    return this.ids.map((id, i) => ({ label: this.breaks[i]!.label, href: `${this.anchors.fileOf(id)}#${id}` }));
  }
}
