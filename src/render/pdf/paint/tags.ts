// Writes the layout's structure tree (layout/page/structure.ts) as PDF tags with pdfkit's marked-content API: each
// run of one element is a marked-content sequence with its MCID, page furniture an Artifact, links OBJR children.
import type PDFDocument from 'pdfkit';
import { LAYOUT_ARTIFACT, PAGINATION_ARTIFACT } from '../layout/page/structure.js';
import type { StructureTree } from '../types.js';

type Doc = InstanceType<typeof PDFDocument>;
type Element = PDFKit.PDFStructureElement;

/** No marked-content sequence open. */
const NONE = -3;

export class Tagger {
  /** The pdfkit elements made and not yet ended (null once ended: pdfkit has written them, they take no more content). */
  private readonly elements: Array<Element | null | undefined> = [];
  /** Elements made and not yet ended. */
  private readonly live = new Set<number>();
  /** The element (or artifact) whose marked-content sequence is open. */
  open = NONE;

  constructor(
    private readonly doc: Doc,
    private readonly tree: StructureTree,
  ) {
    const root = doc.struct('Document');
    doc.addStructure(root);
    this.elements[0] = root;
  }

  /** Begin the sequence of element `tag` (or an artifact), ending the one open. The caller has written what came before. */
  mark(tag: number): void {
    if (tag === this.open) return;
    this.close();
    if (tag === PAGINATION_ARTIFACT) this.doc.markContent('Artifact', { type: 'Pagination' });
    else if (tag === LAYOUT_ARTIFACT) this.doc.markContent('Artifact', { type: 'Layout' });
    else this.element(tag).add(this.doc.markStructureContent(this.tree.type[tag]!));
    this.open = tag;
  }

  close(): void {
    if (this.open === NONE) return;
    this.doc.endMarkedContent();
    this.open = NONE;
  }

  /** The pdfkit element of `id`, made (and added to its parent, in reading order) on first use. */
  element(id: number): Element {
    let el = this.elements[id];
    if (el) return el;
    if (el === null) throw new Error(`structure element ${id} (${this.tree.type[id]}) was ended before all its content was painted`);
    const title = this.tree.title[id];
    el = this.doc.struct(this.tree.type[id]!, title ? { title } : {});
    this.element(this.tree.parent[id]!).add(el);
    this.elements[id] = el;
    this.live.add(id);
    return el;
  }

  /**
   * A page is painted: end the elements it finished (all but `last`, the element of the page's last content, and its
   * ancestors, which the next page may continue), so pdfkit writes them out with this page.
   */
  endPage(last: number): void {
    if (last < 0) return;
    const keep = new Set<number>();
    for (let id = last; id > 0; id = this.tree.parent[id]!) keep.add(id);
    for (const id of this.live) {
      if (keep.has(id)) continue;
      this.elements[id]!.end();
      this.elements[id] = null;
      this.live.delete(id);
    }
  }
}
