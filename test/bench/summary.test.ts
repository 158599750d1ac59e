// Tests the bench summary: medians, per-stage words per second and peak RSS, the rest time, and target checks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTargets, isWorkerStage, median, REST_STAGE, summariseCase, type RunResult } from '../../bench/summary.js';

function run(build: number, epub: number, pdf: number, peak: number, wall = build + 0.2): RunResult {
  return {
    processWallSeconds: wall,
    words: 1000,
    stories: 2,
    startupSeconds: 0.2,
    buildSeconds: build,
    timings: { normalise: 0.1, epub, pdf },
    stagePeakRss: { normalise: 100, epub: peak - 10, pdf: peak },
    peakRss: peak,
    outputs: [{ format: 'epub', bytes: 10 }],
    warnings: 0,
  };
}

test('median of odd and even counts, unsorted input', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('summariseCase: medians per stage, words per second, rest of the build, peak RSS', () => {
  const s = summariseCase({ name: 'x', description: 'd', formats: ['epub', 'pdf'] }, [run(1.0, 0.2, 0.5, 300), run(2.0, 0.4, 1.0, 500), run(1.2, 0.3, 0.6, 400)]);
  assert.equal(s.runs, 3);
  assert.equal(s.buildSeconds, 1.2);
  assert.equal(s.wordsPerSecond, 1000 / 1.2);
  assert.equal(s.peakRss, 400);
  assert.deepEqual(s.stages.map((x) => x.stage), ['normalise', 'epub', 'pdf', REST_STAGE]);
  const epub = s.stages.find((x) => x.stage === 'epub')!;
  assert.equal(epub.seconds, 0.3);
  assert.equal(epub.wordsPerSecond, 1000 / 0.3);
  assert.equal(epub.peakRss, 390);
  // rest per run: 1.0-0.8=0.2, 2.0-1.5=0.5, 1.2-1.0=0.2 → median 0.2
  assert.ok(Math.abs(s.stages.at(-1)!.seconds - 0.2) < 1e-9);
  assert.throws(() => summariseCase({ name: 'y', description: '', formats: [] }, []), /no runs/);
});

test('checkTargets: each target passes or fails on its own threshold', () => {
  const medium = summariseCase({ name: 'medium', description: '', formats: [] }, [run(1.0, 0.2, 0.5, 300)]);
  const fastLarge = summariseCase({ name: 'large', description: '', formats: [] }, [{ ...run(1.2, 0.2, 0.5, 900), words: 1000 }]);
  const slowLarge = summariseCase({ name: 'large', description: '', formats: [] }, [{ ...run(9, 0.2, 0.5, 2 * 1024 ** 3), words: 1000 }]);
  const ok = checkTargets([medium, fastLarge], 1.0, { version: '2', runs: 1, wallSeconds: 10, quireCase: 'large-epub', quireSeconds: 1.9, ratio: 0.19 });
  assert.deepEqual(ok.map((t) => t.ok), [true, true, true, true, true, true]);
  const bad = checkTargets([medium, slowLarge], 2.0, { version: '2', runs: 1, wallSeconds: 10, quireCase: 'large-epub', quireSeconds: 5, ratio: 0.5 });
  assert.deepEqual(bad.map((t) => t.ok), [false, false, false, false, false, false]);
  // The EPUB is compared with pandoc's at ≥ 5×, the large book's three formats with pandoc's EPUB at ≥ 1.7×.
  const near = checkTargets([medium, fastLarge], 1.0, { version: '2', runs: 1, wallSeconds: 10, quireCase: 'large-epub', quireSeconds: 2.1, ratio: 0.21 });
  assert.deepEqual(near.slice(-2).map((t) => [t.target, t.ok]), [['≥ 5× faster', false], ['≥ 1.7× faster', true]]);
  assert.deepEqual(checkTargets([], undefined, undefined), []);
  // The cold `npx quire build` row comes first when it was measured.
  assert.deepEqual(checkTargets([], 1.0, undefined, 1.6).map((t) => [t.name.includes('npx quire'), t.ok]), [[true, false], [false, true]]);
  // Then the first build's, with an empty cover cache: a target of its own.
  assert.deepEqual(checkTargets([], 1.0, undefined, 1.4, 1.6).map((t) => [t.name.includes('empty cover cache'), t.ok]), [[false, true], [true, false], [false, true]]);
});

test('summariseCase: stages a worker thread ran beside the main thread are listed but not subtracted from the rest', () => {
  const r = run(2.0, 0.3, 1.0, 300);
  const s = summariseCase({ name: 'x', description: 'd', formats: ['epub', 'pdf'] }, [{ ...r, timings: { normalise: 0.1, worker: 0.05, pdf: 1.0, 'worker:epub': 0.6, 'worker:audit': 0.4 } }]);
  assert.deepEqual(s.stages.map((x) => x.stage), ['normalise', 'worker', 'pdf', 'worker:epub', 'worker:audit', REST_STAGE]);
  assert.ok(isWorkerStage('worker:epub') && !isWorkerStage('worker') && !isWorkerStage('epub'));
  // rest: 2.0 - (0.1 + 0.05 + 1.0) = 0.85; the worker's 1.0 s ran at the same time as the pdf.
  assert.ok(Math.abs(s.stages.at(-1)!.seconds - 0.85) < 1e-9);
});

test('the wall-time targets and the pandoc ratio use `quire build`\'s wall when it was timed', () => {
  const medium = summariseCase({ name: 'medium', description: '', formats: [] }, [run(1.0, 0.2, 0.5, 300)]);
  // The child process took 9 s, the CLI 7.5 and 7.9 s (median 7.7): the targets read the CLI's.
  const large = summariseCase({ name: 'large', description: '', formats: [] }, [{ ...run(8.8, 0.2, 0.5, 900), processWallSeconds: 9 }], [7.5, 7.9]);
  assert.equal(large.cliWallSeconds, 7.7);
  const checks = checkTargets([medium, large], 1.0, { version: '2', runs: 1, wallSeconds: 14, quireCase: 'large-epub', quireSeconds: 2.5, quireWhat: '`quire build`', ratio: 2.5 / 14 });
  const wall = checks.find((t) => t.name.startsWith('large, EPUB+PDF+zine'))!;
  assert.deepEqual([wall.name, wall.measured, wall.ok], ['large, EPUB+PDF+zine, `quire build`', '7.70 s', true]);
  const all = checks.at(-1)!;
  assert.deepEqual([all.measured, all.ok], ['1.82× faster', true]);
  assert.match(checks.at(-2)!.name, /large-epub \(raw text → EPUB, `quire build`\)/);
  // Without CLI runs, the child process's wall as before.
  assert.equal(summariseCase({ name: 'large', description: '', formats: [] }, [run(8.8, 0.2, 0.5, 900)]).cliWallSeconds, undefined);
});
