// Step `gutenberg`: removes a Project Gutenberg header and licence (recorded as boilerplate) and reads the title and author they name.
import type { NormaliseState, NormaliseStep, SourceLine } from './state.js';

const START = /^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG\b/i;
const END = /^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG\b/i;
const PRODUCED = /^\s*(?:Produced by|E-?text prepared by|Transcribed from|Credits:)|^(?=.{0,120}$).*\b(?:Volunteers?|Distributed Proofread\w*|Online Distributed)\b/i;

export const gutenberg: NormaliseStep = {
  name: 'gutenberg',
  run(state) {
    const lines = state.lines;
    const start = lines.findIndex((l) => START.test(l.text));
    if (start < 0) return;
    let end = -1;
    for (let i = lines.length - 1; i > start; i--) if (END.test(lines[i]!.text)) {
      end = i;
      break;
    }
    const header = lines.slice(0, start + 1);
    for (const l of header) {
      const m = /^\s*(Title|Author):\s*(.+?)\s*$/i.exec(l.text);
      if (!m) continue;
      if (m[1]!.toLowerCase() === 'title') state.found.title ??= m[2]!;
      else state.found.author ??= m[2]!;
    }
    record(state, header, 'Project Gutenberg header');
    let body = end >= 0 ? lines.slice(start + 1, end) : lines.slice(start + 1);
    if (end >= 0) record(state, lines.slice(end), 'Project Gutenberg licence');
    // A "Produced by …" credit paragraph right after the START line is boilerplate too.
    const firstText = body.findIndex((l) => l.text.trim() !== '');
    if (firstText >= 0 && firstText < 12 && PRODUCED.test(body[firstText]!.text)) {
      let stop = firstText;
      while (stop < body.length && body[stop]!.text.trim() !== '') stop++;
      record(state, body.slice(firstText, stop), 'Project Gutenberg credit');
      body = [...body.slice(0, firstText), ...body.slice(stop)];
    }
    // "End of the Project Gutenberg EBook of …" just before the END line.
    let last = body.length - 1;
    while (last >= 0 && body[last]!.text.trim() === '') last--;
    if (last >= 0 && /^\s*End of (?:the |this )?Project Gutenberg/i.test(body[last]!.text)) {
      record(state, body.slice(last, last + 1), 'Project Gutenberg end line');
      body = body.slice(0, last);
    }
    state.lines = body;
  },
};

function record(state: NormaliseState, lines: SourceLine[], what: string): void {
  const text = lines.map((l) => l.text).join('\n').trim();
  if (!text) return;
  state.removed.push({ kind: 'boilerplate', action: 'removed', line: lines[0]!.line, text });
  state.messages.info('gutenberg', `removed the ${what} (${lines.length} lines)`, state.options.file, lines[0]!.line);
}
