// Finds quire's own folder (package.json, templates/, lib/, src/) from wherever its code runs: a lib/ module, the bundled CLI (lib/cli/main.js), or src/ under tsx.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above `from` that holds a package.json (src/ and lib/ hold none). */
export function packageRootAbove(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`quire: no package.json above ${from}`);
  }
}

export const PACKAGE_ROOT: string = packageRootAbove(path.dirname(fileURLToPath(import.meta.url)));
