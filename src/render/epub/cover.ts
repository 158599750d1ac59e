// Typographic cover: fills templates/cover.svg (title, subtitle, editor, ornament) and renders it to PNG with the theme's fonts.
import { createRequire } from 'node:module';
import path from 'node:path';
import Mustache from 'mustache';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { QuireError } from '../../common/diagnostics.js';
import type { BookMeta } from '../../model/types.js';
import type { Theme } from '../../templates/theme.js';
import { readTemplateFile } from '../../templates/files.js';

/** What the cover shows of the book. */
export type CoverMeta = Pick<BookMeta, 'title' | 'subtitle' | 'editor' | 'authors'>;

export const COVER_WIDTH = 1600;
export const COVER_HEIGHT = 2560;
const TEXT_WIDTH = 1200;

/** Rough advance width of a character in em (no font metrics needed): wide for CJK/emoji, narrow for punctuation. */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || cp >= 0x1f000)) return 1;
  if (/[\s.,;:'’!|il]/.test(ch)) return 0.28;
  if (/[A-Z]/.test(ch)) return 0.68;
  return 0.5;
}

function textWidth(text: string, size: number, spacing = 0): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch) * size + spacing;
  return w;
}

/** Greedy word wrap to a width at a font size; a word longer than the line is split by characters. */
export function wrapText(text: string, size: number, width: number, spacing = 0): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, spacing) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let piece = '';
    for (const ch of word) {
      if (textWidth(piece + ch, size, spacing) > width && piece) {
        lines.push(piece);
        piece = '';
      }
      piece += ch;
    }
    line = piece;
  }
  if (line) lines.push(line);
  return lines;
}

/** Title size: the largest that keeps the title within three lines (down to a floor, then it wraps further). */
function fitTitle(title: string): { size: number; lines: string[] } {
  for (let size = 170; size >= 80; size -= 10) {
    const lines = wrapText(title, size, TEXT_WIDTH, size * 0.04);
    if (lines.length <= 3) return { size, lines };
  }
  return { size: 80, lines: wrapText(title, 80, TEXT_WIDTH, 3.2).slice(0, 8) };
}

/** The filled SVG for the book's cover. */
export function coverSvg(templatesDir: string, meta: CoverMeta, theme: Theme): string {
  const template = readTemplateFile(templatesDir, 'cover.svg');
  const centre = COVER_WIDTH / 2;
  const title = fitTitle(meta.title);
  const titleLineHeight = title.size * 1.12;
  let y = 860 - ((title.lines.length - 1) * titleLineHeight) / 2;
  const titleLines = title.lines.map((text) => {
    const line = { text, y: Math.round(y), size: title.size, spacing: Math.round(title.size * 0.04 * 10) / 10 };
    y += titleLineHeight;
    return line;
  });
  const ornamentSize = 150;
  const ornamentY = Math.round(y - titleLineHeight + 140 + ornamentSize * 0.6);
  const subtitleSize = 78;
  let sy = ornamentY + 190;
  const subtitleLines = meta.subtitle
    ? wrapText(meta.subtitle, subtitleSize, TEXT_WIDTH).slice(0, 4).map((text) => {
        const line = { text, y: sy, size: subtitleSize };
        sy += Math.round(subtitleSize * 1.3);
        return line;
      })
    : [];
  const editorSize = 60;
  const editorLine = meta.editor ? `Edited by ${meta.editor}` : meta.authors.length === 1 ? meta.authors[0]! : '';
  const editorFits = wrapText(editorLine, editorSize, TEXT_WIDTH, 5)[0] ?? '';
  const view = {
    width: COVER_WIDTH,
    height: COVER_HEIGHT,
    frameWidth: COVER_WIDTH - 160,
    frameHeight: COVER_HEIGHT - 160,
    innerWidth: COVER_WIDTH - 224,
    innerHeight: COVER_HEIGHT - 224,
    centre,
    fontFamily: theme.fonts.family,
    titleLines,
    ornament: theme.ornament,
    ornamentY,
    ornamentSize,
    subtitleLines,
    editorLine: editorFits,
    editorY: COVER_HEIGHT - 300,
    editorSize,
    editorSpacing: 5,
  };
  return Mustache.render(template, view);
}

/** What resvg is given for the cover: the SVG and its options (only the theme's font files, no system fonts). */
export interface CoverJob {
  svg: string;
  options: { fitTo: { mode: 'width'; value: number }; font: { fontFiles: string[]; loadSystemFonts: false; defaultFontFamily: string; serifFamily: string } };
}

export function coverJob(templatesDir: string, meta: CoverMeta, theme: Theme): CoverJob {
  const svg = coverSvg(templatesDir, meta, theme);
  const fontFiles = [theme.fontFiles.regular, theme.fontFiles.italic, theme.fontFiles.bold, theme.fontFiles.boldItalic, theme.fontFiles.fallback].filter(
    (f): f is string => typeof f === 'string',
  );
  return { svg, options: { fitTo: { mode: 'width', value: COVER_WIDTH }, font: { fontFiles, loadSystemFonts: false, defaultFontFamily: theme.fonts.family, serifFamily: theme.fonts.family } } };
}

/** The cover as PNG bytes, drawn only with the theme's font files (no system fonts). */
export function renderCoverPng(templatesDir: string, meta: CoverMeta, theme: Theme): Uint8Array {
  return drawCover({ job: coverJob(templatesDir, meta, theme), templatesDir });
}

/** resvg, loaded (a native module) only when a cover is drawn on this thread. */
let Resvg: typeof ResvgClass | undefined;

/** Draw a cover job with resvg (`templatesDir`: where its template is, for the error of a template that is no SVG). */
export function drawCover({ job, templatesDir }: { job: CoverJob; templatesDir: string }): Uint8Array {
  Resvg ??= (createRequire(import.meta.url)('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg;
  let resvg: ResvgClass;
  try {
    resvg = new Resvg(job.svg, job.options);
  } catch (error) {
    throw new QuireError(`cover template is not valid SVG: ${(error as Error).message}`, { file: path.join(templatesDir, 'cover.svg') });
  }
  return new Uint8Array(resvg.render().asPng());
}
