// Step `gutenberg`: removes a Project Gutenberg header and licence (recorded as boilerplate) and reads the title and author they name.
import { record as recordItem, type NormaliseState, type NormaliseStep, type SourceLine } from './state.js';

const START = /^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG\b/i;
const END = /^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG\b/i;
const END_LINE = /^\s*End of (?:the |this )?Project Gutenberg/i;
const PRODUCED = /^\s*(?:Produced by|E-?text prepared by|Transcribed from|Credits:)|^(?=.{0,120}$).*\b(?:Volunteers?|Distributed Proofread\w*|Online Distributed)\b/i;

/**
 * With a `*** START OF …` line: everything up to it is the header (its `Title:` and `Author:` are read). A
 * `*** END OF …` line starts the licence, to the end, also when the header was already taken off by hand.
 */
export const gutenberg: NormaliseStep = {
  name: 'gutenberg',
  run(state) {
    const lines = state.lines;
    const start = lines.findIndex((l) => START.test(l.text));
    let end = -1;
    for (let i = lines.length - 1; i > start; i--) if (END.test(lines[i]!.text)) {
      end = i;
      break;
    }
    if (start < 0 && end < 0) return;
    if (start >= 0) {
      const header = lines.slice(0, start + 1);
      for (const l of header) {
        const m = /^\s*(Title|Author):\s*(.+?)\s*$/i.exec(l.text);
        if (!m) continue;
        if (m[1]!.toLowerCase() === 'title') state.found.title ??= m[2]!;
        else state.found.author ??= m[2]!;
      }
      record(state, header, 'Project Gutenberg header', 'the lines up to "*** START OF … PROJECT GUTENBERG"');
    }
    let body = end >= 0 ? lines.slice(start + 1, end) : lines.slice(start + 1);
    if (end >= 0) record(state, lines.slice(end), 'Project Gutenberg licence', 'from "*** END OF … PROJECT GUTENBERG" to the end');
    // A "Produced by …" credit paragraph right after the START line is boilerplate too.
    const firstText = body.findIndex((l) => l.text.trim() !== '');
    if (start >= 0 && firstText >= 0 && firstText < 12 && PRODUCED.test(body[firstText]!.text)) {
      let stop = firstText;
      while (stop < body.length && body[stop]!.text.trim() !== '') stop++;
      record(state, body.slice(firstText, stop), 'Project Gutenberg credit', 'a production credit right after the START line');
      body = [...body.slice(0, firstText), ...body.slice(stop)];
    }
    // "End of the Project Gutenberg EBook of …" just before the END line.
    let last = body.length - 1;
    while (last >= 0 && body[last]!.text.trim() === '') last--;
    if (last >= 0 && END_LINE.test(body[last]!.text)) {
      record(state, body.slice(last, last + 1), 'Project Gutenberg end line', '"End of the Project Gutenberg …" before the licence');
      body = body.slice(0, last);
    }
    state.lines = body;
  },
};

function record(state: NormaliseState, lines: SourceLine[], what: string, evidence: string): void {
  const text = lines.map((l) => l.text).join('\n').trim();
  if (!text) return;
  recordItem(state, { kind: 'boilerplate', action: 'removed', line: lines[0]!.line, text, rule: 'gutenberg', evidence }, `removed the ${what} (${lines.length} lines)`);
}
