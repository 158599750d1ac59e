// The one configured markdown-it used to read chapter files and templates (raw HTML is text, footnotes on).
import MarkdownIt from 'markdown-it';
type MarkdownItInstance = ReturnType<typeof MarkdownIt>;
import footnote from 'markdown-it-footnote';

let instance: MarkdownItInstance | undefined;

/**
 * CommonMark with `html: false` (raw HTML stays text), no linkify, no typographer (the normaliser owns typography),
 * footnotes for author's notes, and pandoc's `[text]{.smallcaps}` for small caps.
 */
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
    instance.inline.ruler.before('link', 'quire_smallcaps', smallCaps);
  }
  return instance;
}

type InlineState = Parameters<Parameters<MarkdownItInstance['inline']['ruler']['push']>[1]>[0];
const SMALL_CAPS_ATTR = '{.smallcaps}';

/** `[text]{.smallcaps}` (pandoc's bracketed span with the class `smallcaps`) → smallcaps_open, its inlines, smallcaps_close. */
function smallCaps(state: InlineState, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
  const labelEnd = state.md.helpers.parseLinkLabel(state, state.pos, false);
  if (labelEnd < 0 || !state.src.startsWith(SMALL_CAPS_ATTR, labelEnd + 1)) return false;
  if (!silent) {
    const max = state.posMax;
    state.push('smallcaps_open', 'span', 1);
    state.pos += 1;
    state.posMax = labelEnd;
    state.md.inline.tokenize(state);
    state.posMax = max;
    state.push('smallcaps_close', 'span', -1);
  }
  state.pos = labelEnd + 1 + SMALL_CAPS_ATTR.length;
  return true;
}
