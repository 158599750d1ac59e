// The theme's font files as EPUB resources (--embed-fonts): file names, media types and @font-face descriptors.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Theme } from '../../templates/theme.js';

export interface EmbeddedFont {
  /** Manifest id. */
  id: string;
  /** Path inside OEBPS/, e.g. `fonts/EBGaramond_400Regular.ttf`. */
  href: string;
  mediaType: string;
  family: string;
  style: 'normal' | 'italic';
  weight: 'normal' | 'bold';
  source: string;
}

const MEDIA_TYPES: Record<string, string> = {
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The font files to embed (regular, italic, bold, bold italic, and the fallback font if the theme has one). */
export function embeddedFonts(theme: Theme): EmbeddedFont[] {
  const family = theme.fonts.family;
  const faces: Array<[string | undefined, string, EmbeddedFont['style'], EmbeddedFont['weight']]> = [
    [theme.fontFiles.regular, family, 'normal', 'normal'],
    [theme.fontFiles.italic, family, 'italic', 'normal'],
    [theme.fontFiles.bold, family, 'normal', 'bold'],
    [theme.fontFiles.boldItalic, family, 'italic', 'bold'],
    [theme.fontFiles.fallback, `${family} Fallback`, 'normal', 'normal'],
  ];
  const used = new Set<string>();
  const out: EmbeddedFont[] = [];
  faces.forEach(([source, fam, style, weight], i) => {
    if (!source) return;
    const ext = path.extname(source).toLowerCase();
    let name = path.basename(source, path.extname(source)).replace(/[^A-Za-z0-9_-]+/g, '-') || `font-${i + 1}`;
    while (used.has(name)) name = `${name}-${i + 1}`;
    used.add(name);
    out.push({ id: `font-${i + 1}`, href: `fonts/${name}${ext}`, mediaType: MEDIA_TYPES[ext] ?? 'font/ttf', family: fam, style, weight, source });
  });
  return out;
}

export async function readFontFile(font: EmbeddedFont): Promise<Uint8Array> {
  return readFile(font.source);
}
