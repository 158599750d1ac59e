// End to end: `quire build` on seeds/ → EPUB (epubcheck clean), PDF (fonts embedded, qpdf clean), zine, markdown, report.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import { quire, ROOT, run, tempDir } from './helpers.ts';

const out = tempDir('quire-seeds-');
let stdout = '';

before(() => {
  const r = quire(['build', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  stdout = r.stdout;
});

test('the seeds build every output into the folder', () => {
  assert.deepEqual(readdirSync(out).sort(), ['four-words-zine.pdf', 'four-words.epub', 'four-words.pdf', 'four-words.report.json', 'four-words.review.html', 'markdown']);
  assert.deepEqual(readdirSync(path.join(out, 'markdown')).sort(), ['.quire-chapters.json', '01-four-words.md', '02-the-leap.md', '03-outlaws-together.md']);
  assert.match(stdout, /Built “Four Words”: 3 stories/);
  // One line per story of what the normaliser did.
  assert.match(stdout, /^ {2}Four Words: 1 disclaimer moved to the notices, 0 scene breaks, 0 chapters$/m);
  assert.match(stdout, /^ {2}The Leap: 1 author's note moved, 0 scene breaks, 0 chapters$/m);
  assert.match(stdout, /^ {2}Outlaws Together: 1 scene break, 0 chapters$/m);
});

test('the report counts, lists what was removed, and records a passing audit', () => {
  const report = JSON.parse(readFileSync(path.join(out, 'four-words.report.json'), 'utf8'));
  assert.equal(report.book.stories, 3);
  assert.ok(report.book.words > 4000 && report.book.words < 6000, String(report.book.words));
  const [four, leap, outlaws] = report.stories;
  assert.ok(four.removed.some((r: { kind: string; line: number }) => r.kind === 'disclaimer' && r.line === 1));
  assert.ok(leap.removed.some((r: { kind: string; line: number }) => r.kind === 'authorNote' && r.line === 1));
  assert.equal(outlaws.sceneBreaks, 1);
  for (const s of report.stories) {
    assert.equal(s.audit.epub.ok, true, `${s.title} EPUB audit`);
    assert.equal(s.audit.pdf.ok, true, `${s.title} PDF audit`);
    assert.ok(s.words > 500);
  }
  for (const o of report.outputs) assert.equal(o.bytes, statSync(path.resolve(ROOT, o.path)).size);
  const pdf = report.outputs.find((o: { format: string }) => o.format === 'pdf');
  assert.ok(pdf.pages >= 8 && pdf.pages % 2 === 0);
});

test('the markdown chapters hold clean story text', () => {
  const four = readFileSync(path.join(out, 'markdown/01-four-words.md'), 'utf8');
  const leap = readFileSync(path.join(out, 'markdown/02-the-leap.md'), 'utf8');
  const outlaws = readFileSync(path.join(out, 'markdown/03-outlaws-together.md'), 'utf8');
  const body = (md: string): string => md.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/^\[\^[^\]]+\]:[\s\S]*$/m, '');
  assert.doesNotMatch(body(four), /Disclaimer|I do not own/);
  assert.doesNotMatch(body(leap), /A\/N/);
  assert.match(body(outlaws), /^\* \* \*$/m);
  assert.doesNotMatch(body(outlaws), /:::/);
  for (const md of [four, leap, outlaws]) {
    assert.doesNotMatch(body(md), / - |--|\.\.\.|\. \. \./, 'dashes and ellipses are typographic');
    assert.doesNotMatch(body(md), /"/, 'quotes are curly');
  }
  assert.match(body(four), /negotiation—surely/);
});

test('epubcheck: 0 fatals, 0 errors, 0 warnings', async () => {
  const r = await runEpubcheck(path.join(out, 'four-words.epub'));
  assert.deepEqual({ fatals: r.fatals, errors: r.errors, warnings: r.warnings }, { fatals: 0, errors: 0, warnings: 0 }, JSON.stringify(r.messages.slice(0, 5)));
});

test('PDF: every font embedded with ToUnicode, qpdf --check clean, pages even', () => {
  for (const file of ['four-words.pdf', 'four-words-zine.pdf']) {
    const fonts = run('pdffonts', [path.join(out, file)]).stdout.trim().split('\n').slice(2);
    assert.ok(fonts.length >= 1, `${file} has fonts`);
    for (const line of fonts) {
      const cols = line.trim().split(/\s+/);
      // name type [encoding…] emb sub uni object ID
      const [emb, , uni] = cols.slice(-5, -2);
      assert.equal(emb, 'yes', `${file} embedded: ${line}`);
      assert.equal(uni, 'yes', `${file} ToUnicode: ${line}`);
    }
    const q = run('qpdf', ['--check', path.join(out, file)]);
    assert.equal(q.code, 0, q.stdout + q.stderr);
    assert.match(q.stdout, /No syntax or stream encoding errors found/);
  }
  const info = run('pdfinfo', [path.join(out, 'four-words.pdf')]).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  assert.equal(pages % 2, 0);
  assert.match(info, /Title:\s+Four Words/);
});

test('a second build with the same SOURCE_DATE_EPOCH is byte-identical', () => {
  const again = tempDir('quire-seeds-again-');
  const r = quire(['build', '--out', again]);
  assert.equal(r.code, 0, r.stderr);
  for (const f of ['four-words.epub', 'four-words.pdf', 'four-words-zine.pdf', 'markdown/02-the-leap.md']) {
    assert.ok(readFileSync(path.join(out, f)).equals(readFileSync(path.join(again, f))), `${f} differs between builds`);
  }
});

test('quire check passes the built EPUB, PDF and zine, and fails a broken file', () => {
  const files = ['four-words.epub', 'four-words.pdf', 'four-words-zine.pdf'].map((f) => path.join(out, f));
  const r = quire(['check', ...files]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const f of files) assert.match(r.stdout, new RegExp(`${path.basename(f).replace('.', '\\.')}: ok`));
  const broken = path.join(tempDir('quire-broken-'), 'broken.pdf');
  writeFileSync(broken, readFileSync(files[1]!).subarray(0, 5000));
  const bad = quire(['check', broken]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout + bad.stderr, /broken\.pdf/);
});
