// Reads the OpenType tables short Latin shaping needs (head, hhea, hmtx, cmap, GDEF, GSUB/GPOS lookup lists) straight from a font file's bytes.

/** One lookup of GSUB or GPOS: its type (extensions resolved), flags and absolute subtable offsets. */
export interface Lookup {
  type: number;
  /** Low byte of LookupFlag: rightToLeft 1, ignoreBaseGlyphs 2, ignoreLigatures 4, ignoreMarks 8. */
  flags: number;
  /** High byte of LookupFlag. */
  markAttachmentType: number;
  subtables: number[];
}

/** GSUB or GPOS: scripts by tag, features by index, lookups by index. */
export interface LayoutTable {
  scripts: Map<string, number>;
  features: Array<{ tag: string; lookups: number[] }>;
  lookups: Lookup[];
}

const CMAP_PREFERENCE: Array<[number, number]> = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

/** A TrueType/OpenType font read lazily from its bytes; `open` returns null for files this reader does not handle. */
export class OpenTypeFont {
  readonly view: DataView;
  readonly unitsPerEm: number;
  readonly gsub: LayoutTable | null;
  readonly gpos: LayoutTable | null;
  readonly hasKernTable: boolean;
  private readonly numberOfHMetrics: number;
  private readonly hmtx: number;
  private readonly cmapFormat: number;
  private readonly cmap: number;
  private readonly glyphClassDef: number;
  private readonly markAttachClassDef: number;
  private readonly cmapCache = new Map<number, number>();

  private constructor(view: DataView, tables: Map<string, number>) {
    this.view = view;
    const head = tables.get('head')!;
    const hhea = tables.get('hhea')!;
    this.unitsPerEm = view.getUint16(head + 18);
    this.numberOfHMetrics = view.getUint16(hhea + 34);
    this.hmtx = tables.get('hmtx')!;
    const [format, offset] = findCmap(view, tables.get('cmap')!);
    this.cmapFormat = format;
    this.cmap = offset;
    const gdef = tables.get('GDEF');
    this.glyphClassDef = gdef !== undefined && view.getUint16(gdef + 4) ? gdef + view.getUint16(gdef + 4) : 0;
    this.markAttachClassDef = gdef !== undefined && view.getUint16(gdef + 10) ? gdef + view.getUint16(gdef + 10) : 0;
    this.gsub = tables.has('GSUB') ? readLayoutTable(view, tables.get('GSUB')!, 7) : null;
    this.gpos = tables.has('GPOS') ? readLayoutTable(view, tables.get('GPOS')!, 9) : null;
    this.hasKernTable = tables.has('kern');
  }

  /**
   * The font in `bytes`, or null when it is not a single static TrueType/CFF font with a GDEF glyph class table,
   * a GPOS table and a cmap of format 4 or 12 (fontkit's full layout handles everything else).
   */
  static open(bytes: Uint8Array): OpenTypeFont | null {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(0);
    if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) return null;
    const tables = new Map<string, number>();
    const count = view.getUint16(4);
    for (let i = 0; i < count; i++) {
      const rec = 12 + 16 * i;
      const tag = String.fromCharCode(view.getUint8(rec), view.getUint8(rec + 1), view.getUint8(rec + 2), view.getUint8(rec + 3));
      tables.set(tag, view.getUint32(rec + 8));
    }
    for (const required of ['head', 'hhea', 'hmtx', 'cmap', 'GDEF', 'GPOS']) if (!tables.has(required)) return null;
    for (const unsupported of ['fvar', 'morx', 'mort']) if (tables.has(unsupported)) return null;
    const [format] = findCmap(view, tables.get('cmap')!);
    if (format !== 4 && format !== 12) return null;
    const font = new OpenTypeFont(view, tables);
    if (!font.glyphClassDef) return null;
    return font;
  }

  /** Glyph id of a code point (0 when the font has none), as fontkit's cmap lookup gives it. */
  glyphId(cp: number): number {
    let gid = this.cmapCache.get(cp);
    if (gid === undefined) {
      gid = this.cmapFormat === 4 ? this.cmap4(cp) : this.cmap12(cp);
      this.cmapCache.set(cp, gid);
    }
    return gid;
  }

  private cmap4(cp: number): number {
    const v = this.view;
    const t = this.cmap;
    const segCount = v.getUint16(t + 6) / 2;
    const ends = t + 14;
    const starts = ends + 2 * segCount + 2;
    const deltas = starts + 2 * segCount;
    const rangeOffsets = deltas + 2 * segCount;
    let min = 0;
    let max = segCount - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      if (cp < v.getUint16(starts + 2 * mid)) max = mid - 1;
      else if (cp > v.getUint16(ends + 2 * mid)) min = mid + 1;
      else {
        const rangeOffset = v.getUint16(rangeOffsets + 2 * mid);
        const delta = v.getInt16(deltas + 2 * mid);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        // fontkit indexes glyphIndexArray (which follows idRangeOffset[]) the same way.
        const index = rangeOffset / 2 + (cp - v.getUint16(starts + 2 * mid)) - (segCount - mid);
        const at = rangeOffsets + 2 * segCount + 2 * index;
        let gid = index >= 0 && at + 2 <= t + v.getUint16(t + 2) ? v.getUint16(at) : 0;
        if (gid !== 0) gid += delta;
        return gid & 0xffff;
      }
    }
    return 0;
  }

  private cmap12(cp: number): number {
    const v = this.view;
    const t = this.cmap;
    const n = v.getUint32(t + 12);
    let min = 0;
    let max = n - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      const g = t + 16 + 12 * mid;
      if (cp < v.getUint32(g)) max = mid - 1;
      else if (cp > v.getUint32(g + 4)) min = mid + 1;
      else return v.getUint32(g + 8) + (cp - v.getUint32(g));
    }
    return 0;
  }

  /** Advance width of a glyph in font units (hmtx). */
  advance(gid: number): number {
    const i = gid < this.numberOfHMetrics ? gid : this.numberOfHMetrics - 1;
    return i < 0 ? 0 : this.view.getUint16(this.hmtx + 4 * i);
  }

  /** GDEF glyph class: 1 base, 2 ligature, 3 mark, 0 none. */
  glyphClass(gid: number): number {
    return classOf(this.view, this.glyphClassDef, gid);
  }

  /** GDEF mark attachment class (0 without a table). */
  markAttachClass(gid: number): number {
    return this.markAttachClassDef ? classOf(this.view, this.markAttachClassDef, gid) : 0;
  }
}

function findCmap(view: DataView, cmap: number): [number, number] {
  const n = view.getUint16(cmap + 2);
  for (const [platform, encoding] of CMAP_PREFERENCE) {
    for (let i = 0; i < n; i++) {
      const rec = cmap + 4 + 8 * i;
      if (view.getUint16(rec) === platform && view.getUint16(rec + 2) === encoding) {
        const offset = cmap + view.getUint32(rec + 4);
        return [view.getUint16(offset), offset];
      }
    }
  }
  return [-1, 0];
}

function tagAt(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

/** Script, feature and lookup lists of GSUB (extension type 7) or GPOS (extension type 9). */
function readLayoutTable(view: DataView, base: number, extensionType: number): LayoutTable {
  const scriptList = base + view.getUint16(base + 4);
  const featureList = base + view.getUint16(base + 6);
  const lookupList = base + view.getUint16(base + 8);
  const scripts = new Map<string, number>();
  for (let i = 0, n = view.getUint16(scriptList); i < n; i++) {
    const rec = scriptList + 2 + 6 * i;
    const tag = tagAt(view, rec);
    if (!scripts.has(tag)) scripts.set(tag, scriptList + view.getUint16(rec + 4));
  }
  const features: LayoutTable['features'] = [];
  for (let i = 0, n = view.getUint16(featureList); i < n; i++) {
    const rec = featureList + 2 + 6 * i;
    const feature = featureList + view.getUint16(rec + 4);
    const lookups: number[] = [];
    for (let j = 0, m = view.getUint16(feature + 2); j < m; j++) lookups.push(view.getUint16(feature + 4 + 2 * j));
    features.push({ tag: tagAt(view, rec), lookups });
  }
  const lookups: Lookup[] = [];
  for (let i = 0, n = view.getUint16(lookupList); i < n; i++) {
    const lookup = lookupList + view.getUint16(lookupList + 2 + 2 * i);
    const lookupType = view.getUint16(lookup);
    let type = lookupType;
    const subtables: number[] = [];
    for (let j = 0, m = view.getUint16(lookup + 4); j < m; j++) {
      let sub = lookup + view.getUint16(lookup + 6 + 2 * j);
      if (lookupType === extensionType) {
        const realType = view.getUint16(sub + 2);
        sub += view.getUint32(sub + 4);
        if (j === 0) type = realType;
        else if (realType !== type) type = -1;
      }
      subtables.push(sub);
    }
    if (type === extensionType) type = -1;
    lookups.push({ type, flags: view.getUint8(lookup + 3), markAttachmentType: view.getUint8(lookup + 2), subtables });
  }
  return { scripts, features, lookups };
}

/** The default language system's feature indexes of a script table. */
export function defaultFeatureIndexes(view: DataView, script: number): number[] | null {
  const langSysOffset = view.getUint16(script);
  if (!langSysOffset) return null;
  const langSys = script + langSysOffset;
  const out: number[] = [];
  for (let i = 0, n = view.getUint16(langSys + 4); i < n; i++) out.push(view.getUint16(langSys + 6 + 2 * i));
  return out;
}

/** Tables looked up by glyph, per font and table offset, built on first use. */
const lookupTables = new WeakMap<DataView, Map<number, Map<number, number>>>();
/** Tables listing more glyphs than this are scanned, not indexed. */
const MAX_INDEXED = 1 << 16;

function indexed(view: DataView, offset: number, build: (set: (gid: number, value: number) => void) => boolean): Map<number, number> | undefined {
  let tables = lookupTables.get(view);
  if (!tables) lookupTables.set(view, (tables = new Map()));
  let map = tables.get(offset);
  if (map === undefined) {
    const m = new Map<number, number>();
    // The first entry for a glyph wins, as in fontkit's linear scans.
    const ok = build((gid, value) => {
      if (!m.has(gid)) m.set(gid, value);
    });
    map = ok ? m : new Map([[-1, -1]]);
    tables.set(offset, map);
  }
  return map.has(-1) ? undefined : map;
}

/** Coverage index of a glyph (-1 when not covered), as fontkit's scan finds it. */
export function coverageIndex(view: DataView, coverage: number, gid: number): number {
  const map = indexed(view, coverage, (set) => {
    const format = view.getUint16(coverage);
    const n = view.getUint16(coverage + 2);
    if (format === 1) {
      for (let i = 0; i < n; i++) set(view.getUint16(coverage + 4 + 2 * i), i);
      return true;
    }
    if (format !== 2) return true;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const r = coverage + 4 + 6 * i;
      const start = view.getUint16(r);
      const end = view.getUint16(r + 2);
      if ((total += Math.max(0, end - start + 1)) > MAX_INDEXED) return false;
      for (let g = start; g <= end; g++) set(g, view.getUint16(r + 4) + g - start);
    }
    return true;
  });
  return map ? (map.get(gid) ?? -1) : scanCoverage(view, coverage, gid);
}

function scanCoverage(view: DataView, coverage: number, gid: number): number {
  const n = view.getUint16(coverage + 2);
  for (let i = 0; i < n; i++) {
    const r = coverage + 4 + 6 * i;
    const start = view.getUint16(r);
    if (start <= gid && gid <= view.getUint16(r + 2)) return view.getUint16(r + 4) + gid - start;
  }
  return -1;
}

/** Class of a glyph in a ClassDef table (0 when not listed), as fontkit's getClassID gives it. */
export function classOf(view: DataView, classDef: number, gid: number): number {
  const format = view.getUint16(classDef);
  if (format === 1) {
    const i = gid - view.getUint16(classDef + 2);
    if (i >= 0 && i < view.getUint16(classDef + 4)) return view.getUint16(classDef + 6 + 2 * i);
    return 0;
  }
  if (format !== 2) return 0;
  const map = indexed(view, classDef, (set) => {
    let total = 0;
    for (let i = 0, n = view.getUint16(classDef + 2); i < n; i++) {
      const r = classDef + 4 + 6 * i;
      const start = view.getUint16(r);
      const end = view.getUint16(r + 2);
      if ((total += Math.max(0, end - start + 1)) > MAX_INDEXED) return false;
      for (let g = start; g <= end; g++) set(g, view.getUint16(r + 4));
    }
    return true;
  });
  if (map) return map.get(gid) ?? 0;
  for (let i = 0, n = view.getUint16(classDef + 2); i < n; i++) {
    const r = classDef + 4 + 6 * i;
    if (view.getUint16(r) <= gid && gid <= view.getUint16(r + 2)) return view.getUint16(r + 4);
  }
  return 0;
}
