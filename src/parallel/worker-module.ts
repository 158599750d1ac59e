// Where a worker entry of quire's is: in lib/, beside the bundled command line in lib/cli/, or in src/ when quire runs from its TypeScript sources (under tsx).
import path from 'node:path';
import { PACKAGE_ROOT } from '../common/package-root.js';

/** `true` in the bundled command line (scripts/bundle-cli.mjs defines it), whose worker entry is bundled beside it in lib/cli/. */
declare const QUIRE_BUNDLE: boolean | undefined;

/**
 * The file of the module `name` (its path under src/ or lib/ without the extension, e.g. `pipeline/worker`):
 * `lib/name.js`; in the bundled command line `lib/cli/<last part of name>.js` (scripts/bundle-cli.mjs bundles it
 * there); `src/name.ts` when this code runs from src/ under tsx (as the tests do).
 */
export function workerModule(name: string): string {
  if (typeof QUIRE_BUNDLE !== 'undefined' && QUIRE_BUNDLE) return path.join(PACKAGE_ROOT, 'lib', 'cli', `${path.basename(name)}.js`);
  const typescript = import.meta.url.endsWith('.ts');
  return path.join(PACKAGE_ROOT, typescript ? 'src' : 'lib', `${name}${typescript ? '.ts' : '.js'}`);
}
