// Cuts long texts into many story files at paragraph breaks, for the many-stories benchmark case.

export interface TextSource {
  /** Short name used in the cut files' names, e.g. `war-and-peace`. */
  name: string;
  text: string;
}

export interface CutStory {
  /** Name of the source the piece came from. */
  source: string;
  /** 1-based number of the piece within its source. */
  part: number;
  text: string;
}

const WORD = /\S+/g;
const PARAGRAPH_BREAK = /\r?\n[ \t]*\r?\n/g;

/** Number of whitespace-separated words. */
export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

/**
 * Cut one text into `parts` pieces of about the same number of words, only at paragraph breaks
 * (a blank line). The pieces concatenate back to the text exactly. Fewer pieces come back when the
 * text has fewer paragraphs than `parts`.
 */
export function cutText(text: string, parts: number): string[] {
  if (parts <= 1 || text.length === 0) return [text];
  const breaks: Array<{ at: number; words: number }> = [];
  let words = 0;
  let from = 0;
  for (const m of text.matchAll(PARAGRAPH_BREAK)) {
    const at = m.index + m[0].length;
    words += countWords(text.slice(from, at));
    from = at;
    if (at < text.length) breaks.push({ at, words });
  }
  const total = words + countWords(text.slice(from));
  const pieces: string[] = [];
  let start = 0;
  let b = 0;
  for (let k = 1; k < parts; k++) {
    const target = (total * k) / parts;
    while (b < breaks.length && (breaks[b]!.words < target || breaks[b]!.at <= start)) b++;
    if (b >= breaks.length) break;
    pieces.push(text.slice(start, breaks[b]!.at));
    start = breaks[b]!.at;
    b++;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** Share `count` among weights by largest remainder; every weight > 0 gets at least one. */
export function apportion(weights: number[], count: number): number[] {
  const positive = weights.filter((w) => w > 0).length;
  if (count < positive) throw new Error(`cannot share ${count} pieces among ${positive} sources`);
  const total = weights.reduce((a, b) => a + b, 0);
  const spare = count - positive;
  const exact = weights.map((w) => (w > 0 ? (spare * w) / total : 0));
  const shares = weights.map((w, i) => (w > 0 ? 1 + Math.floor(exact[i]!) : 0));
  let left = count - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (weights[i]! > 0) {
      shares[i]!++;
      left--;
    }
  }
  return shares;
}

/** Cut several texts into `count` stories in total, each text's share proportional to its words. */
export function cutIntoStories(sources: TextSource[], count: number): CutStory[] {
  const shares = apportion(
    sources.map((s) => countWords(s.text)),
    count,
  );
  return sources.flatMap((s, i) => cutText(s.text, shares[i]!).map((text, k) => ({ source: s.name, part: k + 1, text })));
}
