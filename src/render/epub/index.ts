// Renders the Book as an EPUB 3 file through epub-gen-memory with quire's own OPF/nav/NCX/page templates; deterministic bytes.
import path from 'node:path';
import ejs from 'ejs';
import { EPub } from 'epub-gen-memory';
import type JSZip from 'jszip';
import type { Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import { readInput } from '../../common/input-file.js';
import { readTemplateFile } from '../../templates/files.js';
import { prepareCoverImage, type CoverImage } from './cover-image.js';
import { coverJob, drawCover } from './cover.js';
import { KoboSpanner } from './kobo.js';
import { renderStylesheet } from './css.js';
import { embeddedFonts, subsetFonts, usedCharacters } from './fonts.js';
import { packageLanguage, packageMeta } from './metadata.js';
import type { PageList } from '../page-breaks.js';
import { COVER_PAGE_FILE, layoutBook, NAV_FILE, type EpubLayout, type TocEntry } from './pages.js';
import { FILE_LIMITS } from './split.js';
import { finishZip } from './zip.js';

const APPLE_DISPLAY_OPTIONS =
  '<?xml version="1.0" encoding="utf-8"?>\n<display_options>\n<platform name="*">\n<option name="specified-fonts">true</option>\n</platform>\n</display_options>\n';

/** What screen readers announce for the scene-break ornament. */
const SCENE_BREAK_LABEL = 'Scene break';

/** Levels of the contents (the NCX states it). */
function depth(entries: TocEntry[]): number {
  return entries.reduce((d, e) => Math.max(d, 1 + depth(e.children)), 0);
}

/** Every text of the book's documents (the pages, the contents and landmarks), for the fonts' subsets. */
function* layoutTexts(layout: EpubLayout): Generator<string> {
  for (const page of layout.pages) yield* [page.title, page.html];
  yield* [layout.navTitle, layout.navHeadingHtml, layout.navIntroHtml];
  const entries = (list: TocEntry[]): string[] => list.flatMap((e) => [e.title, ...entries(e.children)]);
  yield* entries(layout.toc);
  for (const l of layout.landmarks) yield l.title;
}

/**
 * What the EPUB may be given rather than make: the typographic cover's PNG (drawn from coverJob elsewhere, or kept
 * from an earlier build), or the config's cover image decoded and fitted (cover-image.ts); and the print edition's
 * pages (from the PDF's layout) to mark in the text and list in the nav document.
 */
export interface EpubAssets {
  coverPng?: Uint8Array;
  coverImage?: Pick<CoverImage, 'href' | 'mediaType' | 'bytes'>;
  pageList?: PageList;
}

function compileTemplate(templatesDir: string, name: string): ejs.TemplateFunction {
  return ejs.compile(readTemplate(templatesDir, name), { filename: path.join(templatesDir, 'epub', name) });
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
 * Build the EPUB. Nothing is fetched: epub-gen-memory gets no font URLs, no cover URL and no chapters; it writes
 * the container and, from quire's templates (which read the `quire` values), the OPF, NCX and nav document. The
 * pages (templates/epub/page.xhtml.ejs), the images and the fonts are added to its zip after `render()`. Same
 * book + options → the same bytes.
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
  const pageList = assets.pageList && assets.pageList.breaks.size > 0 ? assets.pageList : undefined;
  const meta = packageMeta(book, pageList?.source);
  if (meta.language !== book.meta.language) {
    ctx.messages.warn('epub-language', `language "${book.meta.language}" is not a BCP 47 tag; the EPUB says "${meta.language}"`);
  }
  const cover = await coverImage(book, ctx, assets);
  const kobo = variant === 'kepub' ? new KoboSpanner() : undefined;
  const layout = layoutBook(book, cover.href, {
    sceneBreak: { ornament: ctx.theme.ornament, label: SCENE_BREAK_LABEL },
    limits: FILE_LIMITS,
    finish: kobo ? (html) => kobo.span(html) : (html) => html,
    ...(pageList && { pageList }),
  });
  const fontFiles = ctx.options.embedFonts ? await subsetFonts(embeddedFonts(ctx.theme), usedCharacters(layoutTexts(layout))) : [];
  const fonts = fontFiles.map((f) => f.font);
  const tocDepth = Math.max(1, depth(layout.toc));
  const shared = { meta, pages: layout.pages, pageList: layout.pageList, toc: layout.toc, landmarks: layout.landmarks, navTitle: layout.navTitle, navHeadingHtml: layout.navHeadingHtml, navIntroHtml: layout.navIntroHtml, cover: { href: cover.href, mediaType: cover.mediaType }, fonts, tocDepth };

  // The pages are written from quire's page template, compiled once, beside the cover and the fonts: given to
  // epub-gen-memory as chapters, each would be checked with ow and its template compiled again (≈ 1 ms a file).
  const pageTemplate = compileTemplate(ctx.templatesDir, 'page.xhtml.ejs');
  const pageFiles = layout.pages
    .filter((p) => !p.isNav)
    .map((page) => ({ file: page.file, xhtml: pageTemplate({ quire: { page, language: meta.language, direction: meta.direction, kobo: !!kobo && page.file !== COVER_PAGE_FILE } }) }));
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
      quire: shared,
    } as ConstructorParameters<typeof EPub>[0],
    [],
  );
  await epub.render();
  const zip = epub.files();
  if (!zip.file(`OEBPS/${NAV_FILE}`)) throw new Error('epub-gen-memory did not write the nav document');
  for (const { file, xhtml } of pageFiles) zip.file(`OEBPS/${file}`, Buffer.from(xhtml, 'utf8'), { binary: true });
  zip.file(`OEBPS/${cover.href}`, cover.bytes, { binary: true });
  for (const { font, bytes } of fontFiles) zip.file(`OEBPS/${font.href}`, bytes, { binary: true });
  if (fonts.length) zip.file('META-INF/com.apple.ibooks.display-options.xml', APPLE_DISPLAY_OPTIONS);
  return finishZip(zip, book.meta.modified);
}

export { packageLanguage };
