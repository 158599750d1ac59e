// Packs story sections (flows of set lines) into a number array and a string list, so a story job beside the layout can hand them back cheaply.
//
// Structured-cloning the objects of a 460k-word story (16 MB) costs about a second on the receiving thread;
// two flat arrays cost a fraction of that, and decoding builds the very objects the layout would have built.
import { FONT_KEYS, RUN_JOINS, type RunRole, type TextRun } from '../types.js';
import type { Section } from './page/sections.js';
import type { FlowItem, FlowLine } from './page/paginate.js';
import type { SetLine } from './paragraph/setter.js';

const FONTS = FONT_KEYS;
const ROLES: RunRole[] = ['text', 'heading', 'opener', 'matter', 'runningHead', 'folio', 'noteRef', 'note', 'toc', 'ornament', 'title'];

/** Optional run fields present (bit flags). */
const WORD_SPACING = 1;
const CHARACTER_SPACING = 2;
const STORY = 4;
const ADDED_HYPHEN = 8;
const HORIZONTAL_SCALING = 16;

/** Sections as flat data: `head` holds what is not a flow (JSON), `nums` and `strs` the flows. */
export interface PackedSections {
  head: string;
  nums: Float64Array;
  strs: string[];
}

class Writer {
  nums: number[] = [];
  strs: string[] = [];
  n(v: number): void {
    this.nums.push(v);
  }
  s(v: string): void {
    this.strs.push(v);
  }
}

class Reader {
  private i = 0;
  private j = 0;
  constructor(
    private readonly nums: Float64Array,
    private readonly strs: string[],
  ) {}
  n(): number {
    return this.nums[this.i++]!;
  }
  s(): string {
    return this.strs[this.j++]!;
  }
}

function writeLine(w: Writer, line: SetLine): void {
  w.n(line.runs.length);
  for (const r of line.runs) {
    const flags = (r.wordSpacing !== undefined ? WORD_SPACING : 0) | (r.characterSpacing !== undefined ? CHARACTER_SPACING : 0) | (r.story !== undefined ? STORY : 0) | (r.addedHyphen !== undefined ? ADDED_HYPHEN : 0) | (r.horizontalScaling !== undefined ? HORIZONTAL_SCALING : 0);
    w.n(flags);
    w.n(r.x);
    w.n(r.y);
    w.s(r.text);
    w.n(FONTS.indexOf(r.font));
    w.n(r.size);
    w.n(r.width);
    w.n(ROLES.indexOf(r.role));
    w.n(RUN_JOINS.indexOf(r.join));
    if (flags & CHARACTER_SPACING) w.n(r.characterSpacing!);
    if (flags & STORY) w.s(r.story!);
    if (flags & WORD_SPACING) w.n(r.wordSpacing!);
    if (flags & ADDED_HYPHEN) w.n(r.addedHyphen ? 1 : 0);
    if (flags & HORIZONTAL_SCALING) w.n(r.horizontalScaling!);
  }
  w.n(line.links.length);
  for (const l of line.links) {
    w.n(l.x);
    w.n(l.y);
    w.n(l.w);
    w.n(l.h);
    w.s(l.target);
  }
  w.n(line.destinations.length);
  for (const d of line.destinations) {
    w.s(d.name);
    w.n(d.x);
    w.n(d.y);
  }
  w.n(line.size);
  w.n(line.ratio === undefined ? 0 : 1);
  if (line.ratio !== undefined) w.n(line.ratio);
}

function readLine(r: Reader): SetLine {
  const runs: TextRun[] = new Array(r.n());
  for (let k = 0; k < runs.length; k++) {
    const flags = r.n();
    const run: TextRun = { kind: 'text', x: r.n(), y: r.n(), text: r.s(), font: FONTS[r.n()]!, size: r.n(), width: r.n(), role: ROLES[r.n()]!, join: RUN_JOINS[r.n()]! };
    if (flags & CHARACTER_SPACING) run.characterSpacing = r.n();
    if (flags & STORY) run.story = r.s();
    if (flags & WORD_SPACING) run.wordSpacing = r.n();
    if (flags & ADDED_HYPHEN) run.addedHyphen = r.n() === 1;
    if (flags & HORIZONTAL_SCALING) run.horizontalScaling = r.n();
    runs[k] = run;
  }
  const links: SetLine['links'] = new Array(r.n());
  for (let k = 0; k < links.length; k++) links[k] = { kind: 'link', x: r.n(), y: r.n(), w: r.n(), h: r.n(), target: r.s() };
  const destinations: SetLine['destinations'] = new Array(r.n());
  for (let k = 0; k < destinations.length; k++) destinations[k] = { name: r.s(), x: r.n(), y: r.n() };
  const size = r.n();
  return r.n() === 1 ? { runs, links, destinations, size, ratio: r.n() } : { runs, links, destinations, size };
}

function writeFlowLine(w: Writer, fl: FlowLine): void {
  writeLine(w, fl.line);
  w.n(fl.x);
  w.n(fl.units);
  w.s(fl.outline ? JSON.stringify(fl.outline) : '');
}

function readFlowLine(r: Reader): FlowLine {
  const line = readLine(r);
  const fl: FlowLine = { line, x: r.n(), units: r.n() };
  const outline = r.s();
  if (outline) fl.outline = JSON.parse(outline) as FlowLine['outline'];
  return fl;
}

function writeFlow(w: Writer, flow: FlowItem[]): void {
  w.n(flow.length);
  for (const item of flow) {
    if (item.kind === 'scene') {
      w.n(0);
      w.n(item.space);
      writeFlowLine(w, item.ornament);
      continue;
    }
    w.n(1);
    w.n(item.spaceBefore);
    w.n(item.spaceAfter);
    w.n(item.keepWithNext === undefined ? 2 : item.keepWithNext ? 1 : 0);
    w.n(item.breakable ? 1 : 0);
    w.n(item.lines.length);
    for (const fl of item.lines) writeFlowLine(w, fl);
  }
}

function readFlow(r: Reader): FlowItem[] {
  const flow: FlowItem[] = new Array(r.n());
  for (let k = 0; k < flow.length; k++) {
    if (r.n() === 0) {
      flow[k] = { kind: 'scene', space: r.n(), ornament: readFlowLine(r) };
      continue;
    }
    const spaceBefore = r.n();
    const spaceAfter = r.n();
    const keep = r.n();
    const breakable = r.n() === 1;
    const lines: FlowLine[] = new Array(r.n());
    for (let l = 0; l < lines.length; l++) lines[l] = readFlowLine(r);
    flow[k] = keep === 2 ? { kind: 'block', lines, spaceBefore, spaceAfter, breakable } : { kind: 'block', lines, spaceBefore, spaceAfter, keepWithNext: keep === 1, breakable };
  }
  return flow;
}

/** Flows as flat data (a story's text set in parts). */
export interface PackedFlows {
  nums: Float64Array;
  strs: string[];
}

/** Pack flows (lists of flow items). */
export function packFlows(flows: FlowItem[][]): PackedFlows {
  const w = new Writer();
  w.n(flows.length);
  for (const flow of flows) writeFlow(w, flow);
  return { nums: Float64Array.from(w.nums), strs: w.strs };
}

/** The flows packFlows packed. */
export function unpackFlows(packed: PackedFlows): FlowItem[][] {
  const r = new Reader(packed.nums, packed.strs);
  const flows: FlowItem[][] = new Array(r.n());
  for (let k = 0; k < flows.length; k++) flows[k] = readFlow(r);
  return flows;
}

/** Pack sections (their flows as numbers and strings, the rest as JSON). */
export function packSections(sections: Section[]): PackedSections {
  const w = new Writer();
  for (const s of sections) writeFlow(w, s.flow);
  const head = JSON.stringify(sections.map((s) => ({ ...s, flow: undefined })));
  return { head, nums: Float64Array.from(w.nums), strs: w.strs };
}

/** The sections packSections packed. */
export function unpackSections(packed: PackedSections): Section[] {
  const r = new Reader(packed.nums, packed.strs);
  const heads = JSON.parse(packed.head) as Array<Omit<Section, 'flow'>>;
  return heads.map((h) => ({ ...h, flow: readFlow(r) }));
}
