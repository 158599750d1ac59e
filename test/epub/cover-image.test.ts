// Cover images are decoded, not sniffed: a decompression bomb is refused by its header before decoding, a damaged file by name, a large one scaled to fit an e-reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { QuireError } from '../../src/common/diagnostics.ts';
import { COVER_MAX_HEIGHT, COVER_MAX_WIDTH, prepareCoverImage } from '../../src/render/epub/cover-image.ts';
import { png, pngClaiming } from './images.ts';

const spec = { kind: 'cover' as const, display: 'art/cover.png' };

const refused = (bytes: Uint8Array, reason: RegExp): void => {
  assert.throws(() => prepareCoverImage(bytes, spec), (e: unknown) => e instanceof QuireError && /art\/cover\.png/.test(e.format()) && reason.test(e.message), String(reason));
};

test('a cover that fits goes in as it is', () => {
  const bytes = png(40, 64);
  const cover = prepareCoverImage(bytes, spec);
  assert.deepEqual([cover.mediaType, cover.width, cover.height], ['image/png', 40, 64]);
  assert.ok(Buffer.from(cover.bytes).equals(bytes));
  const j = Buffer.from(jpeg.encode({ width: 30, height: 20, data: Buffer.alloc(30 * 20 * 4, 0x70) }, 80).data);
  assert.deepEqual(prepareCoverImage(j, spec).mediaType, 'image/jpeg');
});

test('a larger cover is scaled down to fit 1600 × 2560, in its own format', () => {
  const cover = prepareCoverImage(png(3200, 400), spec);
  assert.deepEqual([cover.width, cover.height], [COVER_MAX_WIDTH, 200]);
  const back = PNG.sync.read(Buffer.from(cover.bytes));
  assert.deepEqual([back.width, back.height], [1600, 200]);
  const tall = Buffer.from(jpeg.encode({ width: 100, height: 5120, data: Buffer.alloc(100 * 5120 * 4, 0x40) }, 80).data);
  const fitted = prepareCoverImage(tall, spec);
  assert.deepEqual([fitted.mediaType, fitted.width, fitted.height], ['image/jpeg', 50, COVER_MAX_HEIGHT]);
  assert.deepEqual([jpeg.decode(fitted.bytes).width, jpeg.decode(fitted.bytes).height], [50, 2560]);
});

test('decompression bombs are refused by their header, at once; damaged and truncated images by name', () => {
  const started = performance.now();
  refused(pngClaiming(20000, 20000), /20000 × 20000 pixels, more than the 40 million/);
  refused(pngClaiming(2 ** 31, 2 ** 31), /2147483648 × 2147483648 pixels/);
  assert.ok(performance.now() - started < 1000, 'refused before decoding');
  refused(pngClaiming(0, 10), /has none/);
  const good = png(40, 64);
  refused(good.subarray(0, 20), /cut short/);
  refused(good.subarray(0, good.length - 30), /damaged or cut short PNG/);
  const corrupt = Buffer.from(good);
  corrupt[50] ^= 0xff;
  refused(corrupt, /damaged or cut short PNG/);
  const j = Buffer.from(jpeg.encode({ width: 30, height: 20, data: Buffer.alloc(30 * 20 * 4, 0x70) }, 80).data);
  refused(j.subarray(0, 10), /JPEG/);
  refused(Buffer.from('GIF89a…'), /not a PNG or JPEG/);
});
