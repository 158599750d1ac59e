// Knuth–Plass total-fit line breaking over box/glue/penalty items held in typed arrays (no per-item objects).
//
// The algorithm and its tie-breaking are those of tex-linebreak 0.9's `breakLines` (Knuth & Plass 1981:
// demerits, four fitness classes, flagged double-hyphen and adjacent loose/tight penalties, an adjustment
// limit that starts at 1 and is raised when nothing fits), so both give the same breaks for the same items;
// test/pdf/knuth-plass.test.ts checks that on random paragraphs. This version keeps the items, prefix sums
// and break nodes in reusable typed arrays, so a paragraph costs no garbage beyond its result.

/** Item kinds. */
export const BOX = 0;
export const GLUE = 1;
export const PENALTY = 2;

/** Penalty costs at or below this force a break; at or above MAX_COST forbid one. */
export const MIN_COST = -1000;
export const MAX_COST = 1000;

type TypedArray = Uint8Array | Int8Array | Int32Array | Float64Array;

/** A copy of typed array `a` with room for `n` elements. */
function grown<T extends TypedArray>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a as never);
  return b;
}

/** A growable list of items as parallel typed arrays; `length` items are valid. */
export class ItemList {
  type: Uint8Array = new Uint8Array(256);
  width: Float64Array = new Float64Array(256);
  stretch: Float64Array = new Float64Array(256);
  shrink: Float64Array = new Float64Array(256);
  cost: Float64Array = new Float64Array(256);
  flagged: Uint8Array = new Uint8Array(256);
  /**
   * Margin kerning: how far a line may hang into the left margin when it starts with this box, and into the
   * right margin when it ends at this item (a glue or penalty: the box before it, or the hyphen a penalty adds).
   */
  left: Float64Array = new Float64Array(256);
  right: Float64Array = new Float64Array(256);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  private grow(): void {
    const n = this.type.length * 2;
    this.type = grown(this.type, n);
    this.flagged = grown(this.flagged, n);
    this.width = grown(this.width, n);
    this.stretch = grown(this.stretch, n);
    this.shrink = grown(this.shrink, n);
    this.cost = grown(this.cost, n);
    this.left = grown(this.left, n);
    this.right = grown(this.right, n);
  }

  push(type: number, width: number, stretch: number, shrink: number, cost: number, flagged: boolean): number {
    const i = this.length;
    if (i === this.type.length) this.grow();
    this.type[i] = type;
    this.width[i] = width;
    this.stretch[i] = stretch;
    this.shrink[i] = shrink;
    this.cost[i] = cost;
    this.flagged[i] = flagged ? 1 : 0;
    this.left[i] = 0;
    this.right[i] = 0;
    this.length = i + 1;
    return i;
  }

  box(width: number): number {
    return this.push(BOX, width, 0, 0, 0, false);
  }

  glue(width: number, stretch: number, shrink: number): number {
    return this.push(GLUE, width, stretch, shrink, 0, false);
  }

  penalty(width: number, cost: number, flagged: boolean): number {
    return this.push(PENALTY, width, 0, 0, cost, flagged);
  }

  /** Items [from, to) of `other` appended to this list. */
  append(other: ItemList, from: number, to: number): void {
    while (this.length + (to - from) > this.type.length) this.grow();
    const at = this.length;
    this.type.set(other.type.subarray(from, to), at);
    this.width.set(other.width.subarray(from, to), at);
    this.stretch.set(other.stretch.subarray(from, to), at);
    this.shrink.set(other.shrink.subarray(from, to), at);
    this.cost.set(other.cost.subarray(from, to), at);
    this.flagged.set(other.flagged.subarray(from, to), at);
    this.left.set(other.left.subarray(from, to), at);
    this.right.set(other.right.subarray(from, to), at);
    this.length = at + (to - from);
  }

  /** A legal break: glue right after a box, or a penalty that does not forbid breaking. */
  canBreak(i: number): boolean {
    const t = this.type[i]!;
    return (t === GLUE && i > 0 && this.type[i - 1] === BOX) || (t === PENALTY && this.cost[i]! < MAX_COST);
  }

  isForcedBreak(i: number): boolean {
    return this.type[i] === PENALTY && this.cost[i]! <= MIN_COST;
  }
}

export interface BreakOptions {
  /** Lines may not be stretched beyond this ratio (null: no limit; the limit starts at 1 and is raised as needed). */
  maxAdjustmentRatio: number | null;
  /** Extra demerits when two consecutive lines end at flagged penalties (hyphens). */
  doubleHyphenPenalty: number;
  /** Extra demerits when adjacent lines differ by more than one fitness class. */
  adjacentLooseTightPenalty: number;
  /** Extra demerits when the paragraph's next-to-last line ends at a flagged penalty (TeX's \finalhyphendemerits). */
  finalHyphenDemerits?: number;
  /** At most this many consecutive lines may end at flagged penalties (a hard limit; unset: no limit). */
  maxHyphenRun?: number;
  /**
   * Font expansion: the fraction of a line's box width its glyphs may stretch or shrink by (pdfTeX's font
   * expansion; 0.02 = ±2 %), counted with the glue's stretch and shrink.
   */
  expansion?: number;
  /** Stretch added to every line when judging it (TeX's \emergencystretch), not when it is set. */
  emergencyStretch?: number;
  /**
   * A hard limit, whatever the emergency stretch: no line's glue stretched beyond this ratio of its stretch
   * (its glyphs' expansion used up first). Unset: no limit.
   */
  maxGlueRatio?: number;
  /** Use the items' margin kerning (`left`, `right`): a line may be that much wider. */
  protrusion?: boolean;
}

const PARAGRAPH_START = -1;

/** Scratch space reused by every call (the layout is single-threaded). */
class Scratch {
  boxWidth: Float64Array = new Float64Array(257);
  glueWidth: Float64Array = new Float64Array(257);
  glueStretch: Float64Array = new Float64Array(257);
  glueShrink: Float64Array = new Float64Array(257);
  minWidth: Float64Array = new Float64Array(256);
  contentStart: Int32Array = new Int32Array(257);
  // Break nodes (struct of arrays).
  nIndex: Int32Array = new Int32Array(256);
  nLine: Int32Array = new Int32Array(256);
  nFitness: Int8Array = new Int8Array(256);
  nFallback: Uint8Array = new Uint8Array(256);
  /** Consecutive lines ending at a flagged penalty, up to and including this break's line. */
  nHyphens: Uint8Array = new Uint8Array(256);
  nDemerits: Float64Array = new Float64Array(256);
  nPrev: Int32Array = new Int32Array(256);
  nodes = 0;

  ensureItems(n: number): void {
    if (this.minWidth.length >= n) return;
    let size = this.minWidth.length;
    while (size < n) size *= 2;
    this.boxWidth = new Float64Array(size + 1);
    this.glueWidth = new Float64Array(size + 1);
    this.glueStretch = new Float64Array(size + 1);
    this.glueShrink = new Float64Array(size + 1);
    this.minWidth = new Float64Array(size);
    this.contentStart = new Int32Array(size + 1);
  }

  node(index: number, line: number, fitness: number, fallback: boolean, demerits: number, prev: number, hyphens = 0): number {
    const id = this.nodes;
    if (id === this.nIndex.length) {
      const n = id * 2;
      this.nIndex = grown(this.nIndex, n);
      this.nLine = grown(this.nLine, n);
      this.nPrev = grown(this.nPrev, n);
      this.nFitness = grown(this.nFitness, n);
      this.nFallback = grown(this.nFallback, n);
      this.nHyphens = grown(this.nHyphens, n);
      this.nDemerits = grown(this.nDemerits, n);
    }
    this.nIndex[id] = index;
    this.nLine[id] = line;
    this.nFitness[id] = fitness;
    this.nFallback[id] = fallback ? 1 : 0;
    this.nDemerits[id] = demerits;
    this.nPrev[id] = prev;
    this.nHyphens[id] = hyphens;
    this.nodes = id + 1;
    return id;
  }
}

const scratch = new Scratch();

/**
 * Break items [0, items.length) — which must end with a forced break — into lines of `lineWidth`.
 * Returns the break indexes, starting with 0 (the paragraph start), as tex-linebreak's `breakLines` does, or
 * null where it throws MaxAdjustmentExceededError: no breaks keep every line within `maxAdjustmentRatio`
 * (a cheap answer, since the layout asks this of every paragraph before it tries hyphenation).
 */
export function knuthPlass(items: ItemList, lineWidth: number, opts: BreakOptions): number[] | null {
  const n = items.length;
  if (n === 0) return [];
  if (!items.isForcedBreak(n - 1)) throw new Error('Paragraph items must end with a forced break');
  const { type, width, stretch, shrink, cost } = items;
  let negativeGlue = false;
  let negativeWidth = false;
  for (let i = 0; i < n; i++) {
    if (type[i] === GLUE && (stretch[i]! < 0 || shrink[i]! < 0)) negativeGlue = true;
    if (width[i]! < 0) negativeWidth = true;
  }
  const s = scratch;
  s.ensureItems(n);
  const { boxWidth, glueWidth, glueStretch, glueShrink, minWidth, contentStart } = s;
  boxWidth[0] = 0;
  glueWidth[0] = 0;
  glueStretch[0] = 0;
  glueShrink[0] = 0;
  for (let i = 0; i < n; i++) {
    const t = type[i]!;
    boxWidth[i + 1] = boxWidth[i]! + (t === BOX ? width[i]! : 0);
    glueWidth[i + 1] = glueWidth[i]! + (t === GLUE ? width[i]! : 0);
    glueStretch[i + 1] = glueStretch[i]! + (t === GLUE ? stretch[i]! : 0);
    glueShrink[i + 1] = glueShrink[i]! + (t === GLUE ? shrink[i]! : 0);
  }
  // minWidth[b]: the least width any later break could have (so a node is dropped only when nothing later fits).
  const keep = 1 - (opts.expansion ?? 0);
  const right = opts.protrusion ? items.right : undefined;
  for (let i = 0; i < n; i++) minWidth[i] = Infinity;
  if (!negativeGlue) {
    for (let i = 0; i < n; i++) {
      if (!items.canBreak(i)) continue;
      minWidth[i] = keep * boxWidth[i + 1]! + glueWidth[i]! - glueShrink[i]! + (type[i] === PENALTY ? width[i]! : 0) - (right ? right[i]! : 0);
    }
    let least = Infinity;
    for (let i = n - 1; i >= 0; i--) {
      const v = minWidth[i]!;
      if (v !== Infinity) {
        minWidth[i] = least;
        least = Math.min(least, v);
      }
    }
  }
  // contentStart[i]: the first box or unbreakable penalty at or after i (where a line's content starts).
  contentStart[n] = n;
  for (let i = n - 1; i >= 0; i--) contentStart[i] = type[i] === BOX || (type[i] === PENALTY && cost[i]! >= MAX_COST) ? i : contentStart[i + 1]!;

  const max = opts.maxAdjustmentRatio !== null ? opts.maxAdjustmentRatio : Infinity;
  let limit = Math.min(1, max);
  for (;;) {
    const result = run(items, lineWidth, opts, limit, negativeGlue, negativeWidth);
    if (typeof result !== 'number') return result;
    if (opts.maxAdjustmentRatio === limit) return null;
    // Nothing fitted: try again with twice the least ratio that was too loose.
    limit = Math.min(2 * result, max);
  }
}

/** Active node ids in insertion order (two buffers swapped per break). */
let active: Int32Array = new Int32Array(64);
let survivors: Int32Array = new Int32Array(64);
/** Per break: the best new node per (line, fitness) key, in first-seen key order. */
let candKey: Int32Array = new Int32Array(16);
let candNode: Int32Array = new Int32Array(16);

/** One pass with adjustment limit `limit`: the breaks, or the least ratio above the limit when nothing fit. */
function run(items: ItemList, lineWidth: number, opts: BreakOptions, limit: number, negativeGlue: boolean, negativeWidth: boolean): number[] | number {
  const n = items.length;
  const { type, width, cost, flagged } = items;
  const expansion = opts.expansion ?? 0;
  const emergency = opts.emergencyStretch ?? 0;
  const left = opts.protrusion ? items.left : undefined;
  const right = opts.protrusion ? items.right : undefined;
  const maxHyphens = opts.maxHyphenRun ?? Infinity;
  const maxGlue = opts.maxGlueRatio ?? Infinity;
  /** Some line was refused for the hard limit alone. */
  let capped = false;
  const finalHyphen = opts.finalHyphenDemerits ?? 0;
  const s = scratch;
  const { boxWidth, glueWidth, glueStretch, glueShrink, minWidth, contentStart } = s;
  s.nodes = 0;
  let activeCount = 1;
  active[0] = s.node(PARAGRAPH_START, 0, 0, false, 0, -1);
  let leastOver = Infinity;
  const l = lineWidth;

  for (let u = 0; u < n; u++) {
    const t = type[u]!;
    if (!items.canBreak(u)) continue;
    const forced = items.isForcedBreak(u);
    const penaltyWidth = t === PENALTY ? width[u]! : 0;
    const penaltyCost = t === PENALTY ? cost[u]! : 0;
    const hyphen = t === PENALTY && flagged[u] === 1;
    // Margin kerning: the line may end that much past the measure.
    const hang = right ? right[u]! : 0;
    let lastDropped = -1;
    let kept = 0;
    let cands = 0;
    if (survivors.length < activeCount) survivors = new Int32Array(activeCount * 2);
    for (let ai = 0; ai < activeCount; ai++) {
      const a = active[ai]!;
      const aIndex = s.nIndex[a]!;
      // The line from a to u: its natural width, stretch and shrink (discardable items at its start skipped).
      const from = aIndex === PARAGRAPH_START ? contentStart[0]! : contentStart[aIndex + (type[aIndex] === PENALTY ? 1 : 0)]!;
      const o = Math.min(from, u + 1);
      let actualLen = 0;
      let lineStretch = 0;
      let lineShrink = 0;
      let startOffset = 0;
      let tooLoose = false;
      if (o <= u) {
        const r = Math.min(o + 1, u);
        const boxes = boxWidth[u + 1]! - boxWidth[o]!;
        actualLen = boxes + (glueWidth[u]! - glueWidth[r]!) + penaltyWidth - hang - (left && o < u ? left[o]! : 0);
        lineStretch = glueStretch[u]! - glueStretch[r]! + expansion * boxes + emergency;
        lineShrink = glueShrink[u]! - glueShrink[r]! + expansion * boxes;
        if (l - actualLen > expansion * boxes && l - actualLen - expansion * boxes > maxGlue * (glueStretch[u]! - glueStretch[r]!)) tooLoose = true;
        startOffset = (1 - expansion) * boxWidth[o]! + glueWidth[o]! - glueShrink[o]! + (left && o < u ? left[o]! : 0);
      }
      const ratio = actualLen < l ? (l - actualLen) / lineStretch : actualLen > l ? (l - actualLen) / lineShrink : 0;
      if (ratio > limit) leastOver = Math.min(ratio, leastOver);
      const mayDrop = !((s.nFallback[a] === 1 && negativeWidth) || negativeGlue);
      if (forced || (mayDrop && ratio < -1 && minWidth[u]! > l + startOffset)) lastDropped = a;
      else survivors[kept++] = a;
      const hyphens = hyphen ? Math.min(255, s.nHyphens[a]! + 1) : 0;
      if (tooLoose && ratio >= -1 && ratio <= limit && !forced) capped = true;
      else if (ratio >= -1 && ratio <= limit && hyphens <= maxHyphens) {
        const badness = 100 * Math.abs(ratio) ** 3;
        let demerits =
          penaltyCost >= 0 ? (1 + badness + penaltyCost) ** 2 : penaltyCost > MIN_COST ? (1 + badness) ** 2 - penaltyCost ** 2 : (1 + badness) ** 2;
        if (t === PENALTY && aIndex !== PARAGRAPH_START && type[aIndex] === PENALTY && flagged[u] === 1 && flagged[aIndex] === 1) demerits += opts.doubleHyphenPenalty;
        if (u === n - 1 && aIndex !== PARAGRAPH_START && type[aIndex] === PENALTY && flagged[aIndex] === 1) demerits += finalHyphen;
        const fitness = ratio < -0.5 ? 0 : ratio < 0.5 ? 1 : ratio < 1 ? 2 : 3;
        if (aIndex !== PARAGRAPH_START && Math.abs(fitness - s.nFitness[a]!) > 1) demerits += opts.adjacentLooseTightPenalty;
        const total = s.nDemerits[a]! + demerits;
        const line = s.nLine[a]! + 1;
        // A line ending a ladder of hyphens is its own candidate (a cheaper one might not be allowed to go on).
        const key = 8 * line + 2 * fitness + (hyphens >= maxHyphens ? 1 : 0);
        let c = 0;
        while (c < cands && candKey[c] !== key) c++;
        if (c === cands) {
          if (cands === candKey.length) {
            candKey = grown(candKey, cands * 2);
            candNode = grown(candNode, cands * 2);
          }
          candKey[c] = key;
          candNode[c] = s.node(u, line, fitness, false, total, a, hyphens);
          cands++;
        } else if (total < s.nDemerits[candNode[c]!]!) candNode[c] = s.node(u, line, fitness, false, total, a, hyphens);
      }
    }
    // Survivors, then the new nodes (the order tex-linebreak's Set gives them: it decides ties).
    if (survivors.length < kept + cands) survivors = grown(survivors, (kept + cands) * 2);
    for (let c = 0; c < cands; c++) survivors[kept++] = candNode[c]!;
    const swap = active;
    active = survivors;
    survivors = swap;
    activeCount = kept;
    if (activeCount === 0) {
      if (Number.isFinite(leastOver)) return leastOver;
      if (capped) return limit;
      // Nothing fits at all (e.g. a box wider than the line): break here anyway, at a cost.
      if (active.length < 1) active = new Int32Array(64);
      active[0] = s.node(u, s.nLine[lastDropped]! + 1, 1, true, s.nDemerits[lastDropped]! + 1000, lastDropped, hyphen ? s.nHyphens[lastDropped]! + 1 : 0);
      activeCount = 1;
    }
  }
  let best = -1;
  for (let ai = 0; ai < activeCount; ai++) {
    const a = active[ai]!;
    if (best < 0 || s.nDemerits[a]! < s.nDemerits[best]!) best = a;
  }
  const out: number[] = [];
  for (let node = best; node >= 0; node = s.nPrev[node]!) out.push(s.nIndex[node] === PARAGRAPH_START ? 0 : s.nIndex[node]!);
  out.reverse();
  return out;
}
