// An EPUB → its story. The container is read defensively (bounded sizes, bounded inflation, every path inside the
// archive); its package document gives the metadata and the reading order; the documents are read by the reader
// their structure calls for: AO3's (Calibre-made) download, FanFicFare's, or any EPUB (chapters at its headings).
import type { Messages } from '../../common/diagnostics.js';
import { QuireError } from '../../common/diagnostics.js';
import { zipEntries, zipEntryData, type ZipEntry } from '../ingest/zip.js';
import type { StoryMeta } from '../types.js';
import { looksLikeAo3, readAo3 } from './ao3.js';
import { classMarksOf } from './css.js';
import { fanFicFareStory, readTitlePage, titleEntries } from './fanficfare.js';
import { htmlToBlocks, type BlockOptions } from './html-blocks.js';
import { decodeHtml, parseCleaned } from './html.js';
import { childElements, find, findAll, hasClass, textOf, type HtmlElement } from './html-tree.js';
import { epubImage, resolveHref } from './images.js';
import type { SourceStory } from './types.js';
import { chaptersAtHeadings } from './web-page.js';

/** Limits on what an EPUB may make quire read: entries, one document's size, everything read together. */
export const EPUB_LIMITS = { entries: 10_000, document: 32 * 1024 * 1024, total: 256 * 1024 * 1024 };

interface Doc {
  href: string;
  root: HtmlElement;
  body: HtmlElement;
}

class Archive {
  private readonly entries = new Map<string, ZipEntry>();
  private read = 0;
  constructor(private readonly zip: Buffer, private readonly file: string) {
    let list: ZipEntry[];
    try {
      list = zipEntries(zip, EPUB_LIMITS.entries);
    } catch (error) {
      throw new QuireError(`not a readable EPUB: ${(error as Error).message}`, { file });
    }
    for (const e of list) this.entries.set(e.name, e);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** An entry's bytes, refused past the limits (declared size first, then what inflation gives). */
  bytes(name: string, limit = EPUB_LIMITS.document): Buffer {
    const entry = this.entries.get(name);
    if (!entry) throw new QuireError(`not a readable EPUB: ${name} is missing from the archive`, { file: this.file });
    if (entry.size > limit) throw new QuireError(`EPUB entry ${name} declares ${entry.size} bytes, more than the ${limit} quire reads from one entry`, { file: this.file });
    if (this.read + entry.size > EPUB_LIMITS.total) throw new QuireError(`the EPUB's entries add up to more than the ${EPUB_LIMITS.total} bytes quire reads from one file`, { file: this.file });
    this.read += entry.size;
    try {
      return zipEntryData(this.zip, entry);
    } catch (error) {
      throw new QuireError(`not a readable EPUB: ${(error as Error).message}`, { file: this.file });
    }
  }

  text(name: string): string {
    return decodeHtml(this.bytes(name), `${this.file}:${name}`).text;
  }
}

function metaOf(opf: HtmlElement): { title?: string; authors: string[]; description?: string; meta: StoryMeta; fanFicFare: boolean } {
  const all = (name: string): HtmlElement[] => findAll(opf, (el) => el.name === name);
  const first = (name: string): string | undefined => all(name).map(textOf).find(Boolean);
  const meta: StoryMeta = {};
  const source = first('dc:source') ?? all('dc:identifier').map(textOf).map((t) => t.replace(/^URL:/, '')).find((t) => /^https?:\/\//.test(t));
  if (source) meta.url = source;
  const language = first('dc:language');
  if (language) meta.language = language;
  for (const d of all('dc:date')) {
    const event = d.attrs['opf:event'] ?? '';
    if (event === 'publication') meta.published = textOf(d).slice(0, 10);
    else if (event === 'modification') meta.updated = textOf(d).slice(0, 10);
  }
  const subjects = all('dc:subject').map(textOf).filter((s) => s && !/^(?:fanworks|fanfiction)$/i.test(s));
  if (subjects.length > 0) meta.tags = subjects;
  const series = find(opf, (el) => el.name === 'meta' && el.attrs.name === 'calibre:series')?.attrs.content;
  if (series) meta.series = [series];
  const publisher = first('dc:publisher');
  if (publisher) meta.site = publisher;
  const title = first('dc:title');
  const description = first('dc:description');
  return {
    ...(title && { title }),
    authors: all('dc:creator').filter((c) => !c.attrs['opf:role'] || c.attrs['opf:role'] === 'aut').map(textOf).filter(Boolean),
    ...(description && { description }),
    meta,
    fanFicFare: all('dc:contributor').some((c) => /FanFicFare/i.test(textOf(c))),
  };
}

export function readEpub(bytes: Uint8Array, file: string, messages: Messages): { story: SourceStory; encoding: string } {
  const archive = new Archive(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
  if (!archive.has('META-INF/container.xml')) throw new QuireError('not an EPUB: the zip has no META-INF/container.xml', { file });
  const container = parseCleaned(archive.text('META-INF/container.xml'), file, messages);
  const opfPath = find(container, (el) => el.name === 'rootfile')?.attrs['full-path'];
  if (!opfPath || !archive.has(opfPath)) throw new QuireError('not a readable EPUB: its container names no package document that is in the archive', { file });
  const opf = parseCleaned(archive.text(opfPath), file, messages);
  const manifest = new Map<string, { href: string; type: string; properties: string }>();
  for (const item of findAll(opf, (el) => el.name === 'item')) {
    const href = resolveHref(opfPath, item.attrs.href ?? '');
    if (item.attrs.id && href) manifest.set(item.attrs.id, { href, type: item.attrs['media-type'] ?? '', properties: item.attrs.properties ?? '' });
  }
  const spine = findAll(opf, (el) => el.name === 'itemref')
    .map((ref) => manifest.get(ref.attrs.idref ?? ''))
    .filter((item): item is { href: string; type: string; properties: string } => !!item && /html/.test(item.type) && !/\bnav\b/.test(item.properties) && archive.has(item.href));
  const classMarks = classMarksOf([...manifest.values()].filter((m) => m.type === 'text/css' && archive.has(m.href)).map((m) => archive.text(m.href)));
  const docs: Doc[] = spine.map(({ href }) => {
    const root = parseCleaned(archive.text(href), `${file}:${href}`, messages);
    return { href, root, body: find(root, (el) => el.name === 'body') ?? root };
  });
  const info = metaOf(opf);
  const blockOptions = (doc: Doc): BlockOptions => ({
    classMarks,
    image: (src, alt, line) => epubImage(src, alt, line, { from: doc.href, has: (name) => archive.has(name), file, messages }),
  });
  const story = readDocs(docs, info, blockOptions, messages, file);
  // What the package document says fills in what the text did not.
  story.title ??= info.title;
  if (story.authors.length === 0) story.authors = info.authors;
  for (const [key, value] of Object.entries(info.meta)) if (!(key in story.meta)) (story.meta as Record<string, unknown>)[key] = value;
  if (!story.summary && info.description) story.summary = htmlToBlocks(parseCleaned(info.description, file, messages).children, {});
  return { story, encoding: 'utf-8' };
}

function readDocs(docs: Doc[], info: ReturnType<typeof metaOf>, blockOptions: (doc: Doc) => BlockOptions, messages: Messages, file: string): SourceStory {
  // FanFicFare: a title page and one file per chapter.
  const titlePage = docs.find((d) => hasClass(d.body, 'fff_titlepage'));
  const chapterDocs = docs.filter((d) => hasClass(d.body, 'fff_chapter'));
  if (info.fanFicFare || titlePage || chapterDocs.length > 0) {
    const heading = titlePage && find(titlePage.body, (el) => /^h\d$/.test(el.name));
    const entriesBox = titlePage && (find(titlePage.body, (el) => el.name === 'table') ?? childElements(titlePage.body).find((el) => el.name === 'div'));
    const page = readTitlePage(heading, entriesBox ? titleEntries(entriesBox) : [], titlePage ? blockOptions(titlePage) : {});
    const chapters = (chapterDocs.length > 0 ? chapterDocs : docs.filter((d) => d !== titlePage)).map((d) => ({
      title: textOf(find(d.body, (el) => hasClass(el, 'fff_chapter_title')) ?? find(d.root, (el) => el.name === 'title') ?? d.body),
      line: d.body.line,
      nodes: d.body.children,
    }));
    const options = chapterDocs[0] ?? docs[0];
    return fanFicFareStory('fanficfare-epub', page, chapters, options ? blockOptions(options) : {});
  }
  // One tree of every document's body, in reading order (Calibre splits AO3's one HTML file at its chapters).
  const merged: HtmlElement = { type: 'element', name: '#root', attrs: {}, children: docs.flatMap((d) => d.body.children), line: 1 };
  if (looksLikeAo3(merged)) {
    const input = { root: merged, blockOptions: docs[0] ? blockOptions(docs[0]) : {}, messages, file };
    return readAo3(input, 'ao3-epub');
  }
  // Any other EPUB: its documents' text, chapters at their headings.
  const blocks = docs.flatMap((d) => htmlToBlocks(d.body.children, { ...blockOptions(d), headingLevel: (tag) => (tag === 'h1' || tag === 'h2' ? 2 : 3) }));
  const chapters = chaptersAtHeadings(blocks, 1);
  // A first heading that repeats the book's title is the title, not a chapter.
  if (chapters[0]?.title && info.title && chapters[0].title.toLowerCase() === info.title.toLowerCase() && chapters.length > 1) chapters[0].title = undefined;
  return { reader: 'epub', authors: [], meta: {}, chapters, notes: [], removed: [] };
}
