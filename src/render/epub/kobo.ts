// Kobo kepub variant: wraps each sentence of the text in koboSpan elements (the body's column divs come from the page template).

/** Elements whose text is reading text (each opening one starts a new koboSpan paragraph number). */
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);
/** Text inside these is left as is (note numbers, back-links, the contents list). */
const SKIP = new Set(['a', 'title', 'style', 'nav']);

/** Split escaped text after sentence ends (keeping the space with the sentence before it). */
export function splitSentences(text: string): string[] {
  const parts = text.split(/(?<=[.!?…。！？]["”’»)\]]*\s+)/u);
  return parts.filter((p) => p.length > 0);
}

/**
 * Adds koboSpans to fragments of one book's XHTML bodies (quire's own markup: no comments or CDATA, text already
 * escaped; each fragment's elements balanced, or left open at its end). Ids are `kobo.<block>.<sentence>`; the
 * block number runs on through every fragment given to one spanner, so the ids stay unique in every file however
 * the fragments are gathered into files.
 */
export class KoboSpanner {
  private block = 0;

  span(fragment: string): string {
    const tokens = fragment.split(/(<[^>]+>)/);
    const stack: string[] = [];
    let sentence = 0;
    let out = '';
    for (const token of tokens) {
      if (token.startsWith('<')) {
        const m = /^<(\/?)([A-Za-z][\w:-]*)/.exec(token);
        if (m) {
          const [, closing, name] = m as unknown as [string, string, string];
          if (closing) {
            const at = stack.lastIndexOf(name);
            if (at >= 0) stack.length = at;
          } else if (!token.endsWith('/>')) {
            stack.push(name);
            if (BLOCKS.has(name)) {
              this.block++;
              sentence = 0;
            }
          }
        }
        out += token;
        continue;
      }
      if (!token.trim() || !stack.some((n) => BLOCKS.has(n)) || stack.some((n) => SKIP.has(n))) {
        out += token;
        continue;
      }
      for (const piece of splitSentences(token)) {
        sentence++;
        out += `<span class="koboSpan" id="kobo.${this.block}.${sentence}">${piece}</span>`;
      }
    }
    return out;
  }
}
