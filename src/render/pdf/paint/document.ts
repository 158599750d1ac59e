// The PDF document: every page of a layout painted with pdfkit (paint/page.ts), content streams deflated beside, font subsets and pages captured for imposition.
import PDFDocument from 'pdfkit';
import type { DeflaterFor } from '../deflate.js';
import type { FontKey, LaidOutBook, OutlineEntry, PaintedPages } from '../types.js';
import { rememberEncodedSubset } from './font-subsets.js';
import { collectOutput } from './output.js';
import { pageBox, pdfBoxes } from '../page-box.js';
import { PDFX_PDF_VERSION, pdfxInfo, writePdfx } from './pdfx.js';
import { Tagger } from './tags.js';
import { PageWriter } from './page-writer.js';
import { fontName, paintPage, registerFonts } from './page.js';

/**
 * Paint every page of a layout into one PDF document; with `capture`, keep each page's content stream and the font
 * subsets. Pages are painted first (pdfkit keeps them buffered) while their content streams are deflated (by `deflater`:
 * beside this thread for a long book); then they are written in order (PageWriter).
 */
export async function paintDocument(layout: LaidOutBook, options: { interactive: boolean; pdfx?: boolean; capture?: PaintedPages; deflater?: DeflaterFor; painted?: (capture: PaintedPages) => void }): Promise<Uint8Array> {
  const first = pageBox(layout, 0);
  const width = first.width;
  const height = first.height;
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: [width, height],
    margin: 0,
    compress: true,
    pdfVersion: options.pdfx ? PDFX_PDF_VERSION : '1.7',
    lang: layout.meta.language,
    displayTitle: true,
    // The reading PDF is tagged (PDF/UA); the print PDF is PDF/X.
    ...(layout.structure && options.interactive && { tagged: true, subset: PDF_UA }),
    info: {
      Title: xmpSafe(layout.meta.title),
      Author: xmpSafe(layout.meta.author),
      Subject: xmpSafe(layout.meta.subject),
      Creator: 'quire',
      Producer: 'quire (pdfkit)',
      CreationDate: layout.meta.modified,
      ModDate: layout.meta.modified,
      ...(options.pdfx && pdfxInfo()),
    },
  });
  const done = collectOutput(doc);
  registerFonts(doc, layout);
  const writer = new PageWriter(doc, layout.pages.length, DEFLATE_LEVEL, options.deflater);
  const tagger = layout.structure && options.interactive ? new Tagger(doc, layout.structure) : undefined;
  for (let i = 0; i < layout.pages.length; i++) {
    doc.addPage({ size: [width, height], margin: 0 });
    const dict = doc.page.dictionary.data as Record<string, unknown>;
    const boxes = pdfBoxes(layout, i);
    dict.TrimBox = boxes.trim;
    if (layout.bleed) dict.BleedBox = boxes.bleed;
    const box = pageBox(layout, i);
    writer.paint(() => {
      const fallback = paintPage(doc, layout, i, { x: box.trimX, y: box.trimY }, { interactive: options.interactive, ...(tagger && { tagger }) });
      options.capture?.fallback.push(fallback);
    });
  }
  // Each page's content stream is deflated once, so imposition can place the very same compressed stream. The
  // capture is complete once the streams are (the fonts' maps hold every glyph painted): `painted` sees it then,
  // before the document is written.
  if (options.capture) {
    const capture = options.capture;
    for (const stream of await writer.deflated()) if (stream) capture.contents.push(stream);
    capture.width = width;
    capture.height = height;
    const families = (doc as unknown as { _fontFamilies: Record<string, CapturedFont | undefined> })._fontFamilies;
    const seen = new Set<string>();
    for (const key of Object.keys(layout.fonts) as FontKey[]) {
      const font = families[fontName(key)];
      if (!font || seen.has(font.id)) continue;
      seen.add(font.id);
      // Shared arrays: the document embeds its subset at the end; imposition copies them after that (and its file bytes).
      capture.fonts.push({ id: font.id, key, glyphs: font.subset.glyphs, widths: font.widths, unicode: font.unicode });
      rememberEncodedSubset(font.subset);
    }
    options.painted?.(capture);
  }
  await writer.finish();
  if (options.interactive) addOutline(doc, layout.outline);
  if (options.pdfx) writePdfx(doc, layout.meta.modified);
  doc.end();
  return done;
}

/**
 * An Info text that pdfkit also copies into the XMP metadata, where it writes it as it is: escaped there (`toString`,
 * which the XMP template uses) and unchanged in the Info dictionary (`valueOf`, which pdfkit's string writer reads).
 */
class XmpSafeText extends String {
  override toString(): string {
    return this.valueOf().replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
  }
}

/** pdfkit 0.20 takes `subset: 'PDF/UA'` (its type declarations know only the PDF/A subsets). */
const PDF_UA = 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets;

/** pdfkit's `info` option is typed as strings; a String object is written as the same text. */
function xmpSafe(text: string): string {
  return new XmpSafeText(text) as unknown as string;
}

/** zlib level of page content streams (4: measured 1.5× faster than the default 6 on the large book, 3 % bigger). */
const DEFLATE_LEVEL = 4;

/** The parts of pdfkit's embedded font whose state decides the glyph ids written into content streams. */
interface CapturedFont {
  id: string;
  subset: { glyphs: number[]; encode(): Uint8Array };
  widths: number[];
  unicode: number[][];
}

function addOutline(doc: InstanceType<typeof PDFDocument>, entries: OutlineEntry[]): void {
  const add = (parent: { addItem(title: string, options?: object): unknown }, e: OutlineEntry): void => {
    const item = parent.addItem(e.title, { pageNumber: e.pageIndex, expanded: false }) as { addItem(title: string, options?: object): unknown };
    for (const c of e.children) add(item, c);
  };
  for (const e of entries) add(doc.outline as unknown as { addItem(title: string, options?: object): unknown }, e);
}
