// zod, loaded on first use (synchronously, through require): only configs and themes the fast validators decline need it.
import { createRequire } from 'node:module';
import type * as Zod from 'zod';

let zod: typeof Zod | undefined;

/** The zod module (its CommonJS build; quire loads zod nowhere else, so there is one instance). */
export function loadZod(): typeof Zod {
  return (zod ??= createRequire(import.meta.url)('zod') as typeof Zod);
}
