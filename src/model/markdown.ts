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
    // Author's notes that stood at the start or end of a story have no reference in the text;
    // markdown-it-footnote would drop such definitions, so register every one as used.
    instance.core.ruler.before('footnote_tail', 'quire_keep_unreferenced_notes', (state) => {
      const footnotes = (state.env as { footnotes?: { refs?: Record<string, number>; list?: Array<{ label: string; count: number }> } }).footnotes;
      if (!footnotes?.refs) return false;
      footnotes.list ??= [];
      for (const [key, id] of Object.entries(footnotes.refs)) {
        if (id >= 0) continue;
        footnotes.refs[key] = footnotes.list.length;
        footnotes.list.push({ label: key.slice(1), count: 0 });
      }
      return true;
    });
  }
  return instance;
}
