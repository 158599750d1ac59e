// Worker-thread entries: a module of quire's by its path, from lib/ (also for the bundled CLI) or from src/ through tsx's loader when quire runs from its TypeScript sources.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from './package-root.js';

/** A worker module: its path, whether it is TypeScript, and a JS expression (a promise) that imports it. */
export interface WorkerModule {
  file: string;
  typescript: boolean;
  load: string;
}

/**
 * The module `name` (its path under src/ or lib/ without the extension, e.g. `build/epub-worker`): `lib/name.js`,
 * or `src/name.ts` when this code runs from src/ under tsx (as the tests do). The bundled CLI starts its workers
 * from lib/ too: a worker is its own thread, with its own modules. Node 20 does not apply the main thread's loader
 * hooks to a worker, so `load` registers tsx's loader in the worker first (tsx/esm/api) before importing a
 * TypeScript module.
 */
export function workerModule(name: string): WorkerModule {
  const typescript = import.meta.url.endsWith('.ts');
  const file = path.join(PACKAGE_ROOT, typescript ? 'src' : 'lib', `${name}${typescript ? '.ts' : '.js'}`);
  const href = JSON.stringify(pathToFileURL(file).href);
  const load = typescript ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${href}); })` : `import(${href})`;
  return { file, typescript, load };
}
