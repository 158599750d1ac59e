// Tests `watchBuild`: first build, rebuild on a story edit (reusing the unchanged stories), config errors, close().
import assert from 'node:assert/strict';
import { appendFile, copyFile, cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { watchBuild, type WatchEvent } from '../../src/pipeline/watch.js';

const SEEDS = path.resolve(import.meta.dirname, '../../seeds');

/** Events as a queue: next() waits for the next one (bounded), none() checks nothing arrives for a while. */
function eventQueue() {
  const events: WatchEvent[] = [];
  let wake: (() => void) | undefined;
  return {
    push(e: WatchEvent) {
      events.push(e);
      wake?.();
    },
    async next(timeoutMs = 20_000): Promise<WatchEvent> {
      const deadline = Date.now() + timeoutMs;
      while (events.length === 0) {
        if (Date.now() > deadline) throw new Error('no watch event in time');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
      return events.shift()!;
    },
    pending: () => events.length,
  };
}

async function seedsCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'quire-watch-'));
  for (const f of ['anthology.yaml', 'four-words.txt', 'the-leap.txt', 'outlaws-together.txt']) await copyFile(path.join(SEEDS, f), path.join(dir, f));
  return dir;
}

test('watchBuild: builds, rebuilds an edited story and reuses the other stories, reports config errors, stops on close', { timeout: 90_000 }, async () => {
  const dir = await seedsCopy();
  const q = eventQueue();
  const watcher = watchBuild({ config: path.join(dir, 'anthology.yaml'), out: path.join(dir, 'out'), formats: ['epub'] }, (e) => q.push(e), { debounceMs: 50 });
  try {
    const first = await q.next();
    assert.ok(first.ok, first.ok ? '' : String(first.error));
    assert.equal(first.build, 1);
    assert.deepEqual(first.changed, []);
    assert.equal(first.normalised, 3);
    assert.equal(first.reused, 0);
    const words = first.result.report.book.words;
    assert.ok(watcher.watched().files.includes(path.join(dir, 'the-leap.txt')));

    await appendFile(path.join(dir, 'the-leap.txt'), '\n\nThree extra words.\n');
    const second = await q.next();
    assert.ok(second.ok, second.ok ? '' : String(second.error));
    assert.equal(second.build, 2);
    assert.deepEqual(second.changed, [path.join(dir, 'the-leap.txt')]);
    assert.equal(second.result.report.book.words, words + 3);
    assert.equal(second.normalised, 1, 'only the edited story is normalised again');
    assert.equal(second.reused, 2);

    const config = await readFile(path.join(dir, 'anthology.yaml'), 'utf8');
    await writeFile(path.join(dir, 'anthology.yaml'), config.replace('title: Four Words', 'title: [unclosed'));
    const broken = await q.next();
    assert.equal(broken.ok, false);
    await writeFile(path.join(dir, 'anthology.yaml'), config.replace('title: Four Words', 'title: Four Words Again'));
    const fixed = await q.next();
    assert.ok(fixed.ok, fixed.ok ? '' : String(fixed.error));
    assert.equal(fixed.result.book.meta.title, 'Four Words Again');
  } finally {
    await watcher.close();
  }
  await appendFile(path.join(dir, 'four-words.txt'), '\n\nAfter close.\n');
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(q.pending(), 0, 'no build after close()');
  await rm(dir, { recursive: true, force: true });
});

test('watchBuild: a template change rebuilds; changes made during a build start exactly one more build', { timeout: 90_000 }, async () => {
  const dir = await seedsCopy();
  const templates = path.join(dir, 'templates');
  await cp(path.resolve(import.meta.dirname, '../../templates'), templates, { recursive: true });
  // The theme names its fonts as npm package paths, resolved from the templates folder.
  await symlink(path.resolve(import.meta.dirname, '../../node_modules'), path.join(dir, 'node_modules'));
  const q = eventQueue();
  let edits = 0;
  const watcher = watchBuild(
    {
      config: path.join(dir, 'anthology.yaml'),
      out: path.join(dir, 'out'),
      formats: ['epub'],
      templatesDir: templates,
      // Edit two stories while build 2 renders (after it read them): both edits must land in one follow-up build.
      onProgress: (stage) => {
        if (stage === 'epub' && edits === 1) {
          edits++;
          void appendFile(path.join(dir, 'four-words.txt'), '\n\nOne.\n').then(() => appendFile(path.join(dir, 'outlaws-together.txt'), '\n\nTwo.\n'));
        }
      },
    },
    (e) => q.push(e),
    { debounceMs: 50 },
  );
  try {
    const first = await q.next();
    assert.ok(first.ok, first.ok ? '' : String(first.error));
    assert.ok(watcher.watched().folders.includes(templates));
    const colophon = path.join(templates, 'matter', 'colophon.md');
    edits = 1;
    await appendFile(colophon, '\nEdited colophon.\n');
    const second = await q.next();
    assert.ok(second.ok, second.ok ? '' : String(second.error));
    assert.deepEqual(second.changed, [colophon]);
    assert.equal(second.normalised, 0, 'a template change re-normalises nothing');
    assert.equal(second.reused, 3);
    const third = await q.next();
    assert.ok(third.ok, third.ok ? '' : String(third.error));
    assert.deepEqual([...third.changed].sort(), [path.join(dir, 'four-words.txt'), path.join(dir, 'outlaws-together.txt')]);
    assert.equal(third.normalised, 2);
    assert.equal(third.reused, 1);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(q.pending(), 0, 'no further build without further changes');
  } finally {
    await watcher.close();
    await rm(dir, { recursive: true, force: true });
  }
});
