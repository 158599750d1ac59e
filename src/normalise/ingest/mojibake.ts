// Repairs mojibake — UTF-8 read through a single-byte encoding, once or more — line by line, only where the line looks wrong and the repair is clearly better.
import { badness, isBad } from './badness.js';
import { CHARSETS, encodeAs, type Charset } from './charsets.js';
import { decodeUtf8, replaceLostBytes, restoreA0 } from './utf8-bytes.js';

const WIN1252 = CHARSETS.find((cs) => cs.name === 'windows-1252')!;

const LATIN_LIKE = (cs: Charset): boolean => cs.name !== 'macintosh' && cs.name !== 'cp437';

/**
 * Characters the bytes in [lo, hi] stand for in the charsets that keep Latin-1's letters in place (not MacRoman
 * or DOS, whose continuation bytes are ordinary letters), as a regex class body.
 */
function charsOfBytes(lo: number, hi: number, except = ''): string {
  const set = new Set<string>();
  for (const cs of CHARSETS) if (LATIN_LIKE(cs)) for (let b = lo; b <= hi; b++) set.add(cs.decode[b]!);
  for (const c of except) set.delete(c);
  return escapeClass([...set].join(''));
}

function escapeClass(chars: string): string {
  return [...chars].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

const LEAD2 = charsOfBytes(0xc2, 0xdf);
const LEAD3 = charsOfBytes(0xe0, 0xef);
/** F0 (planes 1–3: emoji, historic scripts) and F3 (tags); F1, F2 and F4 lead only to unassigned or private planes. */
const LEAD4 = charsOfBytes(0xf0, 0xf0) + charsOfBytes(0xf3, 0xf3);
/** Continuation bytes, with a space that may stand for 0xA0. */
const CONT = `${charsOfBytes(0x80, 0xbf)} `;
/** Continuation characters that rarely stand for themselves next to mojibake (not dashes, quotes, bullets, ellipses). */
const CONT_STRICT = charsOfBytes(0x80, 0xbf, '\u2013\u2014\u2015\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026');

/**
 * A run of characters that each could be one UTF-8 sequence as read through some charset, not right after a
 * strict continuation character (so a repair never starts inside a larger garble).
 */
const UTF8_RUN = new RegExp(`(?<![${CONT_STRICT}])(?:[${LEAD2}][${CONT}]|[${LEAD3}][${CONT}]{2}|[${LEAD4}][${CONT}]{3})+`, 'g');
/**
 * A quick test that the text might hold mojibake at `i`: a lead character followed by a continuation one of the
 * same charsets (or, in the Latin-1-like ones, by a space, `?` or U+FFFD that may stand for one), or a C1 control.
 * One flag table over the BMP: a bit per role (lead, continuation) per charset group.
 */
const FLAGS = new Uint8Array(0x10000);
const [LATIN_LEAD, LATIN_CONT, C1_FLAG] = [1, 2, 4];
const OTHERS = CHARSETS.filter((cs) => !LATIN_LIKE(cs));
for (const cs of CHARSETS) {
  const k = OTHERS.indexOf(cs);
  const [lead, cont] = k < 0 ? [LATIN_LEAD, LATIN_CONT] : [8 << (2 * k), 16 << (2 * k)];
  for (let b = 0xc2; b <= 0xf4; b++) FLAGS[cs.decode[b]!.charCodeAt(0)]! |= lead;
  for (let b = 0x80; b <= 0xbf; b++) FLAGS[cs.decode[b]!.charCodeAt(0)]! |= cont;
}
for (const c of ' ?\ufffd') FLAGS[c.charCodeAt(0)]! |= LATIN_CONT;
for (let c = 0x80; c <= 0x9f; c++) FLAGS[c]! |= C1_FLAG;
const LEADS = LATIN_LEAD | OTHERS.reduce((bits, _, k) => bits | (8 << (2 * k)), 0);

function maybeAt(text: string, i: number): boolean {
  const f = FLAGS[text.charCodeAt(i)]!;
  if (f & C1_FLAG) return true;
  const next = FLAGS[text.charCodeAt(i + 1)] ?? 0;
  // A lead bit shifted left by one is the continuation bit of the same group.
  return (((f & LEADS) << 1) & next) !== 0;
}

/** The position of the first place in text[from…] that might hold mojibake, or -1. */
function maybeFrom(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text.charCodeAt(i) >= 0x80 && maybeAt(text, i)) return i;
  return -1;
}

const C1 = /[\u0080-\u009f]/g;

/** How a segment was repaired, for the report. */
export type RepairStep = string;

interface Repaired {
  text: string;
  steps: RepairStep[];
  /** The repair needed a space read as a lost no-break space (byte 0xA0): weak evidence on its own. */
  a0: boolean;
}

/** The text's bytes in one charset, read as UTF-8; undefined when that is not possible. */
function redecodeAll(text: string, cs: Charset): { text: string; a0: boolean } | undefined {
  const bytes = encodeAs(text, cs);
  if (bytes === undefined) return undefined;
  const restored = cs.spaceForA0 ? restoreA0(bytes) : bytes;
  const out = decodeUtf8(cs.lossy ? replaceLostBytes(restored) : restored);
  return out === undefined ? undefined : { text: out, a0: restored !== bytes };
}

/** A run of non-ASCII characters (glued to a word when an ASCII letter or digit touches it). */
const GLUED_RUN = /[^\x00-\x7f]+/g;
const ALNUM = /[A-Za-z0-9]/;
/** What a misread run glued to ASCII letters or digits may stand for: no letter of another script, nor IPA. */
const PLAUSIBLE_IN_LATIN = /^(?:(?![\u0250-\u02af])\p{Script=Latin}|\P{L})+$/u;
/**
 * A letter that would not be plausible there: when a re-decoded line has none, no run needs a second look.
 * (The first test skips the common case cheaply: Latin letters, punctuation and symbols below U+2C00.)
 */
const MAYBE_OTHER_SCRIPT = /[\u0250-\u02af\u0370-\u1dff\u1f00-\u1fff\u2c00-\uffff]/;
const OTHER_SCRIPT = /[\u0250-\u02af]|(?!\p{Script=Latin})\p{L}/u;

/**
 * Re-decode the whole text through one charset, except for runs that look right where they stand and would
 * turn into a letter of another script inside a Latin word or number (`café »` → `caf頻`, `NESTLÉ®` →
 * `NESTLɮ`, `5×£35` → `5ף35`): a line with mojibake elsewhere does not make those mojibake.
 */
function redecode(text: string, cs: Charset): { text: string; a0: boolean } | undefined {
  const whole = redecodeAll(text, cs);
  if (whole === undefined || whole.text === text) return undefined;
  if (!MAYBE_OTHER_SCRIPT.test(whole.text) || !OTHER_SCRIPT.test(whole.text)) return whole;
  const keep: Array<[number, number]> = [];
  for (const m of text.matchAll(GLUED_RUN)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!ALNUM.test(text[start - 1] ?? '') && !ALNUM.test(text[end] ?? '')) continue;
    if (isBad(text.slice(Math.max(0, start - 2), end + 2))) continue;
    const alone = redecodeAll(m[0], cs);
    if (alone !== undefined && alone.text !== m[0] && !PLAUSIBLE_IN_LATIN.test(alone.text)) keep.push([start, end]);
  }
  if (keep.length === 0) return whole;
  let out = '';
  let a0 = false;
  let at = 0;
  for (const [start, end] of [...keep, [text.length, text.length] as [number, number]]) {
    const piece = redecodeAll(text.slice(at, start), cs);
    if (piece === undefined) return undefined;
    out += piece.text + text.slice(start, end);
    a0 ||= piece.a0;
    at = end;
  }
  return out === text ? undefined : { text: out, a0 };
}

/**
 * Badness of a repair's result, to compare with the text's: a U+FFFD counts as neither good nor bad there, as a
 * repair that recovers all but a character lost before it is still a repair.
 */
function score(text: string): number {
  return badness(text.includes('\ufffd') ? text.replace(/\ufffd/g, '#') : text);
}

/** One repair of a segment that looks wrong, or undefined when there is none that makes it better. */
function repairOnce(text: string, depth: number): (Repaired & { clean: boolean }) | undefined {
  // The text's badness (known to be above 0), counted only when a repair that is not spotless needs comparing.
  let known = -1;
  const badnessOfText = (): number => (known < 0 ? (known = badness(text)) : known);
  // 1. The whole segment is UTF-8 read through one charset. A step that does not make it better counts only when
  //    the steps after it do (mojibake of mojibake can look no better halfway).
  for (const cs of CHARSETS) {
    const out = redecode(text, cs);
    if (out === undefined) continue;
    const step = `UTF-8 read as ${cs.name}`;
    const outBad = score(out.text);
    if (outBad === 0) return { text: out.text, steps: [step], a0: out.a0, clean: !out.text.includes('\ufffd') };
    const bad = badnessOfText();
    if (outBad < bad) return { text: out.text, steps: [step], a0: out.a0, clean: false };
    if (depth < 3) {
      const further = repairSegment(out.text, depth + 1);
      if (score(further.text) < bad) return { text: further.text, steps: [step, ...further.steps], a0: out.a0 || further.a0, clean: false };
    }
  }
  // 2. Mojibake inside otherwise correct text: each run of UTF-8-like characters that looks wrong by itself, when
  //    there is enough of it: one pair (`Ã”` in `“IRMÃ”`, `É’` in `CAFÉ’S`) may well be meant, and so may `Ã` or
  //    `Â` before a space (read as `à` and a no-break space only beside runs that are mojibake without that guess).
  const runs: Array<{ run: string; fixed: Repaired }> = [];
  for (const m of text.matchAll(UTF8_RUN)) {
    const run = m[0];
    if (run.length >= text.length || !isBad(run)) continue;
    const fixed = repairSegment(run, depth + 1);
    if (fixed.text !== run) runs.push({ run, fixed });
  }
  const evidence = runs.filter((r) => !r.fixed.a0).reduce((n, r) => n + r.run.length, 0);
  if (evidence >= 3) {
    const byRun = new Map(runs.map((r) => [r.run, r.fixed.text]));
    const inner = text.replace(UTF8_RUN, (run) => byRun.get(run) ?? run);
    if (score(inner) < badnessOfText()) return { text: inner, steps: ['UTF-8 read as a single-byte encoding, in part of the line'], a0: false, clean: false };
  }
  // 3. C1 controls that stand for the Windows-1252 characters at their bytes (`\x93…\x94` → `“…”`), as browsers read them.
  if (C1.test(text)) {
    C1.lastIndex = 0;
    const out = text.replace(C1, (c) => WIN1252.decode[c.charCodeAt(0)]!);
    if (out !== text) return { text: out, steps: ['C1 controls read as Windows-1252'], a0: false, clean: false };
  }
  return undefined;
}

/** Repair one segment (a line) until it no longer looks wrong or no repair improves it. */
export function repairSegment(text: string, depth = 0): Repaired {
  const steps: RepairStep[] = [];
  let current = text;
  let a0 = false;
  for (let pass = 0; pass < 8; pass++) {
    if (maybeFrom(current, 0) < 0 || !isBad(current)) break;
    const next = repairOnce(current, depth);
    if (!next) break;
    current = next.text;
    steps.push(...next.steps);
    a0 ||= next.a0;
    // A repair whose result has no sequence that looks wrong (and no U+FFFD) needs no second look.
    if (next.clean) break;
  }
  return { text: current, steps, a0 };
}

export interface MojibakeRepair {
  line: number;
  before: string;
  after: string;
  /** How it was repaired, e.g. `UTF-8 read as windows-1252` (twice: two steps). */
  steps: RepairStep[];
}

/** The charset and count of a repair that was the same whole-line re-decoding once or more (`UTF-8 read as X`). */
function wholeLineReading(steps: RepairStep[]): string | undefined {
  const m = /^UTF-8 read as (\S+)$/.exec(steps[0] ?? '');
  return m && steps.every((s) => s === steps[0]) ? `${m[1]}×${steps.length}` : undefined;
}
/** The same for the many repairs that share one array of steps (the lines of a story re-decoded a block at a time). */
const readingOf = (() => {
  let last: RepairStep[] | undefined;
  let reading: string | undefined;
  return (steps: RepairStep[]): string | undefined => (steps === last ? reading : ((last = steps), (reading = wholeLineReading(steps))));
})();

/**
 * Repair each line that looks like mojibake; lines that look right are left alone. Then, when lines of the story
 * were one misreading (say UTF-8 read as Windows-1252), a line that did not look wrong by itself but re-decodes
 * the same way into text that looks right is repaired too (a lone `Ã”` is `Ô` there, while in a correct story
 * it may be `“IRMÃ”`).
 */
export function repairMojibake(text: string): { text: string; repairs: MojibakeRepair[] } {
  const looked = lookedAt(text);
  const repairs: MojibakeRepair[] = [];
  const readings = new Map<string, number>();
  for (const l of looked) {
    if (l.after === l.before) continue;
    repairs.push({ line: l.index + 1, before: l.before, after: l.after, steps: l.steps });
    const key = readingOf(l.steps);
    if (key) readings.set(key, (readings.get(key) ?? 0) + 1);
  }
  const [reading] = [...readings].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (reading) {
    const [name, times] = reading.split('×');
    const cs = CHARSETS.find((c) => c.name === name)!;
    for (const l of looked) {
      if (l.after !== l.before) continue;
      let after: string | undefined = l.before;
      for (let k = 0; k < Number(times) && after !== undefined; k++) after = redecode(after, cs)?.text;
      if (after === undefined || isBad(after)) continue;
      l.after = after;
      repairs.push({ line: l.index + 1, before: l.before, after, steps: Array.from({ length: Number(times) }, () => `UTF-8 read as ${name}, as elsewhere in the story`) });
    }
    repairs.sort((a, b) => a.line - b.line);
  }
  if (repairs.length === 0) return { text, repairs };
  let out = '';
  let at = 0;
  for (const l of looked) {
    out += text.slice(at, l.start) + l.after;
    at = l.end;
  }
  return { text: out + text.slice(at), repairs };
}

interface Looked {
  /** [start, end) offsets of the line in the story, its 0-based index, its text and what repairSegment made of it. */
  start: number;
  end: number;
  index: number;
  before: string;
  after: string;
  steps: RepairStep[];
}

/** Lines of a story misread throughout are re-decoded this many at a time once the misreading is known. */
const BLOCK = 64;
/** …known from this many lines repaired the same way by Latin-1 or Windows-1252. */
const KNOWN_AFTER = 8;

/**
 * The lines worth a look (where `maybeFrom` finds something), each repaired by `repairSegment`, found in one pass.
 * Once KNOWN_AFTER lines were UTF-8 read as Latin-1 or Windows-1252, the rest is re-decoded a block of lines at
 * a time through that charset (much faster than line by line), and a line that comes out looking right takes
 * it (as the story-wide pass of `repairMojibake` would); a line whose block fails, or whose re-decoding still
 * looks wrong, has a U+FFFD or meets a letter of another script, goes through `repairSegment` as before.
 */
function lookedAt(text: string): Looked[] {
  const looked: Looked[] = [];
  let line = 0;
  let counted = 0;
  const fast = new Map<string, number>();
  let known: Charset | undefined;
  let knownSteps: RepairStep[] | undefined;
  let block: { end: number; lines: string[]; first: number } | undefined;
  for (let at = maybeFrom(text, 0); at >= 0; ) {
    const start = text.lastIndexOf('\n', at - 1) + 1;
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
    counted = start;
    const before = text.slice(start, end);
    if (known && (!block || line >= block.first + block.lines.length)) block = blockAt(text, start, line, known);
    const quick = block?.lines[line - block.first];
    if (quick !== undefined && quick !== before && !quick.includes('\ufffd') && !isBad(quick) && !OTHER_SCRIPT_QUICK(quick)) {
      looked.push({ start, end, index: line, before, after: quick, steps: knownSteps! });
    } else {
      const { text: after, steps } = repairSegment(before);
      looked.push({ start, end, index: line, before, after, steps });
      const key = steps.length === 1 ? steps[0]! : '';
      if (!known && (key === 'UTF-8 read as iso-8859-1' || key === 'UTF-8 read as windows-1252')) {
        fast.set(key, (fast.get(key) ?? 0) + 1);
        if (fast.get(key)! >= KNOWN_AFTER) {
          known = CHARSETS.find((cs) => key.endsWith(cs.name));
          knownSteps = steps;
        }
      }
    }
    at = maybeFrom(text, end);
  }
  return looked;
}

const OTHER_SCRIPT_QUICK = (t: string): boolean => MAYBE_OTHER_SCRIPT.test(t) && OTHER_SCRIPT.test(t);

/** The next BLOCK lines from `start` (line `first`), re-decoded together through `cs`; no lines when that fails. */
function blockAt(text: string, start: number, first: number, cs: Charset): { end: number; lines: string[]; first: number } {
  let end = start;
  for (let k = 0; k < BLOCK && end >= 0; k++) end = text.indexOf('\n', end + 1);
  if (end < 0) end = text.length;
  const out = redecodeAll(text.slice(start, end), cs);
  return { end, lines: out ? out.text.split('\n') : [], first };
}
