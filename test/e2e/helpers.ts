// Test helpers for end-to-end runs of the `quire` bin (lib/cli/main.js, the bundled CLI; `npm test` builds it first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'lib/cli/main.js');
/** The same command line from its TypeScript sources, module by module (node arguments). */
export const SOURCE_CLI = ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts')];

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `quire …` with a fixed SOURCE_DATE_EPOCH, from the repository root unless cwd is given. */
export function quire(args: string[], options: { cwd?: string; env?: Record<string, string>; node?: string[] } = {}): RunResult {
  const r = spawnSync(process.execPath, [...(options.node ?? [CLI]), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1763683200', ...options.env },
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system temp folder, removed when the test process exits. */
export function tempDir(prefix = 'quire-e2e-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Run a command and return its stdout (throws on a non-zero exit). */
export function run(cmd: string, args: string[]): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
