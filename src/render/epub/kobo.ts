// Kobo kepub variant: wraps each sentence of a page's text in koboSpan elements and the body in Kobo's column divs.

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
 * Add koboSpans to one of quire's XHTML pages (well-formed, no comments or CDATA, text already escaped).
 * Ids are `kobo.<block>.<sentence>`, unique in the file, as Kobo's reader expects.
 */
export function addKoboSpans(xhtml: string): string {
  const tokens = xhtml.split(/(<[^>]+>)/);
  const stack: string[] = [];
  let block = 0;
  let sentence = 0;
  let inBody = false;
  let out = '';
  for (const token of tokens) {
    if (token.startsWith('<')) {
      const m = /^<(\/?)([A-Za-z][\w:-]*)/.exec(token);
      if (m && !token.startsWith('<?') && !token.startsWith('<!')) {
        const [, closing, name] = m as unknown as [string, string, string];
        const selfClosing = token.endsWith('/>');
        if (name === 'body') {
          if (closing) {
            out += '</div></div>\n</body>';
            inBody = false;
            continue;
          }
          out += `${token}\n<div id="book-columns"><div id="book-inner">`;
          inBody = true;
          continue;
        }
        if (closing) {
          const at = stack.lastIndexOf(name);
          if (at >= 0) stack.length = at;
        } else if (!selfClosing) {
          stack.push(name);
          if (BLOCKS.has(name)) {
            block++;
            sentence = 0;
          }
        }
      }
      out += token;
      continue;
    }
    const inBlock = stack.some((n) => BLOCKS.has(n));
    if (!inBody || !inBlock || stack.some((n) => SKIP.has(n)) || !token.trim()) {
      out += token;
      continue;
    }
    for (const piece of splitSentences(token)) {
      sentence++;
      out += `<span class="koboSpan" id="kobo.${block}.${sentence}">${piece}</span>`;
    }
  }
  return out;
}
