// Validation against a zod schema (the config's, the theme's), worded in English: the schema's output, or its first problem as a key (`stories[0].title`) and a reason.
import type * as z from 'zod/mini';
import english from 'zod/v4/locales/en.js';

/** zod/mini carries no messages of its own: its English ones, for this parse only. */
const ENGLISH = { error: english().localeError };

export type Validated<T> = { ok: true; data: T } | { ok: false; problem: Problem };

export interface Problem {
  /** Where in the data: keys and array indexes. */
  path: PropertyKey[];
  /** The path as written in a config: `stories[0].title`, or `(top level)`. */
  key: string;
  reason: string;
}

export function validate<S extends z.ZodMiniType>(schema: S, data: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(data, ENGLISH);
  if (result.success) return { ok: true, data: result.data };
  // An unknown key first (a misspelt key is also a missing one: the misspelling is the better hint), named where it stands.
  const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]!;
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys : undefined;
  const path = unknown ? [...issue.path, unknown[0]!] : issue.path;
  const key = path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '') || '(top level)';
  return { ok: false, problem: { path, key, reason: unknown ? `unknown key "${unknown.join('", "')}"` : missing ? `missing: add "${String(path[path.length - 1])}:" (a ${issue.expected})` : issue.message } };
}
