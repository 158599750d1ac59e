// Tests watch mode's PDF layout reuse: an edit sets only the edited story again, output as a fresh build's; a new text width reuses nothing.
import assert from 'node:assert/strict';
import { appendFile, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { build, type BuildResult } from '../../src/pipeline/index.js';
import { watchBuild, type WatchEvent } from '../../src/pipeline/watch.js';

const SEEDS = path.resolve(import.meta.dirname, '../../seeds');
/** A character no font of the theme has (Egyptian hieroglyph A001): the PDF warns about it with a count. */
/** An arrow no font has (a private-use character would be removed by the normaliser): and as a symbol, not a letter, it is a warning (a letter fails the build). */
const MISSING = '\u{1F8B0}';

async function next(events: WatchEvent[], timeoutMs = 60_000): Promise<Extract<WatchEvent, { ok: true }>> {
  const deadline = Date.now() + timeoutMs;
  while (events.length === 0) {
    if (Date.now() > deadline) throw new Error('no watch event in time');
    await new Promise((r) => setTimeout(r, 50));
  }
  const e = events.shift()!;
  assert.ok(e.ok, e.ok ? '' : String(e.error));
  return e;
}

const pdfOf = (r: BuildResult): Promise<Buffer> => readFile(r.files.find((f) => f.endsWith('.pdf'))!);
const glyphWarnings = (r: BuildResult): string[] => r.messages.list.filter((m) => m.rule === 'missing-glyph').map((m) => m.reason);

/** The same inputs built from scratch (no caches) into another folder. */
async function fresh(dir: string, name: string): Promise<BuildResult> {
  return build({ config: path.join(dir, 'anthology.yaml'), out: path.join(dir, name), formats: ['pdf'], sourceDateEpoch: 0 });
}

test('watch: editing one of three stories reuses the other two layouts, with the PDF of a fresh build; a new trim reuses none', { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'quire-watch-layouts-'));
  for (const f of ['anthology.yaml', 'four-words.txt', 'the-leap.txt', 'outlaws-together.txt']) await copyFile(path.join(SEEDS, f), path.join(dir, f));
  // Two stories share a word with a missing glyph: the warning counts it once per distinct word, whichever story sets it.
  const word = `q${MISSING}q`;
  await appendFile(path.join(dir, 'four-words.txt'), `\n\nA word ${word} no font can draw.\n`);
  await appendFile(path.join(dir, 'the-leap.txt'), `\n\nThe same ${word} again, and ${MISSING} alone.\n`);
  const events: WatchEvent[] = [];
  const watcher = watchBuild({ config: path.join(dir, 'anthology.yaml'), out: path.join(dir, 'out'), formats: ['pdf'], sourceDateEpoch: 0 }, (e) => events.push(e), { debounceMs: 50 });
  try {
    const first = await next(events);
    assert.equal(first.layoutsReused, 0);
    assert.equal(first.laidOut, 3);
    assert.equal(glyphWarnings(first.result).length, 1);

    // Edit the story that set the shared word first, dropping it: the reused story must still count it.
    await writeFile(path.join(dir, 'four-words.txt'), `${await readFile(path.join(SEEDS, 'four-words.txt'), 'utf8')}\n\nAn edited last paragraph.\n`);
    const second = await next(events);
    assert.deepEqual(second.changed, [path.join(dir, 'four-words.txt')]);
    assert.equal(second.layoutsReused, 2, 'the two unchanged stories are not set again');
    assert.equal(second.laidOut, 1);
    const expected = await fresh(dir, 'fresh-1');
    const secondPdf = await pdfOf(second.result);
    assert.ok(secondPdf.equals(await pdfOf(expected)), 'the rebuilt PDF is byte for byte a fresh build’s');
    assert.deepEqual(glyphWarnings(second.result), glyphWarnings(expected));
    assert.match(glyphWarnings(expected)[0]!, /U\+1F8B0\), drawn as an empty box ×2/);

    // A smaller trim narrows the text: every story is set again.
    const config = await readFile(path.join(dir, 'anthology.yaml'), 'utf8');
    await writeFile(path.join(dir, 'anthology.yaml'), `${config}\ntrim: digest\n`);
    const third = await next(events);
    assert.equal(third.layoutsReused, 0, 'a new text width reuses no layout');
    assert.equal(third.laidOut, 3);
    assert.equal(third.normalised, 0, 'the stories themselves did not change');
    const expectedDigest = await fresh(dir, 'fresh-2');
    assert.ok((await pdfOf(third.result)).equals(await pdfOf(expectedDigest)), 'the digest rebuild is byte for byte a fresh build’s');
    assert.ok(!(await pdfOf(third.result)).equals(secondPdf), 'the trim changed the PDF');
  } finally {
    await watcher.close();
    await rm(dir, { recursive: true, force: true });
  }
});
