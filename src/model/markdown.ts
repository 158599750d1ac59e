// The one configured markdown-it used to read chapter files and templates (raw HTML is text, footnotes on).
import MarkdownIt from 'markdown-it';
type MarkdownItInstance = ReturnType<typeof MarkdownIt>;
import footnote from 'markdown-it-footnote';

let instance: MarkdownItInstance | undefined;

/** Block nesting (quotes, lists) a chapter may have: deeper is an error (markdown-it would drop what lies past MAX_NESTING). */
export const MAX_BLOCK_DEPTH = 300;
const MAX_NESTING = 400;

/**
 * CommonMark with `html: false` (raw HTML stays text), no linkify, no typographer (the normaliser owns typography),
 * footnotes for author's notes, and pandoc's `[text]{.smallcaps}` for small caps.
 */
export function quireMarkdown(): MarkdownItInstance {
  if (!instance) {
    instance = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false, maxNesting: MAX_NESTING });
    // markdown-it drops what lies deeper than maxNesting: flag a file that nests that deep before it does.
    instance.block.ruler.before('code', 'quire_too_deep', (state, startLine) => {
      if (state.level >= MAX_BLOCK_DEPTH) (state.env as { tooDeep?: number }).tooDeep ??= startLine;
      return false;
    });
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
