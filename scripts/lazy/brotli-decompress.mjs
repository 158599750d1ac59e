// Stands in for `brotli/decompress.js` in the bundled command line: fontkit imports it at load (≈ 40 ms) but calls it only to read a WOFF2 font; the real one is loaded then, from beside fontkit.
import { createRequire } from 'node:module';

let decompress;

export default function brotliDecompress(buffer, outputSize) {
  decompress ??= createRequire(import.meta.resolve('fontkit'))('brotli/decompress.js');
  return decompress(buffer, outputSize);
}
