// Renders the Book as an EPUB 3 file through epub-gen-memory with quire's own OPF/nav/NCX/page templates; deterministic bytes.
import path from 'node:path';
import { EPub } from 'epub-gen-memory';
import type JSZip from 'jszip';
import type { Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import { readInput } from '../../common/input-file.js';
import { readTemplateFile } from '../../templates/files.js';
import { prepareCoverImage, type CoverImage } from './cover-image.js';
import { coverJob, drawCover } from './cover.js';
import { addKoboSpans } from './kobo.js';
import { renderStylesheet } from './css.js';
import { embeddedFonts, readFontFile } from './fonts.js';
import { packageLanguage, packageMeta } from './metadata.js';
import { COVER_PAGE_FILE, layoutBook, NAV_FILE } from './pages.js';
import { finishZip } from './zip.js';

const APPLE_DISPLAY_OPTIONS =
  '<?xml version="1.0" encoding="utf-8"?>\n<display_options>\n<platform name="*">\n<option name="specified-fonts">true</option>\n</platform>\n</display_options>\n';

/** What the EPUB may be given rather than make: the typographic cover's PNG (drawn from coverJob elsewhere, or kept from an earlier build), or the config's cover image decoded and fitted (cover-image.ts). */
export interface EpubAssets {
  coverPng?: Uint8Array;
  coverImage?: Pick<CoverImage, 'href' | 'mediaType' | 'bytes'>;
}

function readTemplate(templatesDir: string, name: string): string {
  return readTemplateFile(templatesDir, path.join('epub', name));
}

/** The configured cover image (decoded and fitted), or the typographic cover drawn from templates/cover.svg. */
async function coverImage(book: Book, ctx: RenderContext, assets: EpubAssets): Promise<Pick<CoverImage, 'href' | 'mediaType' | 'bytes'>> {
  if (assets.coverImage) return assets.coverImage;
  const configured = ctx.options.cover;
  if (configured) {
    const spec = { kind: 'cover', display: configured } as const;
    return prepareCoverImage(await readInput(configured, spec), spec);
  }
  const bytes = assets.coverPng ?? drawCover({ job: coverJob(ctx.templatesDir, book.meta, ctx.theme), templatesDir: ctx.templatesDir });
  return { href: 'images/cover.png', mediaType: 'image/png', bytes };
}

/**
 * Build the EPUB. Nothing is fetched: epub-gen-memory gets no font URLs, no cover URL and empty chapter
 * `content` (so no <img> to download); quire's templates read the `quire` values instead, and the images and
 * fonts are added to the zip after `render()`. Same book + options → the same bytes.
 */
export async function renderEpub(book: Book, ctx: RenderContext, assets: EpubAssets = {}): Promise<Uint8Array> {
  return buildEpub(book, ctx, 'epub', assets);
}

/** The Kobo variant (`.kepub.epub`): the same book with koboSpan sentence markers, for Kobo's own reader. */
export async function renderKepub(book: Book, ctx: RenderContext, assets: EpubAssets = {}): Promise<Uint8Array> {
  return buildEpub(book, ctx, 'kepub', assets);
}

/** epub-gen-memory's EPub with its zip in reach (a member it keeps for subclasses), to add quire's files and write it deterministically. */
class EpubFiles extends EPub {
  files(): JSZip {
    return this.zip;
  }
}

async function buildEpub(book: Book, ctx: RenderContext, variant: 'epub' | 'kepub', assets: EpubAssets): Promise<Uint8Array> {
  const meta = packageMeta(book);
  if (meta.language !== book.meta.language) {
    ctx.messages.warn('epub-language', `language "${book.meta.language}" is not a BCP 47 tag; the EPUB says "${meta.language}"`);
  }
  const cover = await coverImage(book, ctx, assets);
  const fonts = ctx.options.embedFonts ? embeddedFonts(ctx.theme) : [];
  const layout = layoutBook(book, cover.href);
  const depth = (list: typeof layout.toc): number => (list.length === 0 ? 0 : 1 + Math.max(...list.map((e) => depth(e.children))));
  const tocDepth = Math.max(1, depth(layout.toc));
  const shared = { meta, pages: layout.pages, toc: layout.toc, landmarks: layout.landmarks, navTitle: layout.navTitle, navHeadingHtml: layout.navHeadingHtml, navIntroHtml: layout.navIntroHtml, cover: { href: cover.href, mediaType: cover.mediaType }, fonts, tocDepth };

  const chapters = layout.pages
    .filter((p) => !p.isNav)
    .map((page) => ({
      title: page.title,
      filename: page.file,
      content: '',
      excludeFromToc: true,
      quire: { page, language: meta.language, direction: meta.direction },
    }));
  const epub = new EpubFiles(
    {
      title: book.meta.title,
      author: [],
      description: meta.description,
      lang: meta.language,
      version: 3,
      verbose: false,
      fonts: [],
      css: renderStylesheet(ctx.templatesDir, ctx.theme, fonts),
      contentOPF: readTemplate(ctx.templatesDir, 'content.opf.ejs'),
      tocXHTML: readTemplate(ctx.templatesDir, 'nav.xhtml.ejs'),
      tocNCX: readTemplate(ctx.templatesDir, 'toc.ncx.ejs'),
      chapterXHTML: readTemplate(ctx.templatesDir, 'page.xhtml.ejs'),
      quire: shared,
    } as ConstructorParameters<typeof EPub>[0],
    chapters,
  );
  await epub.render();
  const zip = epub.files();
  if (!zip.file(`OEBPS/${NAV_FILE}`)) throw new Error('epub-gen-memory did not write the nav document');
  zip.file(`OEBPS/${cover.href}`, cover.bytes, { binary: true });
  for (const font of fonts) zip.file(`OEBPS/${font.href}`, await readFontFile(font), { binary: true });
  if (fonts.length) zip.file('META-INF/com.apple.ibooks.display-options.xml', APPLE_DISPLAY_OPTIONS);
  if (variant === 'kepub') {
    for (const page of layout.pages) {
      if (page.isNav || page.file === COVER_PAGE_FILE) continue;
      const name = `OEBPS/${page.file}`;
      zip.file(name, addKoboSpans(await zip.file(name)!.async('string')));
    }
  }
  return finishZip(zip, book.meta.modified);
}

export { packageLanguage };
