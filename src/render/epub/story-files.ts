// One story as XHTML files: a new file at every chapter, and a long chapter cut at a scene break or between blocks.
import type { Block, Story } from '../../model/types.js';
import { Anchors, renderBlock, renderBlocks, sceneBreakHtml, type BlockWriter, type SceneBreak } from './blocks.js';
import type { StoryNotes } from './notes.js';
import type { PageBreak } from '../page-breaks.js';
import { PageMarks, type PageTarget } from './page-marks.js';
import { cutLongParagraph, isLongParagraph, type FileLimits } from './split.js';
import { escapeXml, languageDirection, uniqueId } from './xml.js';

/** One XHTML file of the book (a story's, a front or back matter section's, the nav's place in the spine). */
export interface EpubPage {
  /** Manifest id (XML-safe, unique). */
  id: string;
  /** File name inside OEBPS/. */
  file: string;
  /** The document `<title>`. */
  title: string;
  /** epub:type of `<body>`: frontmatter, bodymatter or backmatter. */
  matter: 'frontmatter' | 'bodymatter' | 'backmatter';
  /** Escaped markup inside `<body>`. */
  html: string;
  /** The nav document stands in the spine at this place (its markup comes from the nav template). */
  isNav?: boolean;
  /** Story id (model, unescaped) when this page holds a story. */
  storyId?: string;
}

export interface StoryFilesOptions {
  /** The book's language: a story in another says so on its sections, and its paragraphs in other scripts say theirs. */
  bookLanguage: string;
  /** The story's first file (chosen before its notes, which link back to it). */
  firstFile: string;
  /** A new, unused file name from a base name. */
  fileFor: (base: string) => string;
  manifestIds: Set<string>;
  /** Ids used in the story's files (shared with its notes). */
  ids: Set<string>;
  anchors: Anchors;
  notes: StoryNotes;
  sceneBreak: SceneBreak;
  limits: FileLimits;
  /** What each fragment of markup becomes in the file (the Kobo variant's sentence spans); sizes are measured after it. */
  finish: (html: string) => string;
  /** Where the print edition's pages begin in this story. */
  pageBreaks?: PageBreak[];
}

export interface StoryFiles {
  pages: EpubPage[];
  /** Model heading id → its link target (`file#id`), for the contents. */
  headingHrefs: Map<string, string>;
  /** The print edition's pages that begin in this story. */
  pageTargets: PageTarget[];
}

interface FilePart {
  file: string;
  parts: string[];
  bytes: number;
  /** Blocks of story text in the file. */
  blocks: number;
  /** Of those, blocks that are not headings. */
  text: number;
}

export function storyFiles(story: Story, o: StoryFilesOptions): StoryFiles {
  const sectionId = uniqueId(story.id, o.ids);
  const storyId = escapeXml(story.id);
  const headingIds = new Map<string, string>();
  const pages = o.pageBreaks?.length ? new PageMarks(o.pageBreaks, o.ids, o.anchors) : undefined;
  const language = story.language ?? o.bookLanguage;
  const writer: BlockWriter = { noteRef: o.notes.noteRef, afterBlock: o.notes.afterBlock, ids: o.ids, headingIds, anchors: o.anchors, sceneBreak: o.sceneBreak, language, ...(pages && { pages }) };
  // A story in another language than the book's says so in each of its files (and its direction when that differs too).
  const dir = languageDirection(language);
  const own = language !== o.bookLanguage ? `lang="${escapeXml(language)}" xml:lang="${escapeXml(language)}" ${dir !== languageDirection(o.bookLanguage) ? `dir="${dir}" ` : ''}` : '';
  const files: FilePart[] = [];
  const current = (): FilePart => files[files.length - 1]!;
  /** Markup as it goes into the file (Kobo spans added) and its size there. */
  const finish = (html: string): { markup: string; bytes: number } => {
    const markup = o.finish(html);
    return { markup, bytes: Buffer.byteLength(markup, 'utf8') + 1 };
  };
  const put = (part: { markup: string; bytes: number }): FilePart => {
    const file = current();
    file.parts.push(part.markup);
    file.bytes += part.bytes;
    return file;
  };
  const add = (html: string): void => void put(finish(html));
  const openFile = (file: string, sectionAttrs: string): void => {
    files.push({ file, parts: [], bytes: 0, blocks: 0, text: 0 });
    add(`<section class="story" ${sectionAttrs}${own}epub:type="chapter" role="doc-chapter" data-story="${storyId}">`);
  };
  const closeFile = (): void => add('</div>\n</section>');
  const continueInNewFile = (): void => {
    closeFile();
    openFile(o.fileFor(`${o.firstFile.replace(/\.xhtml$/, '')}-${files.length + 1}`), '');
    add('<div class="story-text">');
  };

  openFile(o.firstFile, `id="${sectionId}" `);
  // A page that begins with the story begins with its title.
  const storyStart = pages?.beforeBlock();
  if (storyStart) add(storyStart);
  add(`<header class="opener">\n${renderBlocks(story.opener, { noteRef: () => '', ids: o.ids, sceneBreak: o.sceneBreak, language })}\n</header>`);
  const start = o.notes.startMarkup();
  if (start) add(start);
  add('<div class="story-text">');
  o.anchors.place(o.firstFile);

  let previous: Block | undefined;
  const place = (block: Block, next: Block | undefined): void => {
    // Every chapter (every heading in the text: a part's heading stays with its first chapter's) starts a file.
    const chapter = block.type === 'heading' && current().text > 0;
    if (chapter || (current().blocks > 0 && block.type === 'sceneBreak' && current().bytes > o.limits.soft)) continueInNewFile();
    // A page that begins with this block: its marker goes before it (after a scene break, before the next text).
    // A scene break right before a heading shows no ornament (it would stand alone at the end of a chapter).
    const bare = block.type === 'sceneBreak' && next?.type === 'heading';
    let html = (pages && block.type !== 'sceneBreak' ? pages.beforeBlock() : '') + (bare ? sceneBreakHtml(o.sceneBreak, false) : renderBlock(block, previous, writer));
    const after = writer.afterBlock?.();
    if (after) html += `\n${after}`;
    const part = finish(html);
    if (current().blocks > 0 && current().bytes + part.bytes > o.limits.hard) continueInNewFile();
    const file = put(part);
    file.blocks++;
    if (block.type !== 'heading') file.text++;
    o.anchors.place(file.file);
    previous = block;
  };
  story.blocks.forEach((block, i) => {
    const next = story.blocks[i + 1];
    if (isLongParagraph(block)) for (const piece of cutLongParagraph(block)) place(piece, next);
    else place(block, next);
  });
  add('</div>');
  const end = o.notes.endMarkup();
  if (end) add(end);
  add('</section>');
  o.anchors.place(current().file);

  const headingHrefs = new Map<string, string>();
  for (const [modelId, id] of headingIds) headingHrefs.set(modelId, `${o.anchors.fileOf(id)}#${id}`);
  const manifestId = uniqueId(`story-${story.id}`, o.manifestIds);
  const filePages = files.map(
    (f, i): EpubPage => ({
      id: i === 0 ? manifestId : uniqueId(`${manifestId}-${i + 1}`, o.manifestIds),
      file: f.file,
      title: story.title,
      matter: 'bodymatter',
      html: f.parts.join('\n'),
      storyId: story.id,
    }),
  );
  return { pages: filePages, headingHrefs, pageTargets: pages?.targets() ?? [] };
}
