// Renders the EPUB stylesheet (templates/epub/style.css.ejs) from the theme, with @font-face rules when fonts are embedded.
import path from 'node:path';
import ejs from 'ejs';
import { readTemplateFile } from '../../templates/files.js';
import type { Theme } from '../../templates/theme.js';
import type { EmbeddedFont } from './fonts.js';
import { cssString } from './xml.js';

/** The stylesheet text for this theme; `fonts` are the embedded font files (empty: the reader's own fonts). */
export function renderStylesheet(templatesDir: string, theme: Theme, fonts: EmbeddedFont[]): string {
  const file = path.join(templatesDir, 'epub', 'style.css.ejs');
  const template = readTemplateFile(templatesDir, path.join('epub', 'style.css.ejs'));
  const families = [...new Set(fonts.map((f) => f.family))];
  const num = (n: number): string => String(Math.round(n * 1000) / 1000);
  return ejs.render(template, {
    fontFaces: fonts.map((f) => ({ family: cssString(f.family), style: f.style, weight: f.weight, href: cssString(f.href) })),
    fontFamily: families.length ? [...families.map(cssString), 'serif'].join(', ') : '',
    indent: num(theme.text.indent),
    align: theme.text.align,
    hyphens: theme.text.hyphenate ? 'auto' : 'manual',
    widows: theme.text.widows,
    orphans: theme.text.orphans,
    bookTitle: num(theme.headings.bookTitle),
    storyTitle: num(theme.headings.storyTitle),
    chapterTitle: num(theme.headings.chapterTitle),
    byline: num(theme.headings.byline),
    letterSpacing: num(theme.headings.letterSpacing),
    ornament: cssString(theme.ornament),
    sceneBreakSpace: num(Math.max(0.5, theme.sceneBreakSpace)),
  }, { filename: file });
}
