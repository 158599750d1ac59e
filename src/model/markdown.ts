// The one configured markdown-it used to read chapter files and templates (raw HTML is text, footnotes on).
import MarkdownIt from 'markdown-it';
type MarkdownItInstance = ReturnType<typeof MarkdownIt>;
import footnote from 'markdown-it-footnote';

let instance: MarkdownItInstance | undefined;

/** CommonMark with `html: false` (raw HTML stays text), no linkify, no typographer (the normaliser owns typography), footnotes for author's notes. */
export function quireMarkdown(): MarkdownItInstance {
  if (!instance) {
    instance = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
    instance.use(footnote);
  }
  return instance;
}
