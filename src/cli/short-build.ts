// A short build runs without V8's optimizing compiler: for a book of a few thousand words, compiling its hot functions costs more than it saves.
import { setFlagsFromString } from 'node:v8';

/**
 * Story sources up to this size (≈ 11k words) build faster without TurboFan: the seeds (25 KB) 0.90 → 0.75 s wall,
 * 1.06 → 0.64 s CPU (10 runs each); 60 KB of War and Peace 0.86 → 0.77 s. From ≈ 100–150 KB, depending on the text,
 * it is slower (Alice, 174 KB: 1.2 → 1.6 s), and a big book needs the optimized code (a 107k-word one 2.6 → 3.4 s).
 */
export const SHORT_BUILD_BYTES = 64 * 1024;

/**
 * The process-wide choice, made once the sources' size is known (BuildOptions.onSources) and before the layout's hot
 * loops run: the command line owns its process, so it decides; the library never changes V8's flags.
 */
export function tuneForSources(sources: { bytes: number }): boolean {
  if (sources.bytes > SHORT_BUILD_BYTES) return false;
  setFlagsFromString('--no-opt');
  return true;
}
