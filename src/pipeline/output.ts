// Atomic output: every file is written to a temporary name in the output folder and renamed only when all succeed; no output may replace one of the build's inputs.
import { lstatSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { QuireError } from '../common/diagnostics.js';
import { describeFsError } from '../common/input-file.js';
import { displayPath } from './stories.js';

const live = new Set<OutputTransaction>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
let listening = false;

/**
 * Ctrl-C / SIGTERM while temporary files exist: remove them (or let a commit under way finish), say so, and end by
 * the same signal. At any other moment quire does not catch the signals at all, so they end it at once, even in the
 * middle of a long computation or a blocked read (a caught signal waits for the JavaScript running to yield).
 */
function onSignal(signal: NodeJS.Signals): void {
  stopListening();
  const committing = [...live].some((t) => t.isCommitting);
  const settle = Promise.all([...live].map((t) => t.settleForExit()));
  // The clean-up is a few file removals; it may not hold the process up for long.
  const timeout = new Promise((resolve) => setTimeout(resolve, 500).unref());
  void Promise.race([settle, timeout]).finally(() => {
    process.stderr.write(`quire: interrupted (${signal}); ${committing ? 'the new outputs were being put in place and are complete' : 'previous outputs left untouched'}\n`);
    process.kill(process.pid, signal);
  });
}

function listen(): void {
  if (listening) return;
  listening = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function stopListening(): void {
  if (!listening) return;
  listening = false;
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

/** A file of the build's own that no output may replace, with what it is to the build. */
interface Protected {
  what: string;
  display: string;
}

/**
 * A set of files that appear together or not at all: stage() writes `.quire-tmp-*` files,
 * commit() renames them into place, abort() removes them. Existing files are replaced only at commit.
 */
export class OutputTransaction {
  private readonly staged: Array<{ temp: string; final: string }> = [];
  private readonly removals: string[] = [];
  private done = false;
  private committing: Promise<void> | undefined;
  /** The build's inputs, by absolute path and by device and inode (a hard link or the same file by another path). */
  private readonly inputs = new Map<string, Protected>();
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
    return t;
  }

  /** Inputs of the build (stories, config, theme, cover, fonts, templates): no output may replace them. */
  protect(files: Array<{ file: string; what: string; display: string }>): void {
    for (const { file, what, display } of files) {
      this.inputs.set(path.resolve(file), { what, display });
      const st = statSync(file, { throwIfNoEntry: false });
      if (st) this.inputs.set(`${st.dev}:${st.ino}`, { what, display });
    }
  }

  /** The input at a path of the folder (relative), if one is there. */
  private inputAt(relativePath: string): Protected | undefined {
    const final = path.join(this.dir, relativePath);
    const link = lstatSync(final, { throwIfNoEntry: false });
    if (!link) return undefined;
    const st = link.isSymbolicLink() ? undefined : statSync(final, { throwIfNoEntry: false });
    return this.inputs.get(path.resolve(final)) ?? (st && this.inputs.get(`${st.dev}:${st.ino}`));
  }

  /** Refuse an output (relative path in the folder) that would replace an input: exit 1, naming both. */
  check(relativePath: string): void {
    const input = this.inputAt(relativePath);
    if (!input) return;
    const final = path.join(this.dir, relativePath);
    throw new QuireError(`this output would replace ${input.display}, the build's ${input.what}; nothing was written: give another --out folder, or move or rename the ${input.what}`, { file: displayPath(final) });
  }

  /** Write one output (relative path inside the folder) to a temporary file. */
  async stage(relativePath: string, data: Uint8Array | string): Promise<string> {
    const final = path.join(this.dir, relativePath);
    const temp = path.join(path.dirname(final), `.quire-tmp-${process.pid}-${path.basename(final)}`);
    if (this.done) throw new QuireError('build interrupted', { file: final });
    this.check(relativePath);
    listen();
    this.staged.push({ temp, final });
    try {
      await mkdir(path.dirname(final), { recursive: true });
      await writeFile(temp, data);
    } catch (error) {
      throw new QuireError(`cannot write output: ${describeFsError(error)}`, { file: final });
    }
    // Aborted while this file was being written: do not leave it behind.
    if (this.done) {
      await rm(temp, { force: true });
      throw new QuireError('build interrupted', { file: final });
    }
    return final;
  }

  /** Remove a file of the folder (relative path) at commit, with the renames; never an input (that one is kept). */
  removeAtCommit(relativePath: string): void {
    if (!this.inputAt(relativePath)) this.removals.push(path.join(this.dir, relativePath));
  }

  async commit(): Promise<void> {
    if (this.done) throw new QuireError('build interrupted', { file: this.dir });
    this.committing = (async () => {
      for (const { temp, final } of this.staged) await rename(temp, final);
      for (const file of this.removals) await rm(file, { force: true });
    })();
    try {
      await this.committing;
    } catch (error) {
      await Promise.all(this.staged.map(({ temp }) => rm(temp, { force: true })));
      throw new QuireError(`cannot write output: ${describeFsError(error)}`, { file: this.dir });
    } finally {
      this.finish();
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.finish();
    await Promise.all(this.staged.map(({ temp }) => rm(temp, { force: true })));
  }

  get isCommitting(): boolean {
    return this.committing !== undefined && !this.done;
  }

  /** On a signal: a commit under way is let finish (the outputs appear together), else the temporaries go. */
  async settleForExit(): Promise<void> {
    if (this.committing) await this.committing.catch(() => undefined);
    else await this.abort();
  }

  private finish(): void {
    this.done = true;
    live.delete(this);
    if (![...live].some((t) => t.staged.length > 0)) stopListening();
  }
}
