// The theme's font files as EPUB resources (--embed-fonts): file names, media types, @font-face descriptors, and each file subset to the characters the book uses.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { QuireError } from '../../common/diagnostics.js';
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
  /** The theme's fallback face: only for characters the book face lacks. */
  fallback?: boolean;
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
    out.push({ id: `font-${i + 1}`, href: `fonts/${name}${ext}`, mediaType: MEDIA_TYPES[ext] ?? 'font/ttf', family: fam, style, weight, source, ...(i === 4 && { fallback: true }) });
  });
  return out;
}

/**
 * The characters a book's documents use (their markup included: a few letters more, never one missing), with the
 * other case of each letter (small capitals are drawn from capitals where a face has none of its own).
 */
export function usedCharacters(documents: Iterable<string>): Set<number> {
  const seen = new Set<string>(['&', '<', '>', '"', "'"]);
  for (const doc of documents) for (const ch of doc) seen.add(ch);
  const out = new Set<number>();
  for (const ch of seen) {
    for (const c of [ch, ch.toUpperCase(), ch.toLowerCase()]) {
      const cp = c.codePointAt(0)!;
      if (c.length === String.fromCodePoint(cp).length && cp >= 0x20) out.add(cp);
    }
  }
  return out;
}

/**
 * The OpenType features a reading system may use: kerning, ligatures, contextual forms, marks, local forms and small
 * capitals. (Keeping every feature keeps every alternate glyph: EB Garamond's regular face subset to a page of
 * English is 37 KB with these, 102 KB with all.)
 */
const KEPT_FEATURES = ['kern', 'liga', 'clig', 'calt', 'ccmp', 'locl', 'mark', 'mkmk', 'smcp', 'c2sc'];

export interface FontFile {
  font: EmbeddedFont;
  bytes: Uint8Array;
}

/**
 * Each face subset (harfbuzz's hb-subset through subset-font) to the characters the book uses, as TrueType (what
 * every reading system reads); the fallback face to those the book face lacks, and left out when it lacks none.
 * The embedded EB Garamond faces and DejaVu fallback of the seeds are 1.1 MB whole, ≈ 0.1 MB subset.
 */
export async function subsetFonts(fonts: EmbeddedFont[], characters: Set<number>): Promise<FontFile[]> {
  // Loaded only to embed fonts (fontkit is a large module; an EPUB without fonts needs neither).
  const [{ default: subsetFont }, fontkit] = await Promise.all([import('subset-font'), import('fontkit')]);
  const read = async (font: EmbeddedFont): Promise<Buffer> => {
    try {
      return await readFile(font.source);
    } catch (error) {
      throw new QuireError(`cannot read the font to embed: ${(error as Error).message}`, { file: font.source });
    }
  };
  const main = fonts.find((f) => !f.fallback);
  let missing: Set<number> | undefined;
  if (main && fonts.some((f) => f.fallback)) {
    const face = fontkit.openSync(main.source) as { hasGlyphForCodePoint(cp: number): boolean };
    missing = new Set([...characters].filter((cp) => !face.hasGlyphForCodePoint(cp)));
  }
  const files = await Promise.all(
    fonts.map(async (font): Promise<FontFile | undefined> => {
      const chars = font.fallback ? missing ?? characters : characters;
      if (font.fallback && chars.size === 0) return undefined;
      const text = String.fromCodePoint(...[...chars].sort((a, b) => a - b));
      try {
        // (keepFeatures is subset-font's, newer than its type definitions.)
        const options = { targetFormat: 'truetype', keepFeatures: KEPT_FEATURES } as Parameters<typeof subsetFont>[2];
        return { font, bytes: await subsetFont(await read(font), text, options) };
      } catch (error) {
        if (error instanceof QuireError) throw error;
        throw new QuireError(`cannot subset the font to embed: ${(error as Error).message}`, { file: font.source });
      }
    }),
  );
  return files.filter((f): f is FontFile => f !== undefined);
}
