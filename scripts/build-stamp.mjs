// What lib/ is built from, as one hash (src/, scripts/, tsconfig.json, package.json, package-lock.json): `npm run build` records it in lib/.build-stamp and `prepare` skips a build that would make the same lib/.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP = path.join(ROOT, 'lib', '.build-stamp');
/** The bundled bin's second line (after the hashbang): how a bundle is told from the module tsc wrote. */
export const BANNER = '// quire command line, bundled by scripts/bundle-cli.mjs from lib/ (sources: src/cli/main.ts and what it imports).';

/** Every file under `dir`, sorted (relative to ROOT, with forward slashes). */
function filesUnder(dir) {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The hash of the build's inputs: their names and contents, and the Node version that builds them. */
export function inputsHash() {
  const hash = createHash('sha256').update(`node ${process.version}\n`);
  for (const file of [...filesUnder('src'), ...filesUnder('scripts'), 'tsconfig.json', 'package.json', 'package-lock.json']) {
    hash.update(`${file}\n`).update(readFileSync(path.join(ROOT, file))).update('\n');
  }
  return hash.digest('hex');
}
