// Where the print edition's pages begin in the stories, as the PDF's layout finds them and the EPUB marks them.

/** Where a page of the print edition begins in a story: before its `word`-th word (0-based, words as `isWordSpace` separates them). */
export interface PageBreak {
  word: number;
  /** The page's number as printed. */
  label: string;
}

/** The page list of the print edition: its name (the EPUB's pageBreakSource) and each story's page breaks, in order. */
export interface PageList {
  source: string;
  breaks: Map<string, PageBreak[]>;
}

/**
 * What separates words when pages are counted: white space, as `\s` has it (tab to carriage return, space, no-break
 * space, U+1680, U+2000–U+200A, line and paragraph separators, U+202F, U+205F, U+3000, U+FEFF). Both sides count
 * the same text (the lossless audit holds them equal word for word), so a count of words finds the same place in
 * both. (Written out rather than tested with /\s/: curly quotes and dashes are common and would each take a regex.)
 */
export function isWordSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}
