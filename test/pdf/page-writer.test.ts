// PageWriter (pages painted first, their streams deflated here or in batches by a worker meanwhile, written in order) gives the bytes of plain page-by-page writing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { collectOutput } from '../../src/render/pdf/paint/output.ts';
import { shareDeflating, type DeflaterFor } from '../../src/render/pdf/deflate.ts';
import { Pool } from '../../src/parallel/pool.ts';
import { workerModule } from '../../src/parallel/worker-module.ts';
import { TASKS } from '../../src/pipeline/tasks.ts';
import { PageWriter } from '../../src/render/pdf/paint/page-writer.ts';

type Doc = InstanceType<typeof PDFDocument>;

function newDoc(bufferPages: boolean, encrypted = false): Doc {
  return new PDFDocument({ autoFirstPage: false, bufferPages, compress: true, margin: 0, info: { Title: 'Pages', CreationDate: new Date(0), ModDate: new Date(0) }, ...(encrypted && { userPassword: 'quire' }) });
}

/** One page's painting: text, a link written at once, a destination, a Form XObject written at once, sometimes a rule. */
function draw(doc: Doc, i: number, n: number): void {
  doc.font('Helvetica').fontSize(12).fillColor('black').text(`page ${i + 1} of ${n}`, 50, 50, { lineBreak: false });
  doc.goTo(40, 40, 120, 20, `p${(i + 1) % n}`);
  doc.addNamedDestination(`p${i}`, 'XYZ', 0, 0, null);
  const form = (doc as unknown as { ref(data: object): { write(s: string): void; end(): void } }).ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 20, 20] });
  form.write(`0 0 m ${i % 20} 20 l S`);
  form.end();
  (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects[`X${i}`] = form;
  doc.addContent(`/X${i} Do`);
  if (i % 7 === 0) doc.moveTo(10, 10).lineTo(200, 10).lineWidth(0.5).stroke('black');
}

function outline(doc: Doc, n: number): void {
  for (let i = 0; i < n; i += 50) doc.outline.addItem(`Part ${i / 50 + 1}`, { pageNumber: i } as object);
}

/** The reference: pdfkit writes each page when the next one is added, objects as soon as they are ended. */
async function plain(n: number, encrypted = false): Promise<Uint8Array> {
  const doc = newDoc(false, encrypted);
  const done = collectOutput(doc);
  for (let i = 0; i < n; i++) {
    doc.addPage({ size: [300, 400], margin: 0 });
    draw(doc, i, n);
  }
  outline(doc, n);
  doc.end();
  return done;
}

/** Page streams deflated in batches by a worker (every document's, however short). */
const inWorker = shareDeflating(new Pool(TASKS, { entry: workerModule('pipeline/worker'), threads: 1, eager: true }).scheduler('deflate'));

async function written(n: number, each?: (i: number, stream: Uint8Array) => void, encrypted = false, deflater?: DeflaterFor): Promise<Uint8Array> {
  const doc = newDoc(true, encrypted);
  const done = collectOutput(doc);
  const writer = new PageWriter(doc, n, undefined, deflater);
  for (let i = 0; i < n; i++) {
    doc.addPage({ size: [300, 400], margin: 0 });
    writer.paint(() => draw(doc, i, n));
  }
  // Every page's stream, deflated, before the document is written (what the capture takes, paintDocument).
  (await writer.deflated()).forEach((stream, i) => stream && each?.(i, stream));
  await writer.finish();
  outline(doc, n);
  doc.end();
  return done;
}

for (const [n, deflater] of [[1], [7], [250], [250, inWorker], [3, inWorker]] as Array<[number, DeflaterFor?]>) {
  test(`${n} pages${deflater ? ' (deflated in batches by a worker)' : ''}: byte for byte the page-by-page file`, { timeout: 60_000 }, async () => {
    const streams: Array<[number, Uint8Array]> = [];
    const [a, b] = await Promise.all([plain(n), written(n, (i, s) => streams.push([i, s]), false, deflater)]);
    assert.ok(Buffer.from(a).equals(Buffer.from(b)), `files differ (${a.length} vs ${b.length} bytes)`);
    assert.deepEqual(streams.map(([i]) => i), Array.from({ length: n }, (_, i) => i), 'each page stream seen once, in order');
    assert.match(inflateSync(streams[n - 1]![1]).toString('latin1'), /BT/);
  });
}

test('an encrypted document (its streams go through pdfkit\'s own writing): byte for byte the page-by-page file', async () => {
  for (const n of [7, 205]) {
    const [a, b] = await Promise.all([plain(n, true), written(n, undefined, true)]);
    assert.ok(Buffer.from(a).equals(Buffer.from(b)), `files differ (${a.length} vs ${b.length} bytes)`);
    assert.match(Buffer.from(b).toString('latin1'), /\/Encrypt/);
  }
});

test('the written file is clean for qpdf and poppler reads every page', async () => {
  const n = 203;
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-page-writer-'));
  try {
    const file = path.join(dir, 'pages.pdf');
    writeFileSync(file, await written(n));
    assert.match(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }), /No syntax or stream encoding errors found/);
    const pages = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    assert.deepEqual(pages.map((p) => p.trim()), Array.from({ length: n }, (_, i) => `page ${i + 1} of ${n}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
