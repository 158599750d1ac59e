// Adapts the PDF renderer's laid-out page list to a PageSource, so imposition places pages without laying out (or, once painted, repainting) again.
import { reuseEncodedSubset } from '../render/pdf/paint/font-subsets.js';
import { fontName, paintPage, registerFonts } from '../render/pdf/paint/page.js';
import type { LaidOutBook, PaintedPages } from '../render/pdf/types.js';
import { pageBox } from '../render/pdf/page-box.js';
import type { Doc, PageSource } from './types.js';

/**
 * The trim-size pages of `layout`. When the print PDF has been painted (`layout.painted`), each page's content
 * stream is placed as a Form XObject with the print document's font subsets adopted, so glyph ids stay valid;
 * otherwise pages are painted by the PDF renderer's painter (print mode: no links).
 */
export function pageSourceFromLayout(layout: LaidOutBook): PageSource {
  const painted = layout.painted;
  const base = { pageCount: layout.pages.length, width: layout.trim.width, height: layout.trim.height };
  if (!painted || painted.contents.length !== layout.pages.length) {
    return {
      ...base,
      setup: (doc) => registerFonts(doc, layout),
      draw: (doc, pageIndex, transform) => paintPage(doc, layout, pageIndex, transform, { interactive: false }),
    };
  }
  const states = new WeakMap<Doc, PlacedState>();
  return {
    ...base,
    setup: (doc) => {
      registerFonts(doc, layout);
      states.set(doc, { fonts: adoptFonts(doc, painted), forms: new Map() });
    },
    draw: (doc, pageIndex, transform) => {
      const state = states.get(doc);
      if (!state) throw new Error('pageSourceFromLayout: setup(doc) was not called');
      placePage(doc, layout, painted, state, pageIndex, transform);
    },
  };
}

interface PlacedState {
  /** Font resources by the print document's names. */
  fonts: Record<string, unknown>;
  /** Form XObject of each page placed so far. */
  forms: Map<number, { name: string; ref: unknown }>;
}

interface PdfkitRef {
  write(chunk: Uint8Array): void;
  end(): void;
}
interface PdfkitFontState {
  id: string;
  subset: { glyphs: number[]; mapping: Record<number, number>; encode(): Uint8Array };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}
interface DocInternals {
  _font: PdfkitFontState;
  ref(data: object): PdfkitRef;
  page: { resources: { data: { XObject?: Record<string, unknown> } } };
  addContent(s: string): unknown;
}

/** Give this document's fonts the print document's subsets (same glyph ids), before anything else is drawn with them. */
function adoptFonts(doc: Doc, painted: PaintedPages): Record<string, unknown> {
  const d = doc as unknown as DocInternals;
  const resources: Record<string, unknown> = {};
  for (const f of painted.fonts) {
    doc.font(fontName(f.key));
    const font = d._font;
    if (font.subset.glyphs.length > 1) throw new Error(`font ${f.key} was used before its subset was adopted`);
    font.subset.glyphs = f.glyphs.slice();
    font.subset.mapping = {};
    f.glyphs.forEach((g, i) => (font.subset.mapping[g] = i));
    font.widths = f.widths.slice();
    font.unicode = f.unicode.slice();
    reuseEncodedSubset(font.subset, f.glyphs);
    resources[f.id] = font.ref();
  }
  return resources;
}

function placePage(doc: Doc, layout: LaidOutBook, painted: PaintedPages, state: PlacedState, pageIndex: number, transform: { x: number; y: number; scale?: number; rotate?: 0 | 180 }): void {
  const content = painted.contents[pageIndex];
  if (!content) throw new RangeError(`page ${pageIndex} is not in the layout (${painted.contents.length} pages)`);
  const d = doc as unknown as DocInternals;
  const box = pageBox(layout, pageIndex);
  const bottom = box.height - box.trimY - layout.trim.height;
  const W = layout.trim.width;
  const H = layout.trim.height;
  let form = state.forms.get(pageIndex);
  if (!form) {
    // Clipped to the trim box of the print page (the bleed is not part of a folded zine page).
    const ref = d.ref({ Type: 'XObject', Subtype: 'Form', BBox: [box.trimX, bottom, box.trimX + W, bottom + H], Resources: { ProcSet: ['PDF', 'Text'], Font: state.fonts }, Filter: 'FlateDecode' });
    ref.write(content);
    ref.end();
    form = { name: `Pg${pageIndex + 1}`, ref };
    state.forms.set(pageIndex, form);
  }
  // Sheet sides name a few forms each, out of thousands: a dictionary without a shape per key set is much cheaper here.
  const resources = d.page.resources.data;
  (resources.XObject ??= Object.create(null) as Record<string, unknown>)[form.name] = form.ref;
  const scale = transform.scale ?? 1;
  doc.save();
  doc.translate(transform.x, transform.y);
  if (transform.rotate === 180) {
    doc.translate(W * scale, H * scale);
    doc.rotate(180, { origin: [0, 0] });
  }
  if (scale !== 1) doc.scale(scale, scale, { origin: [0, 0] });
  // Form space is the print page's PDF space (y up from the media box corner); map it onto the trim box, y down.
  doc.transform(1, 0, 0, -1, -box.trimX, H + bottom);
  d.addContent(`/${form.name} Do`);
  doc.restore();
}
