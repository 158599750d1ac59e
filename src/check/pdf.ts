// `quire check` for PDFs: qpdf structure check, pdffonts (embedded, ToUnicode), page boxes (TrimBox/BleedBox) per page.
import { execFile } from 'node:child_process';
import { QuireError } from '../common/diagnostics.js';

export interface PdfFinding {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface PdfFontInfo {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  toUnicode: boolean;
}

export interface PdfPageBoxes {
  /** 1-based page number. */
  page: number;
  media: [number, number, number, number];
  trim?: [number, number, number, number];
  bleed?: [number, number, number, number];
}

export interface PdfCheckResult {
  ok: boolean;
  findings: PdfFinding[];
  pages: number;
  fonts: PdfFontInfo[];
  boxes: PdfPageBoxes[];
}

const TOOLS: Record<string, string> = { qpdf: 'qpdf', pdffonts: 'poppler-utils', pdfinfo: 'poppler-utils' };

function run(tool: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      const err = error as (NodeJS.ErrnoException & { code?: string | number }) | null;
      if (err && err.code === 'ENOENT') {
        reject(new QuireError(`${tool} is not installed; install ${TOOLS[tool] ?? tool} (e.g. apt-get install ${TOOLS[tool] ?? tool}) to check PDFs`, { kind: 'usage' }));
        return;
      }
      resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : 1) : 0 });
    });
  });
}

type Box = [number, number, number, number];

function sizeOf(box: Box): [number, number] {
  return [Math.abs(box[2] - box[0]), Math.abs(box[3] - box[1])];
}

/** Parse `pdffonts` output: the dashed second line gives the column widths (name, type, encoding, emb, sub, uni, object). */
export function parsePdffonts(text: string): PdfFontInfo[] {
  const lines = text.split('\n');
  const dashes = lines[1] ?? '';
  const cols: Array<[number, number]> = [];
  for (const m of dashes.matchAll(/-+/g)) cols.push([m.index!, m.index! + m[0].length]);
  if (cols.length < 6) return [];
  const out: PdfFontInfo[] = [];
  for (const line of lines.slice(2)) {
    if (!line.trim()) continue;
    const cell = (i: number): string => line.slice(cols[i]![0], i + 1 < cols.length ? cols[i + 1]![0] : undefined).trim();
    out.push({ name: cell(0), type: cell(1), embedded: cell(3) === 'yes', subset: cell(4) === 'yes', toUnicode: cell(5) === 'yes' });
  }
  return out;
}

/** Check a PDF the way a print shop's preflight would start: structure, fonts, page boxes. */
export async function checkPdf(file: string): Promise<PdfCheckResult> {
  const findings: PdfFinding[] = [];
  const qpdf = await run('qpdf', ['--check', file]);
  if (qpdf.code !== 0 && qpdf.code !== 3) findings.push({ severity: 'error', message: `qpdf --check: ${(qpdf.stderr || qpdf.stdout).trim().split('\n').slice(0, 5).join('; ')}` });
  else if (qpdf.code === 3) findings.push({ severity: 'warning', message: `qpdf --check warnings: ${(qpdf.stderr || qpdf.stdout).trim().split('\n').slice(0, 5).join('; ')}` });

  const fontsOut = await run('pdffonts', [file]);
  if (fontsOut.code !== 0) findings.push({ severity: 'error', message: `pdffonts failed: ${fontsOut.stderr.trim()}` });
  const fonts = parsePdffonts(fontsOut.stdout);
  for (const f of fonts) {
    if (!f.embedded) findings.push({ severity: 'error', message: `font ${f.name} is not embedded` });
    if (!f.toUnicode) findings.push({ severity: 'warning', message: `font ${f.name} has no ToUnicode map (text cannot be extracted or searched)` });
    if (f.type === 'Type 3') findings.push({ severity: 'warning', message: `font ${f.name} is a Type 3 font (print shops often reject these)` });
  }

  const info = await run('pdfinfo', [file]);
  if (info.code !== 0) {
    findings.push({ severity: 'error', message: `pdfinfo failed: ${info.stderr.trim()}` });
    return { ok: false, findings, pages: 0, fonts, boxes: [] };
  }
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1] ?? 0);
  const boxes = await pageBoxes(file, pages);
  const missingTrim = boxes.filter((b) => !b.trim).map((b) => b.page);
  if (missingTrim.length) findings.push({ severity: 'error', message: `no TrimBox on ${missingTrim.length} page(s): ${missingTrim.slice(0, 10).join(', ')}${missingTrim.length > 10 ? ', …' : ''}` });
  const sizes = new Set(boxes.map((b) => sizeOf(b.trim ?? b.media).map((n) => n.toFixed(1)).join('×')));
  if (sizes.size > 1) findings.push({ severity: 'error', message: `pages have different trim sizes: ${[...sizes].join(', ')}` });
  else if (sizes.size === 1) findings.push({ severity: 'info', message: `trim ${[...sizes][0]} pt on all ${pages} pages` });
  for (const b of boxes) {
    if (b.trim && b.bleed) {
      const inside = b.bleed[0] <= b.trim[0] + 0.01 && b.bleed[1] <= b.trim[1] + 0.01 && b.bleed[2] >= b.trim[2] - 0.01 && b.bleed[3] >= b.trim[3] - 0.01;
      if (!inside) {
        findings.push({ severity: 'error', message: `page ${b.page}: BleedBox does not contain the TrimBox` });
        break;
      }
    }
  }
  if (pages % 2 === 1) findings.push({ severity: 'warning', message: `odd page count (${pages}); print-on-demand interiors need an even count` });
  return { ok: !findings.some((f) => f.severity === 'error'), findings, pages, fonts, boxes };
}

/** Page boxes as written in each page dictionary (qpdf JSON), so a missing TrimBox is seen as missing. */
async function pageBoxes(file: string, pages: number): Promise<PdfPageBoxes[]> {
  const out = await run('qpdf', ['--json=2', '--json-key=pages', '--json-key=qpdf', file]);
  if (out.code !== 0 && out.code !== 3) return [];
  const json = JSON.parse(out.stdout) as { pages: Array<{ object: string; pageposfrom1: number }>; qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
  const objects = json.qpdf[1];
  const resolve = (v: unknown): unknown => (typeof v === 'string' && / R$/.test(v) ? objects[`obj:${v}`]?.value : v);
  const boxes: PdfPageBoxes[] = [];
  for (const p of json.pages.slice(0, pages || undefined)) {
    const dict = objects[`obj:${p.object}`]?.value ?? {};
    // MediaBox may be inherited from the page tree.
    let media = resolve(dict['/MediaBox']) as Box | undefined;
    let parent = resolve(dict['/Parent']) as Record<string, unknown> | undefined;
    while (!media && parent) {
      media = resolve(parent['/MediaBox']) as Box | undefined;
      parent = resolve(parent['/Parent']) as Record<string, unknown> | undefined;
    }
    const trim = resolve(dict['/TrimBox']) as Box | undefined;
    const bleed = resolve(dict['/BleedBox']) as Box | undefined;
    boxes.push({ page: p.pageposfrom1, media: media ?? [0, 0, 0, 0], ...(trim && { trim }), ...(bleed && { bleed }) });
  }
  return boxes;
}
