// Test helpers for imposition: a page source that draws each page's number big and centred, and poppler read-back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Doc, PageSource } from '../../src/impose/index.ts';
import type { PaintTransform } from '../../src/render/pdf/types.ts';

export const A5 = { width: 419.53, height: 595.28 };

export interface DrawCall {
  page: number;
  transform: PaintTransform;
}

/** A test double: page i shows the number i + 1 in 120 pt Helvetica, centred; every draw call is recorded. */
export function numberSource(pageCount: number, size = A5): PageSource & { calls: DrawCall[]; setups: number } {
  const source = {
    pageCount,
    width: size.width,
    height: size.height,
    calls: [] as DrawCall[],
    setups: 0,
    setup(doc: Doc): void {
      void doc;
      source.setups++;
    },
    draw(doc: Doc, page: number, transform: PaintTransform): void {
      source.calls.push({ page, transform });
      const scale = transform.scale ?? 1;
      doc.save();
      doc.translate(transform.x, transform.y);
      if (transform.rotate === 180) {
        doc.translate(size.width * scale, size.height * scale);
        doc.rotate(180, { origin: [0, 0] });
      }
      doc.scale(scale, scale, { origin: [0, 0] });
      const label = String(page + 1);
      doc.font('Helvetica').fontSize(120);
      const w = doc.widthOfString(label);
      doc.fillColor('black').text(label, (size.width - w) / 2, size.height / 2 - 40, { lineBreak: false });
      doc.restore();
    },
  };
  return source;
}

/** Writes `bytes` to a temp file, runs `fn` on its path, removes it. */
export function withPdf<T>(bytes: Uint8Array, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-impose-'));
  try {
    const file = path.join(dir, 'sheets.pdf');
    writeFileSync(file, bytes);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Number of pages and each page's size in points, from pdfinfo. */
export function pageSizes(file: string): Array<{ width: number; height: number }> {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '100000', file], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** Words on PDF page `k` (1-based) with their boxes, from `pdftotext -f k -l k -bbox`. */
export function wordsOnPage(file: string, k: number): Array<{ text: string; xMin: number; xMax: number; yMin: number }> {
  const html = execFileSync('pdftotext', ['-f', String(k), '-l', String(k), '-bbox', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    text: m[4]!,
  }));
}

/** Words of every PDF page (index 0 = page 1) with one `pdftotext -bbox` run. */
export function wordsByPage(file: string): Array<Array<{ text: string; xMin: number; xMax: number; yMin: number }>> {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return html
    .split(/<page /)
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        text: m[4]!,
      })),
    );
}

/** The text of PDF page `k` from `pdftotext -f k -l k -layout`, as whitespace-separated tokens. */
export function tokensOnPage(file: string, k: number): string[] {
  return execFileSync('pdftotext', ['-f', String(k), '-l', String(k), '-layout', file, '-'], { encoding: 'utf8' })
    .split(/\s+/)
    .filter(Boolean);
}
