// Makes the EPUB zip deterministic: one fixed date on every entry, mimetype stored first, fixed compression.
import type JSZip from 'jszip';

/** DOS zip dates start in 1980; later dates are kept to the second (DOS stores 2 s steps). */
export function zipDate(modified: Date): Date {
  const min = Date.UTC(1980, 0, 1, 0, 0, 0);
  return new Date(Math.max(min, Math.floor(modified.getTime() / 1000) * 1000));
}

/** Set every entry's date and generate the bytes (DEFLATE level 9; `mimetype` keeps its STORE option). */
export async function finishZip(zip: JSZip, modified: Date): Promise<Uint8Array> {
  const date = zipDate(modified);
  const names = Object.keys(zip.files);
  if (names[0] !== 'mimetype') throw new Error(`EPUB zip must start with mimetype, got ${names[0]}`);
  for (const name of names) {
    const entry = zip.files[name]!;
    entry.date = date;
    entry.unixPermissions = null;
    entry.dosPermissions = null;
  }
  return zip.generateAsync({ type: 'uint8array', mimeType: 'application/epub+zip', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}
