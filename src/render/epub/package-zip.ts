// The EPUB's zip before images and fonts: quire's templates rendered with ejs, laid out as epub-gen-memory 1.1.2 lays it out (without loading it).
import { render as renderEjs } from 'ejs';
import JSZip from 'jszip';
import { NAV_FILE } from './pages.js';

export interface PackageInput {
  lang: string;
  css: string;
  contentOPF: string;
  tocXHTML: string;
  tocNCX: string;
  chapterXHTML: string;
  title: string;
  description: string;
  quire: unknown;
  chapters: Array<{ title: string; filename: string; content: string; excludeFromToc: boolean; quire: unknown }>;
}

const CONTAINER_XML =
  '<?xml version="1.0" encoding="UTF-8" ?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>';

/**
 * The zip as epub-gen-memory 1.1.2's `new EPub(options, chapters).render()` builds it for quire's options (no fonts,
 * cover or images to fetch, EPUB 3): mimetype (stored), OEBPS/ with style.css and the pages, META-INF/container.xml,
 * then content.opf, toc.ncx and the nav (toc.xhtml). The templates get the values epub-gen-memory gave them
 * (quire's templates read only `quire`), without loading its downloader and validator modules.
 */
export function packageZip(input: PackageInput): JSZip {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  const oebps = zip.folder('OEBPS')!;
  oebps.file('style.css', input.css);
  const content = input.chapters.map((chapter, index) => ({ id: `item_${index}`, url: '', beforeToc: false, ...chapter, filename: chapterFile(chapter.filename), author: [] as string[] }));
  for (const chapter of content) oebps.file(chapter.filename, renderEjs(input.chapterXHTML, { lang: input.lang, prependChapterTitles: true, ...chapter }));
  zip.folder('META-INF')!.file('container.xml', CONTAINER_XML);
  const opt = { title: input.title, author: [] as string[], description: input.description, lang: input.lang, version: 3, fonts: [], css: input.css, quire: input.quire, images: [], content };
  oebps.file('content.opf', renderEjs(input.contentOPF, opt));
  oebps.file('toc.ncx', renderEjs(input.tocNCX, opt));
  oebps.file(NAV_FILE, renderEjs(input.tocXHTML, opt));
  return zip;
}

/** epub-gen-memory's chapter file name: `.xhtml` appended when missing, spaces to `_`, only [-._A-Za-z0-9] kept. */
function chapterFile(name: string): string {
  return (name.endsWith('.xhtml') ? name : `${name}.xhtml`).replace(/\s/g, '_').replace(/[^-._A-Za-z0-9]/g, '');
}
