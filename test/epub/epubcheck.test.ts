// The EPUBCheck runner: it reports a broken EPUB's errors with ids and locations, and says what to install when Java is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { runEpubcheck } from '../../src/check/epubcheck.ts';
import { QuireError } from '../../src/common/diagnostics.ts';
import { renderEpub } from '../../src/render/epub/index.ts';
import { makeContext, sampleBook } from './book.ts';

test('a broken EPUB (dangling link, missing manifest file) is reported with error ids and locations', async () => {
  const zip = await JSZip.loadAsync(await renderEpub(sampleBook(), makeContext()));
  const colophon = await zip.file('OEBPS/colophon.xhtml')!.async('string');
  zip.file('OEBPS/colophon.xhtml', colophon.replace('</section>', '<p><a href="missing.xhtml">gone</a></p>\n</section>'));
  zip.remove('OEBPS/images/cover.png');
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-epubcheck-'));
  try {
    const file = path.join(dir, 'broken.epub');
    writeFileSync(file, await zip.generateAsync({ type: 'uint8array' }));
    const r = await runEpubcheck(file);
    assert.ok(r.errors >= 2, JSON.stringify(r.messages, null, 1));
    const ids = r.messages.map((m) => m.id);
    assert.ok(ids.includes('RSC-007'), ids.join(' '));
    assert.ok(r.messages.some((m) => m.id === 'RSC-007' && /colophon\.xhtml:\d+/.test(m.location ?? '')), 'location with file:line');
    assert.ok(r.messages.every((m) => m.severity && m.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without Java the runner throws a QuireError that says to install a Java runtime', async () => {
  await assert.rejects(runEpubcheck('/nonexistent.epub', { java: '/nonexistent/bin/java' }), (e: unknown) => e instanceof QuireError && /install a Java runtime/.test(e.message));
});
