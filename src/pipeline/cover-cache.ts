// Keeps drawn cover PNGs on disk, keyed by their exact resvg input (SVG, options, font files, resvg version), so a rebuild does not draw an unchanged cover again.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { CoverJob } from '../render/epub/cover.js';

/** Covers kept in the cache folder (≈ 100 KB each); the oldest beyond this are removed when one is added. */
export const KEEP_COVERS = 32;

/**
 * Where covers are kept: `QUIRE_CACHE_DIR` (empty: no cache), else the platform's cache folder
 * (`$XDG_CACHE_HOME/quire` or `~/.cache/quire`, `~/Library/Caches/quire`, `%LOCALAPPDATA%\quire\Cache`).
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: () => string = os.homedir): string | undefined {
  const chosen = env.QUIRE_CACHE_DIR;
  if (chosen !== undefined) return chosen === '' ? undefined : path.resolve(chosen);
  if (platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'quire', 'Cache') : undefined;
  if (platform !== 'darwin' && env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'quire');
  let dir: string;
  try {
    dir = home();
  } catch {
    return undefined; // no home folder (a user without one): no cache
  }
  return platform === 'darwin' ? path.join(dir, 'Library', 'Caches', 'quire') : path.join(dir, '.cache', 'quire');
}

let resvgVersion: string | undefined;

/** The drawing code's version: a new resvg may draw the same SVG differently. */
function rendererVersion(): string {
  if (resvgVersion === undefined) {
    try {
      const require = createRequire(import.meta.url);
      resvgVersion = String((JSON.parse(readFileSync(require.resolve('@resvg/resvg-js/package.json'), 'utf8')) as { version?: unknown }).version);
    } catch {
      resvgVersion = 'unknown';
    }
  }
  return resvgVersion;
}

/** The cache file for a job: its name hashes everything that decides the pixels (undefined: no cache, or a font file is missing). */
export function coverCacheFile(job: CoverJob, dir: string | undefined = cacheDir()): string | undefined {
  if (!dir) return undefined;
  const hash = createHash('sha256').update(`quire cover 1\0resvg ${rendererVersion()}\0${JSON.stringify(job)}`);
  try {
    // A font file changed in place (a package upgrade) draws different glyphs under the same path.
    for (const file of job.options.font.fontFiles) {
      const s = statSync(file);
      hash.update(`\0${file}\0${s.size}\0${s.mtimeMs}`);
    }
  } catch {
    return undefined;
  }
  return path.join(dir, 'covers', `${hash.digest('hex').slice(0, 40)}.png`);
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/** A whole PNG file: its signature first and its IEND chunk last (a truncated write is not one). */
export function isWholePng(bytes: Uint8Array): boolean {
  if (bytes.length < SIGNATURE.length + IEND.length) return false;
  return SIGNATURE.every((b, i) => bytes[i] === b) && IEND.every((b, i) => bytes[bytes.length - IEND.length + i] === b);
}

/** The PNG drawn earlier for exactly this job, if the cache has a whole one. */
export function readCachedCover(job: CoverJob, dir?: string): Uint8Array | undefined {
  const file = coverCacheFile(job, dir ?? cacheDir());
  if (!file) return undefined;
  try {
    const bytes = new Uint8Array(readFileSync(file));
    return isWholePng(bytes) ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keep a drawn PNG for the next build, unless a whole one is there already. Written beside its final name and
 * renamed (two builds at once never see half a file); a cache that cannot be written is no error, only slower.
 */
export function storeCover(job: CoverJob, png: Uint8Array, dir?: string): void {
  const file = coverCacheFile(job, dir ?? cacheDir());
  if (!file || !isWholePng(png)) return;
  try {
    if (isWholePng(readFileSync(file))) return;
  } catch {
    // not there yet (or unreadable): write it
  }
  const folder = path.dirname(file);
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(temp, png);
    renameSync(temp, file);
    prune(folder, path.basename(file));
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // never written
    }
  }
}

/** Remove the oldest covers beyond KEEP_COVERS, never the one just written (and temporaries an interrupted build left). */
function prune(folder: string, written: string): void {
  const now = Date.now();
  const files = readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    try {
      return [{ full, name, mtime: statSync(full).mtimeMs }];
    } catch {
      return [];
    }
  });
  const stale = files.filter((f) => f.name.endsWith('.tmp') && now - f.mtime > 60_000);
  const covers = files.filter((f) => f.name.endsWith('.png') && f.name !== written).sort((a, b) => b.mtime - a.mtime);
  for (const f of [...stale, ...covers.slice(KEEP_COVERS - 1)]) {
    try {
      unlinkSync(f.full);
    } catch {
      // removed by another build meanwhile
    }
  }
}
