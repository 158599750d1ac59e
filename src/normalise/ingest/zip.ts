// Reads zip archives (EPUBs) from memory, defensively: every offset is checked against the buffer, an entry is
// inflated only up to the size its directory declares (a zip bomb stops there), sizes and CRC-32 are checked.
// Errors are plain `Error`s whose message says what is wrong with the archive.
import { crc32, inflateRawSync } from 'node:zlib';

/** One entry of a zip file, read from its central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  /** Uncompressed size, as declared by the central directory. */
  size: number;
  offset: number;
}

function u16(zip: Buffer, at: number): number {
  if (at < 0 || at + 2 > zip.length) throw new Error('damaged zip: a record runs past the end of the file');
  return zip.readUInt16LE(at);
}

function u32(zip: Buffer, at: number): number {
  if (at < 0 || at + 4 > zip.length) throw new Error('damaged zip: a record runs past the end of the file');
  return zip.readUInt32LE(at);
}

/** The entries of a zip (its central directory). ZIP64 and encrypted archives are refused. */
export function zipEntries(zip: Buffer, maxEntries = 65535): ZipEntry[] {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = u16(zip, end + 10);
  const directorySize = u32(zip, end + 12);
  let at = u32(zip, end + 16);
  if (count === 0xffff || at === 0xffffffff || directorySize === 0xffffffff) throw new Error('ZIP64 archives are not supported');
  if (count > maxEntries) throw new Error(`too many entries (${count}; at most ${maxEntries})`);
  if (at + directorySize > end) throw new Error('damaged zip: the central directory lies outside the file');
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (u32(zip, at) !== 0x02014b50) throw new Error('zip central directory is damaged');
    const flags = u16(zip, at + 8);
    const nameLength = u16(zip, at + 28);
    const skip = nameLength + u16(zip, at + 30) + u16(zip, at + 32);
    if (at + 46 + skip > zip.length) throw new Error('damaged zip: a record runs past the end of the file');
    const entry: ZipEntry = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: u16(zip, at + 10),
      crc: u32(zip, at + 16),
      compressedSize: u32(zip, at + 20),
      size: u32(zip, at + 24),
      offset: u32(zip, at + 42),
    };
    if (flags & 1) throw new Error(`zip entry ${entry.name} is encrypted`);
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.offset === 0xffffffff) throw new Error('ZIP64 archives are not supported');
    entries.push(entry);
    at += 46 + skip;
  }
  return entries;
}

/**
 * The uncompressed bytes of one entry (stored or deflated): never more than the size the directory declares
 * (inflation stops there), checked against that size and the CRC-32.
 */
export function zipEntryData(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.offset;
  if (u32(zip, at) !== 0x04034b50) throw new Error(`zip entry ${entry.name}: bad local header`);
  const start = at + 30 + u16(zip, at + 26) + u16(zip, at + 28);
  if (start + entry.compressedSize > zip.length) throw new Error(`zip entry ${entry.name}: its data runs past the end of the file`);
  const raw = zip.subarray(start, start + entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      data = entry.size === 0 ? Buffer.alloc(0) : inflateRawSync(raw, { maxOutputLength: entry.size });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw new Error(`zip entry ${entry.name} inflates to more than the ${entry.size} bytes it declares (a zip bomb?)`);
      throw new Error(`zip entry ${entry.name}: its compressed data is damaged`);
    }
  } else throw new Error(`zip entry ${entry.name}: unsupported compression method ${entry.method}`);
  if (data.length !== entry.size || crc32(data) !== entry.crc) throw new Error(`zip entry ${entry.name}: size or CRC-32 mismatch`);
  return data;
}
