// The PDF document: every page of a layout painted with pdfkit (paint/page.ts), content streams deflated beside, font subsets and pages captured for imposition.
import PDFDocument from 'pdfkit';
import type { DeflaterFor } from '../deflate.js';
import type { FontKey, LaidOutBook, OutlineEntry, PaintedPages } from '../types.js';
import { rememberEncodedSubset } from './font-subsets.js';
import { collectOutput } from './output.js';
import { PageWriter } from './page-writer.js';
import { fontName, paintPage, registerFonts } from './page.js';

/**
 * Paint every page of a layout into one PDF document; with `capture`, keep each page's content stream and the font
 * subsets. Pages are painted first (pdfkit keeps them buffered) while their content streams are deflated (by `deflater`:
 * beside this thread for a long book); then they are written in order (PageWriter).
 */
export async function paintDocument(layout: LaidOutBook, options: { interactive: boolean; capture?: PaintedPages; deflater?: DeflaterFor }): Promise<Uint8Array> {
  const bleed = layout.bleed;
  const width = layout.trim.width + 2 * bleed;
  const height = layout.trim.height + 2 * bleed;
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: [width, height],
    margin: 0,
    compress: true,
    pdfVersion: '1.7',
    lang: layout.meta.language,
    displayTitle: true,
    info: {
      Title: layout.meta.title,
      Author: layout.meta.author,
      Subject: layout.meta.subject,
      Creator: 'quire',
      Producer: 'quire (pdfkit)',
      CreationDate: layout.meta.modified,
      ModDate: layout.meta.modified,
    },
  });
  const done = collectOutput(doc);
  registerFonts(doc, layout);
  const r = (n: number): number => Math.round(n * 1000) / 1000;
  const writer = new PageWriter(doc, layout.pages.length, DEFLATE_LEVEL, options.deflater);
  for (let i = 0; i < layout.pages.length; i++) {
    doc.addPage({ size: [width, height], margin: 0 });
    const dict = doc.page.dictionary.data as Record<string, unknown>;
    dict.TrimBox = [r(bleed), r(bleed), r(bleed + layout.trim.width), r(bleed + layout.trim.height)];
    if (bleed) dict.BleedBox = [0, 0, r(width), r(height)];
    writer.paint(() => {
      const fallback = paintPage(doc, layout, i, { x: bleed, y: bleed }, { interactive: options.interactive });
      options.capture?.fallback.push(fallback);
    });
  }
  // Each page's content stream is deflated once, here, so imposition can place the very same compressed stream.
  await writer.finish((_, stream) => options.capture?.contents.push(stream));
  if (options.capture) {
    options.capture.width = width;
    options.capture.height = height;
    const families = (doc as unknown as { _fontFamilies: Record<string, CapturedFont | undefined> })._fontFamilies;
    const seen = new Set<string>();
    for (const key of Object.keys(layout.fonts) as FontKey[]) {
      const font = families[fontName(key)];
      if (!font || seen.has(font.id)) continue;
      seen.add(font.id);
      // Shared arrays: the document embeds its subset at the end; imposition copies them after that (and its file bytes).
      options.capture.fonts.push({ id: font.id, key, glyphs: font.subset.glyphs, widths: font.widths, unicode: font.unicode });
      rememberEncodedSubset(font.subset);
    }
  }
  if (options.interactive) addOutline(doc, layout.outline);
  doc.end();
  return done;
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
