// Paints laid-out pages with pdfkit: fonts, text runs, rules, links and destinations; no layout decisions here.
import type PDFDocument from 'pdfkit';
import type { FontKey, LaidOutBook, PaintTransform } from './types.js';

type Doc = InstanceType<typeof PDFDocument>;

const FONT_KEYS: FontKey[] = ['regular', 'italic', 'bold', 'boldItalic', 'fallback'];

/** pdfkit font name of a layout font key. */
export function fontName(key: FontKey): string {
  return `quire-${key}`;
}

/** Register the layout's font files on a document (once per document, before any paintPage). */
export function registerFonts(doc: Doc, layout: LaidOutBook): void {
  for (const key of FONT_KEYS) {
    const file = layout.fonts[key];
    if (file) doc.registerFont(fontName(key), file);
  }
}

export interface PaintOptions {
  /** Draw link annotations and named destinations (the reading PDF); off for imposed sheets and print. */
  interactive?: boolean;
}

/**
 * Draw page `pageIndex` of `layout` onto the current page of `doc`, its trim box's top-left corner at
 * (transform.x, transform.y), scaled by `transform.scale` and, with `rotate: 180`, turned upside down
 * within the same box. The caller adds the target page and registers the fonts first.
 */
export function paintPage(doc: Doc, layout: LaidOutBook, pageIndex: number, transform: PaintTransform, options: PaintOptions = {}): void {
  const page = layout.pages[pageIndex];
  if (!page) throw new RangeError(`page ${pageIndex} is not in the layout (${layout.pages.length} pages)`);
  const scale = transform.scale ?? 1;
  doc.save();
  doc.translate(transform.x, transform.y);
  if (transform.rotate === 180) {
    doc.translate(layout.trim.width * scale, layout.trim.height * scale);
    doc.rotate(180, { origin: [0, 0] });
  }
  if (scale !== 1) doc.scale(scale, scale, { origin: [0, 0] });
  doc.fillColor('black');
  let font: FontKey | undefined;
  let size = 0;
  for (const run of page.runs) {
    if (run.font !== font) {
      doc.font(fontName(run.font));
      font = run.font;
    }
    if (run.size !== size) {
      doc.fontSize(run.size);
      size = run.size;
    }
    doc.text(run.text, run.x, run.y, {
      lineBreak: false,
      baseline: 'alphabetic',
      ...(run.wordSpacing ? { wordSpacing: run.wordSpacing } : {}),
      ...(run.characterSpacing ? { characterSpacing: run.characterSpacing } : {}),
    });
  }
  for (const rule of page.rules) {
    doc.moveTo(rule.x1, rule.y1).lineTo(rule.x2, rule.y2).lineWidth(rule.width).stroke('black');
  }
  if (options.interactive) {
    for (const dest of page.destinations) doc.addNamedDestination(dest.name, 'XYZ', transform.x + dest.x * scale, transform.y + dest.y * scale, null);
    for (const link of page.links) doc.goTo(link.x, link.y, link.w, link.h, link.target, {});
  }
  doc.restore();
}
