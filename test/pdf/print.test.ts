// The print PDF as print shops read it: page boxes per page for every trim with and without bleed (KDP's mirrored
// bleed, Lulu's four-edge bleed), black ink only (no RGB or CMY operators; Ghostscript's inkcov), and inside margins
// growing with the page count as KDP, IngramSpark and Lulu require.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPdf } from '../../src/check/pdf.ts';
import { TRIMS, type TrimName } from '../../src/config/schema.ts';
import { renderPdf } from '../../src/render/pdf/index.ts';
import { pageGeometry, TRIM_SIZES } from '../../src/render/pdf/layout/page/geometry.ts';
import { ANY_SHOP, SHOP_RULES } from '../../src/render/pdf/shops.ts';
import { loadTheme } from '../../src/templates/theme.ts';
import { renderContext, testBook } from './book.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'quire-print-'));
const BLEED = 9;
const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.01;

/** The print PDF of the seeds (no crafted story: a short book) written to a file. */
async function printFile(name: string, options: Parameters<typeof renderContext>[0]): Promise<string> {
  const r = await renderPdf(testBook('drop', []), renderContext({ print: true, ...options }));
  const f = path.join(dir, `${name}.pdf`);
  writeFileSync(f, r.bytes);
  return f;
}

/** Each page's first word's left edge (pdftotext -bbox), points from the media box's left edge. */
function firstWordX(f: string): number[] {
  const xml = execFileSync('pdftotext', ['-bbox', f, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return xml.split('<page ').slice(1).map((p) => Number(/<word xMin="([\d.]+)"/.exec(p)?.[1] ?? NaN));
}

for (const trim of TRIMS) {
  test(`${trim}: MediaBox = TrimBox without bleed; with --bleed 0.125 in on the top, bottom and outside edge, mirrored per page`, async () => {
    const { width, height } = TRIM_SIZES[trim];
    const plain = await printFile(`${trim}-plain`, { trim });
    const bled = await printFile(`${trim}-bleed`, { trim, bleed: true });
    const a = await checkPdf(plain);
    const b = await checkPdf(bled);
    assert.ok(a.ok && b.ok, JSON.stringify([...a.findings, ...b.findings]));
    assert.equal(a.boxes.length, b.boxes.length);
    for (const box of a.boxes) {
      assert.ok(box.trim && !box.bleed);
      assert.deepEqual(box.trim.map((n) => Math.round(n)), box.media.map((n) => Math.round(n)));
      assert.ok(near(box.media[2], width) && near(box.media[3], height), `page ${box.page} media ${box.media}`);
    }
    for (const box of b.boxes) {
      const recto = box.page % 2 === 1;
      assert.ok(box.trim && box.bleed, `page ${box.page} has TrimBox and BleedBox`);
      assert.ok(near(box.media[2], width + BLEED) && near(box.media[3], height + 2 * BLEED), `page ${box.page}: media ${box.media}`);
      assert.deepEqual(box.bleed, box.media);
      // A recto's spine edge is its left: no bleed there; a verso's is its right.
      assert.ok(near(box.trim[0], recto ? 0 : BLEED) && near(box.trim[2], (recto ? 0 : BLEED) + width), `page ${box.page}: trim ${box.trim}`);
      assert.ok(near(box.trim[1], BLEED) && near(box.trim[3], BLEED + height));
    }
    // The text sits in the same place on the trimmed page: a verso's moved right by the bleed, a recto's not.
    const xa = firstWordX(plain);
    const xb = firstWordX(bled);
    xa.forEach((x, i) => {
      if (Number.isNaN(x)) return assert.ok(Number.isNaN(xb[i]!), `page ${i + 1} is blank in both`);
      assert.ok(Math.abs(xb[i]! - x - (i % 2 === 0 ? 0 : BLEED)) < 0.05, `page ${i + 1}: ${x} → ${xb[i]}`);
    });
  });
}

test('--shop lulu bleeds on all four edges: 6×9 in → 6.25×9.25 in, the text moved by the bleed on every page', async () => {
  const f = await printFile('lulu', { trim: 'trade', bleed: true, shop: 'lulu' });
  const r = await checkPdf(f);
  assert.ok(r.ok, JSON.stringify(r.findings));
  for (const box of r.boxes) {
    assert.ok(near(box.media[2], 450) && near(box.media[3], 666));
    assert.deepEqual(box.trim?.map((n) => Math.round(n * 100) / 100), [9, 9, 441, 657]);
  }
});

test('black ink only: no RGB or CMY colour operators in any page content, Ghostscript inkcov shows black alone', async () => {
  const f = await printFile('ink', { trim: 'trade', bleed: true });
  const qdf = path.join(dir, 'ink-qdf.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', f, qdf]);
  const content = readFileSync(qdf, 'latin1');
  // Every colour operator in the file: only DeviceGray's g/G (black).
  const ops = [...content.matchAll(/(?:^|\s)((?:[\d.]+\s+){1,4})(rg|RG|k|K|g|G|sc|SC|scn|SCN|cs|CS)(?=\s)/g)].map((m) => `${m[1]!.trim()} ${m[2]}`);
  assert.ok(ops.length > 0, 'the pages set their colour');
  assert.deepEqual([...new Set(ops)], ['0 g', '0 G'].filter((o) => ops.includes(o)));
  assert.doesNotMatch(content, /\/DeviceRGB|\/DeviceCMYK/);
  const ink = execFileSync('gs', ['-q', '-o', '-', '-sDEVICE=inkcov', f], { encoding: 'utf8' }).trim().split('\n');
  let black = 0;
  for (const line of ink) {
    const [c, m, y, k] = line.trim().split(/\s+/).map(Number);
    assert.deepEqual([c, m, y], [0, 0, 0], `cyan, magenta and yellow stay unused: ${line}`);
    black += k!;
  }
  assert.ok(black > 0.01, `black ink is used (${black})`);
});

test('inside margins: at least 0.5 in at every page count, growing as KDP\'s table; --shop kdp uses the table exactly', () => {
  const theme = loadTheme();
  const table: Array<[number, number, number]> = [
    // pages, KDP's least inside margin, the default's (KDP, IngramSpark and Lulu at once)
    [24, 0.375, 0.5],
    [150, 0.375, 0.5],
    [151, 0.5, 0.5],
    [300, 0.5, 0.5],
    [301, 0.625, 0.625],
    [500, 0.625, 0.625],
    [501, 0.75, 0.75],
    [700, 0.75, 0.75],
    [701, 0.875, 0.875],
    [828, 0.875, 0.875],
  ];
  for (const [pages, kdp, any] of table) {
    assert.equal(pageGeometry(theme, 'trade', pages, SHOP_RULES.kdp, false).gutterInches, kdp, `KDP at ${pages} pages`);
    assert.equal(pageGeometry(theme, 'trade', pages, ANY_SHOP, false).gutterInches, any, `default at ${pages} pages`);
    for (const shop of [SHOP_RULES.ingram, SHOP_RULES.lulu]) assert.equal(pageGeometry(theme, 'trade', pages, shop, false).gutterInches, any, `${shop.label} at ${pages} pages`);
  }
  // Every page count from 1 to 900: the default meets every shop's inside and edge margins, with and without bleed.
  for (let pages = 1; pages <= 900; pages++) {
    for (const bleed of [false, true]) {
      const g = pageGeometry(theme, 'trade', pages, ANY_SHOP, bleed);
      const outside = g.trim.width - g.recto.x - g.recto.width;
      for (const shop of Object.values(SHOP_RULES)) {
        assert.ok(g.recto.x / 72 >= shop.inside(pages) - 1e-9 && g.trim.width - g.verso.x - g.verso.width >= shop.inside(pages) * 72 - 1e-6, `${shop.label} inside at ${pages}`);
        for (const edge of [outside, g.verso.x, g.recto.y, g.trim.height - g.recto.y - g.recto.height]) assert.ok(edge >= shop.edge(bleed) * 72 - 1e-6, `${shop.label} edge at ${pages}`);
      }
    }
  }
});

test('--print warns when KDP would refuse the page count (24 to 828 pages)', async () => {
  const ctx = renderContext({ print: true, trim: 'trade' });
  const r = await renderPdf(testBook('drop', []), ctx);
  assert.ok(r.pageCount < 24, `${r.pageCount} pages`);
  const warning = ctx.messages.list.find((m) => m.rule === 'page-count');
  assert.match(warning?.reason ?? '', new RegExp(`KDP prints paperbacks of 24 to 828 pages; this interior has ${r.pageCount}`));
  const reading = renderContext({ trim: 'trade' });
  await renderPdf(testBook('drop', []), reading);
  assert.ok(!reading.messages.list.some((m) => m.rule === 'page-count'), 'the reading PDF is no print interior');
});

test('a theme with margins narrower than a shop allows is widened to the shop\'s least margin', () => {
  const theme = loadTheme();
  const narrow = { ...theme, page: { ...theme.page, outside: 0.2, top: 0.2, bottom: 0.2 } };
  const g = pageGeometry(narrow, 'trade' as TrimName, 100, ANY_SHOP, false);
  assert.equal(g.verso.x, 36);
  assert.equal(g.recto.y, 36);
  const kdp = pageGeometry(narrow, 'trade' as TrimName, 100, SHOP_RULES.kdp, true);
  assert.equal(kdp.verso.x, 27, 'KDP: 0.375 in outside with bleed');
});

/** The PDF's objects as qpdf's JSON gives them, and a resolver of references. */
function qpdfObjects(f: string): { trailer: Record<string, unknown>; get: (v: unknown) => unknown } {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', f], { encoding: 'utf8', maxBuffer: 256 << 20 })) as { qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: unknown } }>] };
  const objects = json.qpdf[1];
  const get = (v: unknown): unknown => {
    if (typeof v !== 'string' || !/ R$/.test(v)) return v;
    const o = objects[`obj:${v}`];
    return o?.value ?? o?.stream?.dict;
  };
  return { trailer: objects['trailer']!.value as Record<string, unknown>, get };
}

test('--print is PDF/X-4: version 1.6, GTS_PDFXVersion and Trapped in Info and XMP, a grey output intent with its ICC profile, fonts embedded', async () => {
  const f = await printFile('pdfx', { trim: 'trade', bleed: true });
  assert.equal(readFileSync(f, 'latin1').slice(0, 8), '%PDF-1.6');
  const { trailer, get } = qpdfObjects(f);
  const info = get(trailer['/Info']) as Record<string, unknown>;
  assert.equal(get(info['/GTS_PDFXVersion']), 'u:PDF/X-4');
  assert.equal(get(info['/Trapped']), '/False', 'Trapped is the name /False');
  assert.ok(get(info['/Title']));
  assert.ok(Array.isArray(trailer['/ID']), 'a file identifier');
  const root = get(trailer['/Root']) as Record<string, unknown>;
  const intents = get(root['/OutputIntents']) as unknown[];
  assert.equal(intents.length, 1);
  const intent = get(intents[0]) as Record<string, unknown>;
  assert.equal(intent['/S'], '/GTS_PDFX');
  assert.equal(intent['/OutputConditionIdentifier'], 'u:Custom');
  assert.match(String(intent['/Info']), /Black ink/);
  const profile = get(intent['/DestOutputProfile']) as Record<string, unknown>;
  assert.equal(profile['/N'], 1, 'a one-channel (grey) profile');
  const xmp = execFileSync('pdfinfo', ['-meta', f], { encoding: 'utf8' });
  assert.match(xmp, /<pdfxid:GTS_PDFXVersion>PDF\/X-4<\/pdfxid:GTS_PDFXVersion>/);
  assert.match(xmp, /<pdf:Trapped>False<\/pdf:Trapped>/);
  assert.match(xmp, /<xmpMM:DocumentID>uuid:[0-9a-f-]{36}<\/xmpMM:DocumentID>/);
  assert.match(xmp, /<xmp:ModifyDate>/);
  const check = await checkPdf(f);
  assert.ok(check.ok && check.fonts.length > 0 && check.fonts.every((x) => x.embedded), JSON.stringify(check.fonts));
  // No transparency, no annotations: nothing PDF/X forbids or a print shop strips.
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', f, '-'], { maxBuffer: 256 << 20 }).toString('latin1');
  assert.doesNotMatch(qdf, /\/SMask|\/CA |\/ca |\/Annots|\/Group/);
  // The reading PDF is no PDF/X.
  const reading = await printFile('reading', { trim: 'trade', print: false });
  assert.doesNotMatch(execFileSync('pdfinfo', ['-meta', reading], { encoding: 'utf8' }), /GTS_PDFXVersion/);
});

test('the output intent\'s ICC profile: a monochrome output (prtr) profile Ghostscript reads as the output profile', async () => {
  const { grayOutputProfile } = await import('../../src/render/pdf/paint/gray-profile.ts');
  const icc = grayOutputProfile();
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  const sig = (at: number): string => String.fromCharCode(...icc.subarray(at, at + 4));
  assert.equal(view.getUint32(0), icc.length);
  assert.equal(sig(12), 'prtr');
  assert.equal(sig(16), 'GRAY');
  assert.equal(sig(36), 'acsp');
  const tags = Array.from({ length: view.getUint32(128) }, (_, i) => sig(132 + 12 * i));
  assert.deepEqual(tags.sort(), ['bkpt', 'cprt', 'desc', 'kTRC', 'wtpt']);
  const file = path.join(dir, 'gray.icc');
  writeFileSync(file, icc);
  const f = await printFile('icc', { trim: 'a5' });
  // Ghostscript (lcms2) takes it as a grey device's output profile; a file that is no profile fails the same call.
  execFileSync('gs', ['-q', '-o', path.join(dir, 'icc-%d.png'), '-sDEVICE=pnggray', '-r20', '-dFirstPage=5', '-dLastPage=5', `-sOutputICCProfile=${file}`, f]);
  const junk = path.join(dir, 'junk.icc');
  writeFileSync(junk, icc.subarray(0, 100));
  assert.throws(() => execFileSync('gs', ['-q', '-o', path.join(dir, 'junk-%d.png'), '-sDEVICE=pnggray', '-r20', '-dFirstPage=5', '-dLastPage=5', `-sOutputICCProfile=${junk}`, f], { stdio: 'pipe' }));
});
