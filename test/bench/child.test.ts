// Tests the bench's child run (bench/child.mjs) on the seeds: one JSON line with words, stage timings and peak RSS.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runMeasured } from '../../bench/measure.js';

const REPO = path.resolve(import.meta.dirname, '../..');

test('child.mjs builds once and reports words, per-stage timings and peak RSS', { skip: !existsSync(path.join(REPO, 'lib/pipeline/index.js')) && 'lib/ is not built (npm test builds it first)', timeout: 60_000 }, async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'quire-bench-child-'));
  try {
    const spec = JSON.stringify({ config: path.join(REPO, 'seeds/anthology.yaml'), out, formats: ['epub'] });
    const r = await runMeasured(process.execPath, [path.join(REPO, 'bench/child.mjs'), spec], { cwd: REPO });
    assert.equal(r.code, 0, r.stderr);
    const line = r.stdout.split('\n').find((l) => l.startsWith('QUIRE-BENCH-RESULT '));
    assert.ok(line, r.stdout);
    const result = JSON.parse(line.slice('QUIRE-BENCH-RESULT '.length));
    assert.ok(result.words > 4000 && result.words < 5000, `seeds words ${result.words}`);
    assert.equal(result.stories, 3);
    assert.ok('normalise' in result.timings && 'epub' in result.timings, JSON.stringify(result.timings));
    assert.ok(!('pdf' in result.timings), 'only the EPUB was asked for');
    // Peaks are taken per main-thread stage (the `worker:` stages ran beside them, in worker threads).
    assert.deepEqual(Object.keys(result.stagePeakRss).sort(), Object.keys(result.timings).filter((k) => !k.startsWith('worker:')).sort());
    for (const peak of Object.values(result.stagePeakRss) as number[]) assert.ok(peak > 0 && peak <= result.peakRss);
    assert.ok(result.buildSeconds > 0 && result.buildSeconds < r.wallSeconds);
    assert.deepEqual(result.outputs.map((o: { format: string }) => o.format), ['epub']);
    assert.ok(existsSync(path.join(out, 'four-words.epub')));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
