// fontkit's default layout() of a short Latin/Greek/Cyrillic string, replayed from the font tables (single and ligature substitution, single and pair positioning); undefined wherever fontkit could do anything else.
import { classOf, coverageIndex, defaultFeatureIndexes, type LayoutTable, type Lookup, type OpenTypeFont } from './opentype.js';

/** fontkit's default shaping plan: one stage with these features, in this order (frac/numr/dnom only around U+2044). */
const FEATURES = ['rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'];
const LOCAL_FEATURES = new Set(['frac', 'numr', 'dnom']);
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn'];

const LATIN = /\p{Script=Latin}/u;
const GREEK = /\p{Script=Greek}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const COMMON = /[\p{Script=Common}\p{Script=Inherited}]/u;

/**
 * OpenType script tag of a code point as fontkit detects it ('' for Common/Inherited), or undefined outside the
 * ranges this module replays: combining marks, default-ignorables, variation selectors, the fraction slash and
 * every script but Latin, Greek and Cyrillic.
 */
export function scriptOf(cp: number): string | undefined {
  if (cp >= 0x2e00 || (cp >= 0x0300 && cp < 0x0370) || (cp >= 0x0530 && cp < 0x1e00)) return undefined;
  if (cp === 0xad || cp === 0x2044 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f)) return undefined;
  const ch = String.fromCodePoint(cp);
  if (LATIN.test(ch)) return 'latn';
  if (GREEK.test(ch)) return 'grek';
  if (CYRILLIC.test(ch)) return 'cyrl';
  if (COMMON.test(ch)) return '';
  return undefined;
}

interface Planned {
  lookups: Array<{ feature: string; lookup: Lookup }>;
  features: Set<string>;
}

const plans = new WeakMap<LayoutTable, Map<string, Planned | null>>();

/** The lookups fontkit applies for a script tag (its selectScript + lookupsForFeatures), or null where it would keep stale state. */
function planFor(font: OpenTypeFont, table: LayoutTable, tag: string): Planned | null {
  let byScript = plans.get(table);
  if (!byScript) plans.set(table, (byScript = new Map()));
  let plan = byScript.get(tag);
  if (plan === undefined) byScript.set(tag, (plan = makePlan(font, table, tag)));
  return plan;
}

function makePlan(font: OpenTypeFont, table: LayoutTable, tag: string): Planned | null {
  let script = table.scripts.get(tag);
  for (const t of DEFAULT_SCRIPTS) if (script === undefined) script = table.scripts.get(t);
  if (script === undefined) return null;
  const byTag = new Map<string, number[]>();
  for (const index of defaultFeatureIndexes(font.view, script) ?? []) {
    const f = table.features[index];
    if (!f) return null;
    byTag.set(f.tag, f.lookups);
  }
  const entries: Array<{ feature: string; index: number; lookup: Lookup }> = [];
  for (const feature of FEATURES) {
    for (const index of byTag.get(feature) ?? []) {
      const lookup = table.lookups[index];
      if (!lookup) return null;
      entries.push({ feature, index, lookup });
    }
  }
  entries.sort((a, b) => a.index - b.index);
  return { lookups: entries.map(({ feature, lookup }) => ({ feature, lookup })), features: new Set(byTag.keys()) };
}

interface Info {
  id: number;
  cps: number[];
  cls: number;
  markClass: number;
}

function info(font: OpenTypeFont, id: number, cps: number[]): Info {
  return { id, cps, cls: font.glyphClass(id), markClass: font.markAttachClass(id) };
}

function ignored(g: Info, lookup: Lookup): boolean {
  const f = lookup.flags;
  return ((f & 8) !== 0 && g.cls === 3) || ((f & 2) !== 0 && g.cls === 1) || ((f & 4) !== 0 && g.cls === 2) || (lookup.markAttachmentType !== 0 && g.cls === 3 && g.markClass !== lookup.markAttachmentType);
}

/** fontkit's GlyphIterator.move(+1): the next glyph index the lookup does not skip (may be past the end). */
function nextIndex(seq: Info[], i: number, lookup: Lookup): number {
  i++;
  while (i < seq.length && ignored(seq[i]!, lookup)) i++;
  return i;
}

/** fontkit's GlyphIterator.increment(count) from glyph i (skipping glyphs the lookup ignores); may leave the sequence. */
function moveBy(seq: Info[], i: number, count: number, lookup: Lookup): number {
  const dir = count < 0 ? -1 : 1;
  for (let n = Math.abs(count); n > 0; n--) {
    i += dir;
    while (i >= 0 && i < seq.length && ignored(seq[i]!, lookup)) i += dir;
  }
  return i;
}

/** fontkit's OTProcessor.match: `items` against the glyphs from `start` glyphs after i onwards. */
function matches(seq: Info[], i: number, lookup: Lookup, start: number, items: number[], test: (item: number, gid: number) => boolean): boolean {
  let j = moveBy(seq, i, start, lookup);
  let k = 0;
  while (k < items.length && j >= 0 && j < seq.length && test(items[k]!, seq[j]!.id)) {
    k++;
    j = nextIndex(seq, j, lookup);
  }
  return k === items.length;
}

function u16s(view: DataView, at: number, count: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) out.push(view.getUint16(at + 2 * k));
  return out;
}

/**
 * Whether a (chaining) contextual subtable whose coverage holds glyph i has a rule matching here, as fontkit
 * decides it: true (it would apply nested lookups, which this module does not replay), false, or undefined.
 */
function contextMatches(view: DataView, sub: number, chaining: boolean, seq: Info[], i: number, lookup: Lookup): boolean | undefined {
  const format = view.getUint16(sub);
  const gid = seq[i]!.id;
  const same = (item: number, g: number): boolean => item === g;
  const covered = (at: number) => (item: number, g: number): boolean => coverageIndex(view, at + item, g) >= 0;
  if (format === 3) {
    if (!chaining) {
      const n = view.getUint16(sub + 2);
      return matches(seq, i, lookup, 0, u16s(view, sub + 6, n), covered(sub));
    }
    let at = sub + 2;
    const backtrack = u16s(view, at + 2, view.getUint16(at));
    at += 2 + 2 * backtrack.length;
    const input = u16s(view, at + 2, view.getUint16(at));
    at += 2 + 2 * input.length;
    const lookahead = u16s(view, at + 2, view.getUint16(at));
    return matches(seq, i, lookup, -backtrack.length, backtrack, covered(sub)) && matches(seq, i, lookup, 0, input, covered(sub)) && matches(seq, i, lookup, input.length, lookahead, covered(sub));
  }
  if (format !== 1 && format !== 2) return undefined;
  const index = format === 1 ? coverageIndex(view, sub + view.getUint16(sub + 2), gid) : -2;
  let setOffset: number;
  let backtrackTest = same;
  let inputTest = same;
  let lookaheadTest = same;
  if (format === 1) {
    const countAt = sub + 4;
    if (index < 0 || index >= view.getUint16(countAt)) return undefined;
    setOffset = view.getUint16(countAt + 2 + 2 * index);
  } else {
    const classDefs = chaining ? [view.getUint16(sub + 4), view.getUint16(sub + 6), view.getUint16(sub + 8)] : [0, view.getUint16(sub + 4), 0];
    const countAt = sub + (chaining ? 10 : 6);
    const cls = classOf(view, sub + classDefs[1]!, gid);
    // fontkit: a missing class set is no match for chaining rules, an error for plain context rules.
    if (cls >= view.getUint16(countAt)) return chaining ? false : undefined;
    setOffset = view.getUint16(countAt + 2 + 2 * cls);
    const byClass = (def: number) => (item: number, g: number): boolean => item === classOf(view, sub + def, g);
    backtrackTest = byClass(classDefs[0]!);
    inputTest = byClass(classDefs[1]!);
    lookaheadTest = byClass(classDefs[2]!);
  }
  if (!setOffset) return format === 2 && chaining ? false : undefined;
  const set = sub + setOffset;
  for (let r = 0, n = view.getUint16(set); r < n; r++) {
    let at = set + view.getUint16(set + 2 + 2 * r);
    if (!chaining) {
      const input = u16s(view, at + 4, view.getUint16(at) - 1);
      if (matches(seq, i, lookup, 1, input, inputTest)) return true;
      continue;
    }
    const backtrack = u16s(view, at + 2, view.getUint16(at));
    at += 2 + 2 * backtrack.length;
    const input = u16s(view, at + 2, view.getUint16(at) - 1);
    at += 2 + 2 * input.length;
    const lookahead = u16s(view, at + 2, view.getUint16(at));
    if (matches(seq, i, lookup, -backtrack.length, backtrack, backtrackTest) && matches(seq, i, lookup, 1, input, inputTest) && matches(seq, i, lookup, 1 + input.length, lookahead, lookaheadTest)) return true;
  }
  return false;
}

/** Offset of the coverage table that decides whether a subtable starts at a glyph; -1 for an unknown layout. */
function primaryCoverage(view: DataView, sub: number, type: number, contextType: number, chainType: number): number {
  const format = view.getUint16(sub);
  if (type === contextType && format === 3) return sub + view.getUint16(sub + 6);
  if (type === chainType && format === 3) {
    const backtrack = view.getUint16(sub + 2);
    return sub + view.getUint16(sub + 4 + 2 * backtrack + 2);
  }
  if (format === 1 || format === 2) return sub + view.getUint16(sub + 2);
  return -1;
}

/** One GSUB subtable at glyph i: true applied, false not applicable, undefined not replayable. */
function substitute(font: OpenTypeFont, lookup: Lookup, sub: number, seq: Info[], i: number): boolean | undefined {
  const v = font.view;
  const cur = seq[i]!;
  const coverage = primaryCoverage(v, sub, lookup.type, 5, 6);
  if (coverage < 0) return undefined;
  const index = coverageIndex(v, coverage, cur.id);
  if (index === -1) return false;
  if (lookup.type === 5 || lookup.type === 6) return contextMatches(v, sub, lookup.type === 6, seq, i, lookup) === false ? false : undefined;
  if (lookup.type === 1) {
    const format = v.getUint16(sub);
    if (format === 1) seq[i] = info(font, (cur.id + v.getInt16(sub + 4)) & 0xffff, cur.cps);
    else if (format === 2 && index < v.getUint16(sub + 4)) seq[i] = info(font, v.getUint16(sub + 6 + 2 * index), cur.cps);
    else return undefined;
    return true;
  }
  if (lookup.type !== 4 || v.getUint16(sub) !== 1 || index >= v.getUint16(sub + 4)) return undefined;
  const set = sub + v.getUint16(sub + 6 + 2 * index);
  for (let l = 0, n = v.getUint16(set); l < n; l++) {
    const lig = set + v.getUint16(set + 2 + 2 * l);
    const components = v.getUint16(lig + 2) - 1;
    const matched: number[] = [];
    let j = nextIndex(seq, i, lookup);
    while (matched.length < components && j < seq.length && seq[j]!.id === v.getUint16(lig + 4 + 2 * matched.length)) {
      matched.push(j);
      j = nextIndex(seq, j, lookup);
    }
    if (matched.length < components) continue;
    const cps = [...cur.cps];
    for (const m of matched) cps.push(...seq[m]!.cps);
    const ligature = info(font, v.getUint16(lig), cps);
    for (let m = matched.length - 1; m >= 0; m--) seq.splice(matched[m]!, 1);
    seq[i] = ligature;
    return true;
  }
  return false;
}

function valueSize(format: number): number {
  let n = 0;
  for (let bit = 1; bit <= 0x80; bit <<= 1) if (format & bit) n += 2;
  return n;
}

/** xAdvance of a ValueRecord (0 when the format has none). */
function xAdvance(view: DataView, record: number, format: number): number {
  if (!(format & 4)) return 0;
  return view.getInt16(record + ((format & 1) ? 2 : 0) + ((format & 2) ? 2 : 0));
}

/** One GPOS subtable at the first glyph: the xAdvance it adds, 0 with `applied` false, undefined not replayable. */
function positionFirst(font: OpenTypeFont, lookup: Lookup, sub: number, seq: Info[]): { applied: boolean; dx: number } | undefined {
  const v = font.view;
  const type = lookup.type;
  // Mark attachment needs an earlier base or mark: never applies to the first glyph.
  if (type === 4 || type === 5 || type === 6) return { applied: false, dx: 0 };
  const coverage = primaryCoverage(v, sub, type, 7, 8);
  if (coverage < 0) return undefined;
  const first = seq[0]!;
  if (type === 2) {
    const next = nextIndex(seq, 0, lookup);
    if (next >= seq.length) return { applied: false, dx: 0 };
    const index = coverageIndex(v, coverage, first.id);
    if (index === -1) return { applied: false, dx: 0 };
    const format = v.getUint16(sub);
    const f1 = v.getUint16(sub + 4);
    const f2 = v.getUint16(sub + 6);
    const size = valueSize(f1) + valueSize(f2);
    const second = seq[next]!.id;
    if (format === 1) {
      if (index >= v.getUint16(sub + 8)) return undefined;
      const set = sub + v.getUint16(sub + 10 + 2 * index);
      for (let p = 0, n = v.getUint16(set); p < n; p++) {
        const rec = set + 2 + p * (2 + size);
        if (v.getUint16(rec) === second) return { applied: true, dx: xAdvance(v, rec + 2, f1) };
      }
      return { applied: false, dx: 0 };
    }
    const class1 = classOf(v, sub + v.getUint16(sub + 8), first.id);
    const class2 = classOf(v, sub + v.getUint16(sub + 10), second);
    const class1Count = v.getUint16(sub + 12);
    const class2Count = v.getUint16(sub + 14);
    if (class1 >= class1Count || class2 >= class2Count) return undefined;
    return { applied: true, dx: xAdvance(v, sub + 16 + (class1 * class2Count + class2) * size, f1) };
  }
  const index = coverageIndex(v, coverage, first.id);
  if (index === -1) return { applied: false, dx: 0 };
  if (type === 7 || type === 8) return contextMatches(v, sub, type === 8, seq, 0, lookup) === false ? { applied: false, dx: 0 } : undefined;
  if (type !== 1) return undefined;
  const format = v.getUint16(sub);
  const vf = v.getUint16(sub + 4);
  if (format === 1) return { applied: true, dx: xAdvance(v, sub + 6, vf) };
  if (index >= v.getUint16(sub + 6)) return undefined;
  return { applied: true, dx: xAdvance(v, sub + 8 + index * valueSize(vf), vf) };
}

/** Result of a replayed layout: glyph ids and the first glyph's xAdvance (its advance plus GPOS adjustments). */
export interface ShortLayout {
  glyphs: number[];
  firstAdvance: number;
}

/** fontkit's `font.layout(text)` glyphs and first xAdvance for a short string, or undefined where it cannot be replayed exactly. */
export function layoutShort(font: OpenTypeFont, text: string): ShortLayout | undefined {
  let tag = '';
  const seq: Info[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const script = scriptOf(cp);
    if (script === undefined) return undefined;
    if (!tag && script) tag = script;
    seq.push(info(font, font.glyphId(cp), [cp]));
  }
  if (seq.length === 0) return undefined;
  tag ||= 'zzzz';
  if (font.gsub) {
    const plan = planFor(font, font.gsub, tag);
    if (!plan) return undefined;
    for (const { feature, lookup } of plan.lookups) {
      if (LOCAL_FEATURES.has(feature)) continue;
      let i = 0;
      while (i < seq.length) {
        for (const sub of lookup.subtables) {
          const r = substitute(font, lookup, sub, seq, i);
          if (r === undefined) return undefined;
          if (r) break;
        }
        i = nextIndex(seq, i, lookup);
      }
    }
  }
  const plan = planFor(font, font.gpos!, tag);
  if (!plan) return undefined;
  if (!plan.features.has('kern') && font.hasKernTable) return undefined;
  let firstAdvance = font.advance(seq[0]!.id);
  for (const { feature, lookup } of plan.lookups) {
    if (LOCAL_FEATURES.has(feature)) continue;
    for (const sub of lookup.subtables) {
      const r = positionFirst(font, lookup, sub, seq);
      if (r === undefined) return undefined;
      firstAdvance += r.dx;
      if (r.applied) break;
    }
  }
  // fontkit zeroes the advance of marks after GPOS.
  if (seq[0]!.cls === 3) return undefined;
  return { glyphs: seq.map((g) => g.id), firstAdvance };
}
