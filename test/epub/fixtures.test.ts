// One EPUB from every normaliser golden fixture (chapter markdown files named fixtures/*.md): epubcheck clean, text read back intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import { splitFrontMatter } from '../../src/model/parse.ts';
import { blocksText } from '../../src/model/types.ts';
import { renderEpub } from '../../src/render/epub/index.ts';
import { epubPlainText } from '../../src/render/epub/text.ts';
import { bookFromMarkdown, makeContext, ROOT } from './book.ts';

/** Golden chapter files: `fixtures/` at the root or under any test area, with a front matter title. */
function fixtureChapters(): string[] {
  const dirs = [path.join(ROOT, 'fixtures'), ...readdirSync(path.join(ROOT, 'test')).map((d) => path.join(ROOT, 'test', d, 'fixtures'))];
  const files: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) files.push(full);
    }
  };
  dirs.forEach(walk);
  return files.map((f) => readFileSync(f, 'utf8')).filter((md) => typeof splitFrontMatter(md, 'fixture').data.title === 'string');
}

test('an EPUB of every normaliser fixture passes epubcheck and reads back intact', async (t) => {
  const chapters = fixtureChapters();
  if (chapters.length === 0) {
    t.skip('no normaliser golden fixtures (fixtures/*.md) in the repository yet');
    return;
  }
  const book = bookFromMarkdown(chapters, { title: 'Normaliser fixtures' });
  const bytes = await renderEpub(book, makeContext());
  const texts = await epubPlainText(bytes);
  for (const s of book.stories) assert.equal(texts.get(s.id), blocksText(s.blocks), s.title);
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-epub-fixtures-'));
  try {
    const file = path.join(dir, 'fixtures.epub');
    writeFileSync(file, bytes);
    const r = await runEpubcheck(file, { usage: true });
    assert.deepEqual({ fatals: r.fatals, errors: r.errors, warnings: r.warnings, usages: r.usages }, { fatals: 0, errors: 0, warnings: 0, usages: 0 }, JSON.stringify(r.messages.slice(0, 10), null, 1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
