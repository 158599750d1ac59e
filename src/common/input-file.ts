// Reading the user's files: the one place quire opens a story, config, theme, cover, font or template. Only regular files (never a FIFO, device, socket or folder), never more than a documented size (refused before reading it whole), and a path a config or theme names only inside the config's folder, by real path (symlinks resolved).
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { QuireError } from './diagnostics.js';

/** What a file is to quire; it decides the size limit and the words of the messages. */
export type InputKind = 'story' | 'config' | 'theme' | 'cover' | 'font' | 'template';

const MB = 1024 * 1024;

/** The largest file of each kind quire reads (docs/errors.md lists them). */
export const INPUT_LIMITS: Record<InputKind, number> = {
  // A 10-million-word text, or a download with its pictures: more is not one story.
  story: 64 * MB,
  config: 1 * MB,
  theme: 1 * MB,
  cover: 32 * MB,
  font: 32 * MB,
  template: 1 * MB,
};

/** Where a path was named: the config or theme file, its line and key (for the message that refuses it). */
export interface Origin {
  file: string;
  line?: number;
  key: string;
  /** The path as written there. */
  given?: string;
}

export interface InputSpec {
  kind: InputKind;
  /** The path as messages show it. */
  display: string;
  /** The file must be inside this folder by real path (a config's folder; absent with --allow-outside). */
  within?: string;
  /** Where the path was named, for the messages (else they name the file itself). */
  origin?: Origin;
}

/**
 * The error for `spec`'s file, `reason` saying what it is or does ("is a FIFO…", "cannot be read: …"): at its origin
 * (the config or theme key that names it) when it has one, else at the file itself.
 */
export function inputError(spec: InputSpec, reason: string): QuireError {
  const o = spec.origin;
  if (!o) return new QuireError(`the ${spec.kind} file ${reason}`, { file: spec.display });
  return new QuireError(`${o.key}: "${o.given ?? spec.display}" ${reason}`, { file: o.file, ...(o.line !== undefined && { line: o.line }) });
}

/** What a file system error means to the user. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EISDIR': return 'is a directory, not a file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'too many symbolic links (a link loop?)';
    case 'ENAMETOOLONG': return 'the path is too long';
    default: return (error as Error)?.message ?? String(error);
  }
}

/** What a file that is not a regular file is. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function megabytes(n: number): string {
  return Number.isInteger(n / MB) ? `${n / MB} MB` : `${(n / MB).toFixed(1)} MB`;
}

/** Whether `real` (a real path) is `dir` or inside it. */
export function isInside(real: string, dir: string): boolean {
  const rel = path.relative(dir, real);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/** The real path of a file that does not exist: its nearest existing folder's real path, and the rest as written. */
function realAsFarAsItGoes(file: string): string {
  const rest: string[] = [];
  for (let dir = path.resolve(file); ; dir = path.dirname(dir)) {
    try {
      return path.join(realpathSync(dir), ...rest);
    } catch {
      if (path.dirname(dir) === dir) return path.resolve(file);
      rest.unshift(path.basename(dir));
    }
  }
}

/** Refuse a real path outside `spec.within`. */
function checkWithin(real: string, spec: InputSpec): void {
  if (spec.within === undefined || isInside(real, spec.within)) return;
  throw inputError(spec, `is outside the config's folder (it is ${real}); move it inside or pass --allow-outside`);
}

/** Refuse what is not a regular file, or is larger than the kind's limit. */
function checkStats(st: Stats, spec: InputSpec): void {
  if (!st.isFile()) throw inputError(spec, `is ${kindOf(st)}, not a regular file; give a file`);
  const limit = INPUT_LIMITS[spec.kind];
  if (st.size > limit) throw tooLarge(spec, st.size);
}

/** What to do with a file too large for its kind. */
const SMALLER: Record<InputKind, string> = {
  story: 'split it into several stories',
  config: 'a config is a short list of settings and stories',
  theme: 'a theme is a short list of settings',
  cover: 'save it smaller (a cover needs at most 1600 × 2560 pixels)',
  font: 'give a font file of one face',
  template: 'a template is a short text',
};

function tooLarge(spec: InputSpec, size: number): QuireError {
  const limit = INPUT_LIMITS[spec.kind];
  return inputError(spec, `is ${size >= limit + MB / 10 ? `${megabytes(size)}, ` : ''}more than the ${megabytes(limit)} quire reads as a ${spec.kind}, so nothing was read; ${SMALLER[spec.kind]}`);
}

function fsError(spec: InputSpec, error: unknown): QuireError {
  return error instanceof QuireError ? error : inputError(spec, `cannot be read: ${describeFsError(error)}`);
}

/** Opened without blocking (a FIFO swapped in after the check must not hang the read); never follows a link swapped in either. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/** The same file as checked (a file swapped in between the check and the open is refused). */
function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino && b.isFile();
}

/**
 * Check a file as readInput would, without reading it: its real path, and its size. Throws a QuireError naming the
 * file (or the key that named it) for a missing file, one that is no regular file, too large, or outside its folder.
 */
export async function checkInput(file: string, spec: InputSpec): Promise<{ real: string; size: number }> {
  try {
    const real = await realpath(file).catch((error: unknown) => {
      // A path that leads nowhere is still refused first for where it points.
      checkWithin(realAsFarAsItGoes(file), spec);
      throw error;
    });
    checkWithin(real, spec);
    const st = await stat(real);
    checkStats(st, spec);
    return { real, size: st.size };
  } catch (error) {
    throw fsError(spec, error);
  }
}

/** checkInput, synchronously. */
export function checkInputSync(file: string, spec: InputSpec): { real: string; size: number } {
  try {
    let real: string;
    try {
      real = realpathSync(file);
    } catch (error) {
      checkWithin(realAsFarAsItGoes(file), spec);
      throw error;
    }
    checkWithin(real, spec);
    const st = statSync(real);
    checkStats(st, spec);
    return { real, size: st.size };
  } catch (error) {
    throw fsError(spec, error);
  }
}

/** Read a user's file whole after checkInput's checks (or only its first `head` bytes). */
export async function readInput(file: string, spec: InputSpec, head?: number): Promise<Buffer> {
  const { real } = await checkInput(file, spec);
  let handle;
  try {
    const before = await stat(real);
    handle = await open(real, OPEN_FLAGS);
    if (!sameFile(before, await handle.stat())) throw inputError(spec, 'changed while it was opened; try again');
    const into = new Filling(spec, before.size, head);
    while (!into.took((await handle.read(into.buffer, into.at, into.buffer.length - into.at, null)).bytesRead));
    return into.bytes();
  } catch (error) {
    throw fsError(spec, error);
  } finally {
    await handle?.close();
  }
}

/** readInput, synchronously. */
export function readInputSync(file: string, spec: InputSpec, head?: number): Buffer {
  const { real } = checkInputSync(file, spec);
  let fd: number | undefined;
  try {
    const before = statSync(real);
    fd = openSync(real, OPEN_FLAGS);
    if (!sameFile(before, fstatSync(fd))) throw inputError(spec, 'changed while it was opened; try again');
    const into = new Filling(spec, before.size, head);
    while (!into.took(readSync(fd, into.buffer, into.at, into.buffer.length - into.at, null)));
    return into.bytes();
  } catch (error) {
    throw fsError(spec, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The buffer a file is read into until its end: its size may be 0 (files the kernel makes) or have grown since it
 * was checked, so reading goes on to the end, at most to the kind's limit (or `head` bytes).
 */
class Filling {
  buffer: Buffer;
  at = 0;
  private readonly limit: number;
  constructor(
    private readonly spec: InputSpec,
    size: number,
    private readonly head: number | undefined,
  ) {
    this.limit = head ?? INPUT_LIMITS[spec.kind];
    this.buffer = Buffer.allocUnsafe(Math.min(this.limit, size) + 1);
  }

  /** Count `n` bytes read; true when reading is done. */
  took(n: number): boolean {
    if (n === 0) return true;
    this.at += n;
    if (this.at < this.buffer.length) return false;
    if (this.at > this.limit) {
      if (this.head !== undefined) return true;
      throw tooLarge(this.spec, this.at);
    }
    const grown = Buffer.allocUnsafe(Math.min(this.limit + 1, this.buffer.length * 2));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
    return false;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, Math.min(this.at, this.limit));
  }
}
