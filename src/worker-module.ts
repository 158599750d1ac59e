// Worker-thread entries: a module beside its caller, loaded through tsx's loader when quire runs from its TypeScript sources.
import { fileURLToPath } from 'node:url';

/** A worker module: its path, whether it is TypeScript, and a JS expression (a promise) that imports it. */
export interface WorkerModule {
  file: string;
  typescript: boolean;
  load: string;
}

/**
 * The module `name` next to the module at `callerUrl`: `name.js` in lib/, `name.ts` when running from src/
 * under tsx (as the tests do). Node 20 does not apply the main thread's loader hooks to a worker, so `load`
 * registers tsx's loader in the worker first (tsx/esm/api) before importing a TypeScript module.
 */
export function workerModule(callerUrl: string, name: string): WorkerModule {
  const typescript = callerUrl.endsWith('.ts');
  const url = new URL(`./${name}${typescript ? '.ts' : '.js'}`, callerUrl);
  const href = JSON.stringify(url.href);
  const load = typescript ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${href}); })` : `import(${href})`;
  return { file: fileURLToPath(url), typescript, load };
}
