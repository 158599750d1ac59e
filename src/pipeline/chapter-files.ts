// The chapter files a build writes into `markdown/`: listed with a hash of each in the folder's `.quire-chapters.json`, so that a later run removes those it no longer writes (a story renamed, dropped or moved), but only files quire wrote and nobody has edited since; never another file.
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Messages } from '../common/diagnostics.js';
import type { OutputTransaction } from './output.js';
import { displayPath } from './stories.js';

/** The list of chapter files quire wrote in a folder, and their hashes. */
export const CHAPTER_LIST = '.quire-chapters.json';

/** A name quire gives a chapter file: no folder, no leading dot, `.md`. */
const CHAPTER_NAME = /^[^./\\][^/\\]*\.md$/;

function hash(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The chapters an earlier run listed in `folder` (name → hash); none when the list is missing or not quire's. */
async function listed(file: string): Promise<Map<string, string>> {
  const st = lstatSync(file, { throwIfNoEntry: false });
  if (!st?.isFile() || st.size > 4 * 1024 * 1024) return new Map();
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { chapters?: Record<string, unknown> };
    return new Map(Object.entries(data.chapters ?? {}).filter((e): e is [string, string] => CHAPTER_NAME.test(e[0]) && typeof e[1] === 'string'));
  } catch {
    return new Map();
  }
}

/**
 * Stage the chapter list of `folder` (relative to the transaction's folder) for the chapters written now (file name →
 * content), and remove, at commit, the chapters the earlier list names that are not written now and are unchanged
 * since quire wrote them. An edited one is kept, with a warning.
 */
export async function replaceChapterList(tx: OutputTransaction, folder: string, written: Map<string, string>, messages: Messages): Promise<string> {
  const before = await listed(path.join(tx.dir, folder, CHAPTER_LIST));
  for (const [name, recorded] of before) {
    if (written.has(name)) continue;
    const file = path.join(tx.dir, folder, name);
    const st = lstatSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    if (st.size < 64 * 1024 * 1024 && hash(await readFile(file)) === recorded) tx.removeAtCommit(path.join(folder, name));
    else messages.warn('stale-chapter', 'an earlier build wrote this chapter file, this one does not, and it was edited since: it is kept; delete it if it is not needed', displayPath(file));
  }
  const chapters = Object.fromEntries([...written].map(([name, content]) => [name, hash(content)]));
  return tx.stage(path.join(folder, CHAPTER_LIST), `${JSON.stringify({ note: 'The chapter files quire wrote here; a later build removes those it no longer writes, unless edited.', chapters }, null, 2)}\n`);
}
