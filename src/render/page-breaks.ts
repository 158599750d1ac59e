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
 * What separates words when pages are counted: white space (any, as `\s`). Both sides count the same text (the
 * lossless audit holds them equal word for word), so a count of words finds the same place in both.
 */
export function isWordSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code >= 0x80 && /\s/.test(String.fromCharCode(code));
}
