// Story text as laid out (for the lossless audit): runs of each story in page order, line-end hyphens rejoined.
import type { LaidOutBook } from './types.js';

/** story id → its words as laid out: blocks separated by blank lines, broken words rejoined. */
export function pdfStoryText(layout: LaidOutBook): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const page of layout.pages) {
    for (const run of page.runs) {
      if (run.story === undefined) continue;
      let list = parts.get(run.story);
      if (!list) parts.set(run.story, (list = []));
      if (list.length) list.push(run.join === 'para' ? '\n\n' : run.join === 'line' ? '\n' : run.join === 'space' ? ' ' : '');
      list.push(run.addedHyphen ? run.text.slice(0, -1) : run.text);
    }
  }
  const out = new Map<string, string>();
  for (const [id, list] of parts) out.set(id, list.join(''));
  return out;
}
