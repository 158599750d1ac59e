// Step `gutenberg`: removes a Project Gutenberg header and licence, or an Aozora Bunko header and colophon (recorded as boilerplate), and reads the title and author they name.
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
    if (start < 0 && end < 0) return aozora(state);
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
    aozora(state);
  },
};

const AOZORA_SYMBOLS = /^【テキスト中に現れる記号について】/;
const DASHES = /^-{20,}\s*$/;
const AOZORA_SOURCE = /^\s*底本[:：]/;

/**
 * Aozora Bunko: the title and author lines, then a block explaining the markup between two dashed lines; at the
 * end, a colophon from `底本：` (the source edition, who typed and proofread it).
 */
function aozora(state: NormaliseState): void {
  if (!state.text.includes('底本') && !state.text.includes('【テキスト中に現れる記号について】')) return;
  const lines = state.lines;
  const symbols = lines.slice(0, 80).findIndex((l) => AOZORA_SYMBOLS.test(l.text.trim()));
  if (symbols > 0) {
    const open = lines.slice(0, symbols).findLastIndex((l) => DASHES.test(l.text));
    const close = lines.findIndex((l, i) => i > symbols && DASHES.test(l.text));
    if (open >= 0 && close > symbols) {
      const head = lines.slice(0, open).filter((l) => l.text.trim() !== '');
      if (head.length >= 1 && head.length <= 4) {
        state.found.title ??= head[0]!.text.trim();
        if (head[1]) state.found.author ??= head[1].text.trim();
        for (const l of head) recordItem(state, { kind: 'titleLine', action: 'moved', line: l.line, text: l.text.trim(), rule: 'title-line', evidence: 'the title and author lines of an Aozora Bunko text' }, 'took a title line');
      }
      record(state, lines.slice(open, close + 1), 'Aozora Bunko notes on its markup', 'the block between dashed lines that explains 《》 and ［＃］');
      state.lines = lines.slice(close + 1);
    }
  }
  const body = state.lines;
  const from = Math.floor(body.length * 0.5);
  const colophon = body.findIndex((l, i) => i >= from && AOZORA_SOURCE.test(l.text));
  if (colophon >= 0) {
    record(state, body.slice(colophon), 'Aozora Bunko colophon', 'from "底本：" (the source edition and who typed it) to the end');
    state.lines = body.slice(0, colophon);
  }
}

function record(state: NormaliseState, lines: SourceLine[], what: string, evidence: string): void {
  const text = lines.map((l) => l.text).join('\n').trim();
  if (!text) return;
  const last = lines[lines.length - 1]!.line;
  recordItem(state, { kind: 'boilerplate', action: 'removed', line: lines[0]!.line, ...(last > lines[0]!.line && { lastLine: last }), text, rule: what.startsWith('Aozora') ? 'aozora' : 'gutenberg', evidence }, `removed the ${what} (${lines.length} lines)`);
}
