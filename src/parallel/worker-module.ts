// Worker-thread entries: a module of quire's by its path, from lib/, from the bundled command line's lib/cli/, or from src/ through tsx's loader when quire runs from its TypeScript sources.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../common/package-root.js';

/** `true` in the bundled command line (scripts/bundle-cli.mjs defines it), whose worker entries are bundled beside it in lib/cli/. */
declare const QUIRE_BUNDLE: boolean | undefined;

/** A worker module: its path, whether it is TypeScript, and a JS expression (a promise) that imports it. */
export interface WorkerModule {
  file: string;
  typescript: boolean;
  load: string;
}

/**
 * The module `name` (its path under src/ or lib/ without the extension, e.g. `pipeline/epub-worker`): `lib/name.js`;
 * in the bundled command line its bundled entry, `lib/cli/<last part of name>.js` (scripts/bundle-cli.mjs lists
 * them); `src/name.ts` when this code runs from src/ under tsx (as the tests do). Node 20 does not apply the main
 * thread's loader hooks to a worker, so `load` registers tsx's loader in the worker first (tsx/esm/api) before
 * importing a TypeScript module.
 */
export function workerModule(name: string): WorkerModule {
  const typescript = import.meta.url.endsWith('.ts');
  const bundled = typeof QUIRE_BUNDLE !== 'undefined' && QUIRE_BUNDLE;
  const file = bundled ? path.join(PACKAGE_ROOT, 'lib', 'cli', `${path.basename(name)}.js`) : path.join(PACKAGE_ROOT, typescript ? 'src' : 'lib', `${name}${typescript ? '.ts' : '.js'}`);
  const href = JSON.stringify(pathToFileURL(file).href);
  const load = typescript ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${href}); })` : `import(${href})`;
  return { file, typescript, load };
}
