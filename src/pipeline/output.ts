// Atomic output: every file is written to a temporary name in the output folder and renamed only when all succeed.
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { QuireError } from '../common/diagnostics.js';
import { describeFsError } from '../config/load.js';

const live = new Set<OutputTransaction>();
let signalHandlersInstalled = false;

/** Remove every pending temporary file (used on SIGINT/SIGTERM and on failure). Synchronous-safe best effort. */
async function cleanupAll(): Promise<void> {
  await Promise.all([...live].map((t) => t.abort()));
}

/** Ctrl-C / SIGTERM remove pending temporaries and exit 130 / 143; installed by the CLI at start and by every build. */
export function installSignalHandlers(): void {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      const building = live.size > 0;
      void cleanupAll().finally(() => {
        // Mid-build: say what happened to the outputs. Otherwise (e.g. watch mode between builds) just stop.
        if (building) process.stderr.write(`quire: interrupted (${signal}); previous outputs left untouched\n`);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      });
    });
  }
}

/**
 * A set of files that appear together or not at all: stage() writes `.quire-tmp-*` files,
 * commit() renames them into place, abort() removes them. Existing files are replaced only at commit.
 */
export class OutputTransaction {
  private readonly staged: Array<{ temp: string; final: string }> = [];
  private done = false;
  constructor(readonly dir: string) {}

  /** Create the folder and prove it is writable, before any real work starts. */
  static async open(dir: string): Promise<OutputTransaction> {
    try {
      await mkdir(dir, { recursive: true });
      const probe = path.join(dir, `.quire-tmp-${process.pid}-probe`);
      const handle = await open(probe, 'w');
      await handle.close();
      await rm(probe, { force: true });
    } catch (error) {
      throw new QuireError(`cannot write to the output folder: ${describeFsError(error)}`, { file: dir });
    }
    const t = new OutputTransaction(dir);
    live.add(t);
    installSignalHandlers();
    return t;
  }

  /** Write one output (relative path inside the folder) to a temporary file. */
  async stage(relativePath: string, data: Uint8Array | string): Promise<string> {
    const final = path.join(this.dir, relativePath);
    const temp = path.join(path.dirname(final), `.quire-tmp-${process.pid}-${path.basename(final)}`);
    if (this.done) throw new QuireError('build interrupted', { file: final });
    this.staged.push({ temp, final });
    try {
      await mkdir(path.dirname(final), { recursive: true });
      await writeFile(temp, data);
    } catch (error) {
      throw new QuireError(`cannot write output: ${describeFsError(error)}`, { file: final });
    }
    // Aborted (e.g. SIGINT) while this file was being written: do not leave it behind.
    if (this.done) {
      await rm(temp, { force: true });
      throw new QuireError('build interrupted', { file: final });
    }
    return final;
  }

  async commit(): Promise<void> {
    if (this.done) throw new QuireError('build interrupted', { file: this.dir });
    for (const { temp, final } of this.staged) await rename(temp, final);
    this.done = true;
    live.delete(this);
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    live.delete(this);
    await Promise.all(this.staged.map(({ temp }) => rm(temp, { force: true })));
  }
}
