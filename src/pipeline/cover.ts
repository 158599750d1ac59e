// Checks a configured cover image before any work: it must exist and be a PNG or JPEG.
import { open } from 'node:fs/promises';
import { describeFsError } from '../config/load.js';
import { QuireError } from '../common/diagnostics.js';

export type ImageKind = 'png' | 'jpeg';

/** Sniff the first bytes; throw a QuireError naming the config key when it is not a usable image. */
export async function checkCoverImage(file: string, display: string): Promise<ImageKind> {
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      head = Buffer.alloc(8);
      const { bytesRead } = await handle.read(head, 0, 8, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new QuireError(`cover: cannot read "${file}": ${describeFsError(error)}`, { file: display });
  }
  if (head.length >= 8 && head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  throw new QuireError(`cover: "${file}" is not a PNG or JPEG image`, { file: display });
}
