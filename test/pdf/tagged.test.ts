// The reading PDF is tagged (PDF/UA): a structure tree of sections, headings, paragraphs, notes and contents entries
// in story order, page furniture as artifacts, every piece of content tagged or an artifact; the print PDF is not.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { wordsOf } from '../../src/audit/index.ts';
import type { Book } from '../../src/model/types.ts';
import { renderPdf, type LaidOutBook } from '../../src/render/pdf/index.ts';
import { renderContext, testBook } from './book.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'quire-tagged-'));
let book: Book;
let layout: LaidOutBook;
let file: string;

before(async () => {
  book = testBook('endnotes');
  const r = await renderPdf(book, renderContext());
  layout = r.layout;
  file = path.join(dir, 'book.pdf');
  writeFileSync(file, r.bytes);
});

const run = (tool: string, args: string[]): string => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 256 << 20 });

/** `pdfinfo -struct-text` as a tree: each element's type, title, text and children. */
interface Node {
  type: string;
  title?: string;
  text: string[];
  children: Node[];
}
function structTree(f: string): Node {
  const root: Node = { type: 'root', text: [], children: [] };
  const stack: Array<{ depth: number; node: Node }> = [{ depth: -1, node: root }];
  for (const line of run('pdfinfo', ['-struct-text', f]).split('\n')) {
    if (!line.trim()) continue;
    const depth = line.length - line.trimStart().length;
    while (stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]!.node;
    const s = line.trim();
    const text = /^"(.*)"$/.exec(s);
    if (text) {
      parent.text.push(text[1]!);
      continue;
    }
    const m = /^(\w+)(?: "(.*)")?/.exec(s)!;
    const node: Node = { type: m[1]!, ...(m[2] !== undefined && { title: m[2] }), text: [], children: [] };
    parent.children.push(node);
    stack.push({ depth, node });
  }
  return root;
}
const textOf = (n: Node): string => [...n.text, ...n.children.map(textOf)].join(' ');

test('pdfinfo: Tagged yes, the title shown as the window title, /Lang, a PDF/UA identifier', () => {
  const info = run('pdfinfo', [file]);
  assert.match(info, /^Tagged:\s+yes$/m);
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 256 << 20 }).toString('latin1');
  assert.match(qdf, /\/DisplayDocTitle true/);
  assert.match(qdf, /\/Lang \(en\)/);
  assert.match(qdf, /\/MarkInfo/);
  assert.match(qdf, /\/Marked true/);
  assert.match(run('pdfinfo', ['-meta', file]), /<pdfuaid:part>1<\/pdfuaid:part>/);
});

test('the structure tree: a Sect per story in story order, H1 titles, H2 chapters, P paragraphs, Notes, a TOC of entries with a Reference to a Link and a Lbl', () => {
  const doc = structTree(file).children[0]!;
  assert.equal(doc.type, 'Document');
  const sects = doc.children;
  assert.ok(sects.every((s) => s.type === 'Sect'));
  // (pdfinfo prints a non-ASCII section title /T badly: the sections are known by their H1.)
  const storySects = sects.filter((s) => book.stories.some((st) => s.children[0]?.type === 'H1' && textOf(s.children[0]) === st.title));
  assert.deepEqual(storySects.map((s) => textOf(s.children[0]!)), book.stories.map((s) => s.title), 'one section per story, in story order');
  for (const s of storySects) {
    if (/^[\x20-\x7e]*$/.test(s.title ?? '')) assert.equal(s.title, textOf(s.children[0]!), 'the section is titled');
    assert.ok(s.children.filter((c) => c.type === 'P').length >= 3, `${s.title} has paragraphs`);
  }
  const ledger = storySects.find((s) => textOf(s.children[0]!) === 'The Lighthouse Keeper’s Ledger')!;
  assert.deepEqual(ledger.children.filter((c) => c.type === 'H2').map(textOf), ['The First Night', 'The Second Night']);
  const contents = sects.find((s) => s.title === 'Contents')!;
  const toc = contents.children.find((c) => c.type === 'TOC')!;
  assert.ok(toc, 'a TOC');
  const entries = toc.children.filter((c) => c.type === 'TOCI');
  for (const story of book.stories) {
    const entry = entries.find((e) => e.children[0]?.type === 'Reference' && e.children[0].children[0]?.type === 'Link' && textOf(e.children[0]).startsWith(story.title));
    assert.ok(entry, `a contents entry links ${story.title}`);
    const label = entry.children.find((c) => c.type === 'Lbl')!;
    assert.match(textOf(label), /^\d+$/, 'its page number is the Lbl');
    const page = Number(textOf(label));
    assert.equal(layout.pages[page - 1]!.kind, 'opener', `${story.title}: the Lbl is the page it opens on`);
  }
  const notes = sects.find((s) => s.title === 'Notes')!;
  assert.ok(notes.children.some((c) => c.type === 'Note' && c.children.some((l) => l.type === 'Link')), 'notes, their numbers linking back');
  // Note references in the running text are links inside their paragraph.
  assert.ok(storySects.some((s) => s.children.some((p) => p.type === 'P' && p.children.some((c) => c.type === 'Link'))));
});

test('reading order: each story section\'s text is the story\'s words as laid out, in order; no running head or folio in it', () => {
  const doc = structTree(file).children[0]!;
  for (const story of book.stories) {
    const sect = doc.children.find((s) => s.children[0]?.type === 'H1' && textOf(s.children[0]) === story.title)!;
    // The story text as laid out, with the line-breaking hyphens it is drawn with.
    let laidOut = '';
    for (const page of layout.pages) for (const r of page.runs) if (r.story === story.id) laidOut += (r.join === 'none' ? '' : ' ') + r.text;
    const tagged = sect.children.filter((c) => c.type === 'P' || c.type.startsWith('H2') || c.type === 'H3').map(textOf).join(' ');
    const want = wordsOf(laidOut);
    const got = wordsOf(tagged);
    // Chapter headings are in the tagged text, not the story's words: every story word comes, in order.
    let j = 0;
    for (let i = 0; i < want.length; i++) {
      while (j < got.length && got[j] !== want[i]) j++;
      assert.ok(j < got.length, `${story.id}: word ${i} "${want[i]}" missing after "${want.slice(Math.max(0, i - 4), i).join(' ')}"`);
      j++;
    }
    assert.ok(got.length - want.length < 40, `${story.id}: ${got.length - want.length} extra words`);
  }
  // The running heads and folios are artifacts: outside the tree.
  const all = textOf(structTree(file));
  const folios = layout.pages.filter((p) => p.folio).map((p) => p.folio!);
  const lone = all.split(' ').filter((w) => folios.includes(w));
  const contentsNumbers = layout.outline.length;
  assert.ok(lone.length <= contentsNumbers + book.stories.length, `${lone.length} page numbers in the tree (only the contents' own)`);
});

test('every piece of page content is tagged or an artifact: no text or rule outside a marked-content sequence', () => {
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', '--normalize-content=y', file, '-'], { maxBuffer: 256 << 20 }).toString('latin1');
  const streams = [...qdf.matchAll(/%% Contents for page (\d+)\n(?:%%[^\n]*\n)*\d+ 0 obj\n<<[^]*?>>\nstream\n([^]*?)\nendstream/g)];
  assert.equal(streams.length, layout.pages.length);
  let artifacts = 0;
  for (const [, page, content] of streams) {
    let depth = 0;
    artifacts += content!.match(/\/Artifact\s*<<[^]*?>>\s*BDC/g)?.length ?? 0;
    for (const line of content!.split('\n')) {
      if (/ BDC$| BMC$/.test(line)) depth++;
      else if (line === 'EMC') depth--;
      else if (/ (TJ|Tj|S)$/.test(line)) assert.ok(depth > 0, `page ${page}: "${line.slice(0, 60)}" is neither tagged nor an artifact`);
      assert.ok(depth >= 0 && depth <= 1, `page ${page}: marked content nests`);
    }
    assert.equal(depth, 0, `page ${page}: every sequence ends`);
  }
  assert.ok(artifacts >= layout.pages.filter((p) => p.folio).length, 'running heads and folios are artifacts');
});

test('the print PDF (PDF/X) is not tagged, and carries no marked content', async () => {
  const print = await renderPdf(testBook('endnotes'), renderContext({ print: true }));
  const f = path.join(dir, 'print.pdf');
  writeFileSync(f, print.bytes);
  assert.match(run('pdfinfo', [f]), /^Tagged:\s+no$/m);
  assert.equal(print.layout.structure, undefined);
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', f, '-'], { maxBuffer: 256 << 20 }).toString('latin1');
  assert.doesNotMatch(qdf, / BDC\n|\/StructTreeRoot/);
});
