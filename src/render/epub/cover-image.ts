// A cover image from the config, made safe for the EPUB: its size read from its header (a decompression bomb is refused before it is decoded), then decoded whole (a corrupt or truncated file is refused), and scaled down to what an e-reader shows.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { inputError, type InputSpec } from '../../common/input-file.js';

/** E-reader covers: 1600 × 2560 is plenty; a larger image is scaled to fit in it. */
export const COVER_MAX_WIDTH = 1600;
export const COVER_MAX_HEIGHT = 2560;
/** Images with more pixels than this are refused before decoding (4 bytes each while decoded: 160 MB). */
export const COVER_MAX_PIXELS = 40_000_000;

export type ImageKind = 'png' | 'jpeg';

export interface CoverImage {
  href: string;
  mediaType: string;
  bytes: Uint8Array;
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The kind and pixel size an image's header states, or why it has none (not a PNG or JPEG, or cut short). */
export function imageHeader(bytes: Uint8Array): { kind: ImageKind; width: number; height: number } | string {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // The first chunk is IHDR: length 13, then width and height as 32-bit big-endian numbers.
    if (bytes.length < 33 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return 'is a PNG without its header (IHDR): cut short or damaged';
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { kind: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    // Segments until a start of frame (SOF0–SOF15 but DHT, JPG and DAC), whose height and width follow its precision byte.
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return 'is a JPEG whose segments are damaged';
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at++;
        continue;
      }
      const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { kind: 'jpeg', height: (bytes[at + 5]! << 8) | bytes[at + 6]!, width: (bytes[at + 7]! << 8) | bytes[at + 8]! };
      }
      if (marker === 0xd9 || marker === 0xda || length < 2) break;
      at += 2 + length;
    }
    return 'is a JPEG without its frame header: cut short or damaged';
  }
  return 'is not a PNG or JPEG image';
}

/**
 * The cover as it goes into the EPUB: the image's own bytes when it decodes and fits 1600 × 2560, else scaled down
 * to fit (a JPEG stays a JPEG, a PNG a PNG). Refused with a QuireError naming the file (or the config key that names
 * it): no PNG or JPEG, more than COVER_MAX_PIXELS, or damaged.
 */
export function prepareCoverImage(bytes: Uint8Array, spec: InputSpec): CoverImage {
  const header = checkCoverHeader(bytes, spec);
  let pixels: { width: number; height: number; data: Uint8Array };
  try {
    if (header.kind === 'png') pixels = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { checkCRC: true });
    else pixels = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: COVER_MAX_PIXELS / 1e6, maxMemoryUsageInMB: 512 });
  } catch (error) {
    throw inputError(spec, `is a damaged or cut short ${header.kind === 'png' ? 'PNG' : 'JPEG'} image (${String((error as Error)?.message ?? error).split('\n')[0]}); save it again from an image editor`);
  }
  if (pixels.width !== header.width || pixels.height !== header.height || pixels.data.length < pixels.width * pixels.height * 4) {
    throw inputError(spec, 'is an image that decodes to another size than its header says; save it again from an image editor');
  }
  const kind = header.kind;
  const fits = pixels.width <= COVER_MAX_WIDTH && pixels.height <= COVER_MAX_HEIGHT;
  const out = fits ? { width: pixels.width, height: pixels.height, bytes } : encode(kind, scaleToFit(pixels, COVER_MAX_WIDTH, COVER_MAX_HEIGHT));
  return { href: kind === 'png' ? 'images/cover.png' : 'images/cover.jpg', mediaType: kind === 'png' ? 'image/png' : 'image/jpeg', ...out };
}

/** The header's kind and size, refused when it is no PNG or JPEG, has no pixels, or too many to decode. */
export function checkCoverHeader(bytes: Uint8Array, spec: InputSpec): { kind: ImageKind; width: number; height: number } {
  const header = imageHeader(bytes);
  if (typeof header === 'string') throw inputError(spec, `${header}; give a PNG or JPEG image`);
  const { width, height } = header;
  if (width === 0 || height === 0) throw inputError(spec, `is an image of ${width} × ${height} pixels, which has none; give a PNG or JPEG image`);
  if (width * height > COVER_MAX_PIXELS) {
    throw inputError(spec, `is an image of ${width} × ${height} pixels, more than the ${COVER_MAX_PIXELS / 1e6} million quire decodes; scale it to at most ${COVER_MAX_WIDTH} × ${COVER_MAX_HEIGHT}`);
  }
  return header;
}

function encode(kind: ImageKind, image: { width: number; height: number; data: Uint8Array }): { width: number; height: number; bytes: Uint8Array } {
  const data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  const bytes = kind === 'png' ? PNG.sync.write({ width: image.width, height: image.height, data } as PNG) : jpeg.encode({ width: image.width, height: image.height, data }, 90).data;
  return { width: image.width, height: image.height, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/** RGBA pixels scaled down (area average) to fit within `maxWidth` × `maxHeight`, keeping the aspect ratio. */
export function scaleToFit(image: { width: number; height: number; data: Uint8Array }, maxWidth: number, maxHeight: number): { width: number; height: number; data: Uint8Array } {
  const scale = Math.min(maxWidth / image.width, maxHeight / image.height, 1);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const sums = new Float64Array(width * height * 4);
  const counts = new Float64Array(width * height);
  const src = image.data;
  for (let y = 0; y < image.height; y++) {
    const ty = Math.min(height - 1, Math.floor((y * height) / image.height));
    for (let x = 0; x < image.width; x++) {
      const t = ty * width + Math.min(width - 1, Math.floor((x * width) / image.width));
      const s = (y * image.width + x) * 4;
      const o = t * 4;
      for (let c = 0; c < 4; c++) sums[o + c] = sums[o + c]! + src[s + c]!;
      counts[t] = counts[t]! + 1;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let t = 0; t < counts.length; t++) for (let c = 0; c < 4; c++) data[t * 4 + c] = Math.round(sums[t * 4 + c]! / counts[t]!);
  return { width, height, data };
}

/** The pool's task (pipeline/tasks.ts): a cover file decoded and fitted. */
export const task = {
  run: ({ bytes, spec }: { bytes: Uint8Array; spec: InputSpec }): CoverImage => prepareCoverImage(bytes, spec),
};
