// A cover drawn by the cover worker is handed to another thread (drawnCovers → adoptCovers), even while this thread never yields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';
import { coverJob, coverPng, renderCoverPng, type CoverMeta } from '../../src/render/epub/cover.ts';
import { adoptCovers, coverFromThread, drawnCovers, startCoverThread } from '../../src/render/epub/cover-thread.ts';

const theme = loadTheme();

test('a drawn cover is taken without the event loop, and equals the one drawn here', { skip: availableParallelism() < 2 && 'one core: no cover worker' }, () => {
  const meta: CoverMeta = { title: 'Handed Over', subtitle: 'Drawn once', authors: ['Ann Example'] };
  const job = coverJob(DEFAULT_TEMPLATES_DIR, meta, theme);
  const key = JSON.stringify(job);
  assert.equal(drawnCovers().filter((c) => JSON.stringify(c.job) === key).length, 0, 'not started yet');
  startCoverThread(job);
  // Busy on this thread (no await): the PNG must still be taken once the worker has posted it.
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let found: Uint8Array | undefined;
  for (let i = 0; i < 6000 && !found; i++) {
    found = drawnCovers().find((c) => JSON.stringify(c.job) === key)?.png;
    if (!found) Atomics.wait(pause, 0, 0, 10);
  }
  assert.ok(found, 'the cover worker posted its PNG');
  assert.deepEqual(Buffer.from(found), Buffer.from(renderCoverPng(DEFAULT_TEMPLATES_DIR, meta, theme)));
});

test('an adopted cover is the one coverPng returns for that very input, and only for it', async () => {
  const meta: CoverMeta = { title: 'Adopted', authors: ['X'] };
  const job = coverJob(DEFAULT_TEMPLATES_DIR, meta, theme);
  const marker = new Uint8Array([1, 2, 3, 4]);
  assert.equal(await coverFromThread(job), undefined);
  adoptCovers([{ job, png: marker }]);
  assert.deepEqual(await coverFromThread(job), marker);
  assert.deepEqual(await coverPng(DEFAULT_TEMPLATES_DIR, meta, theme), marker);
  const other: CoverMeta = { title: 'Adopted', subtitle: 'different', authors: ['X'] };
  assert.deepEqual(Buffer.from(await coverPng(DEFAULT_TEMPLATES_DIR, other, theme)), Buffer.from(renderCoverPng(DEFAULT_TEMPLATES_DIR, other, theme)));
});
