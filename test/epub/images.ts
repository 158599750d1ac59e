// Test helper: small PNG images, and PNG headers that claim any size (a decompression bomb's header, its checksum right).
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';

/** A real PNG of `width` × `height` pixels (a pattern, so it is not one flat colour). */
export function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([i % 251, 80, 160, 255], i);
  return PNG.sync.write(image);
}

/** A small PNG whose IHDR claims `width` × `height` (its CRC made right, so only the size gives it away). */
export function pngClaiming(width: number, height: number): Buffer {
  const bytes = Buffer.from(png(4, 4));
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}
