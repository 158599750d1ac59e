// The PDF/X output intent's ICC profile: a monochrome output ('prtr') profile of black ink on uncoated book paper
// (ICC.1:2001-04, version 2.1), made here, byte for byte the same each time. Free ICC grey profiles (Debian's
// icc-profiles-free Gray.icc, Ghostscript's default_gray.icc and sgray.icc) are display ('mntr') profiles, which PDF/X
// does not take as a printing condition.

/** 50 % ink prints as 70 %: the dot gain of offset and toner presses on uncoated paper ("Dot Gain 20 %"). */
const DOT_GAIN_AT_HALF = 0.2;
/** Reflectance of solid black ink relative to the paper (optical density ≈ 1.5). */
const SOLID_BLACK = 0.03;
/** Entries in the grey tone curve. */
const CURVE_POINTS = 256;

export const GRAY_PROFILE_DESCRIPTION = 'quire Black Ink, Dot Gain 20%';
export const GRAY_PROFILE_COPYRIGHT = 'No copyright: made by quire, free to use';

/** The profile's bytes (made once). */
let made: Uint8Array | undefined;

export function grayOutputProfile(): Uint8Array {
  made ??= makeProfile();
  return made;
}

function makeProfile(): Uint8Array {
  // Device grey g (0 black, 1 paper) → relative luminance Y: ink k = 1 − g printed with dot gain, then reflected.
  const exponent = Math.log(0.5 - DOT_GAIN_AT_HALF) / Math.log(0.5);
  const curve: number[] = [];
  for (let i = 0; i < CURVE_POINTS; i++) {
    const g = i / (CURVE_POINTS - 1);
    const printed = 1 - g ** exponent; // area covered once the dots have spread
    const y = 1 - printed * (1 - SOLID_BLACK);
    curve.push(Math.round(y * 65535));
  }
  const tags: Array<[string, Uint8Array]> = [
    ['desc', textDescription(GRAY_PROFILE_DESCRIPTION)],
    ['cprt', text(GRAY_PROFILE_COPYRIGHT)],
    ['wtpt', xyz(0.9642, 1.0, 0.8249)], // D50: media-relative white
    ['bkpt', xyz(0.9642 * SOLID_BLACK, SOLID_BLACK, 0.8249 * SOLID_BLACK)],
    ['kTRC', curveTag(curve)],
  ];
  const tableSize = 4 + 12 * tags.length;
  let offset = 128 + tableSize;
  const placed = tags.map(([sig, data]) => {
    const at = offset;
    offset += align4(data.length);
    return { sig, data, at };
  });
  const out = new Uint8Array(offset);
  const view = new DataView(out.buffer);
  // Header.
  view.setUint32(0, out.length);
  view.setUint32(8, 0x02100000); // version 2.1
  ascii(out, 12, 'prtr');
  ascii(out, 16, 'GRAY');
  ascii(out, 20, 'XYZ ');
  // Date 2026-01-01 00:00:00 (fixed: the same bytes every build).
  [2026, 1, 1, 0, 0, 0].forEach((n, i) => view.setUint16(24 + 2 * i, n));
  ascii(out, 36, 'acsp');
  view.setUint32(64, 1); // rendering intent: relative colorimetric
  // PCS illuminant D50 (s15Fixed16).
  view.setInt32(68, s15(0.9642));
  view.setInt32(72, s15(1.0));
  view.setInt32(76, s15(0.8249));
  // Tag table.
  view.setUint32(128, tags.length);
  placed.forEach((t, i) => {
    ascii(out, 132 + 12 * i, t.sig);
    view.setUint32(136 + 12 * i, t.at);
    view.setUint32(140 + 12 * i, t.data.length);
    out.set(t.data, t.at);
  });
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function s15(x: number): number {
  return Math.round(x * 65536);
}

function ascii(out: Uint8Array, at: number, s: string): void {
  for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
}

function xyz(x: number, y: number, z: number): Uint8Array {
  const out = new Uint8Array(20);
  const v = new DataView(out.buffer);
  ascii(out, 0, 'XYZ ');
  v.setInt32(8, s15(x));
  v.setInt32(12, s15(y));
  v.setInt32(16, s15(z));
  return out;
}

function text(s: string): Uint8Array {
  const out = new Uint8Array(8 + s.length + 1);
  ascii(out, 0, 'text');
  ascii(out, 8, s);
  return out;
}

/** textDescriptionType: the ASCII description, no Unicode or ScriptCode parts. */
function textDescription(s: string): Uint8Array {
  const out = new Uint8Array(12 + s.length + 1 + 4 + 4 + 2 + 1 + 67);
  const v = new DataView(out.buffer);
  ascii(out, 0, 'desc');
  v.setUint32(8, s.length + 1);
  ascii(out, 12, s);
  return out;
}

function curveTag(points: number[]): Uint8Array {
  const out = new Uint8Array(12 + 2 * points.length);
  const v = new DataView(out.buffer);
  ascii(out, 0, 'curv');
  v.setUint32(8, points.length);
  points.forEach((p, i) => v.setUint16(12 + 2 * i, p));
  return out;
}
