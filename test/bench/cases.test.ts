// Tests bench case preparation: generated configs pass quire's own config loader; cut files add up to the corpus.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CASES, findCorpus, missingCorpusFiles, prepareCase, type BenchCase } from '../../bench/cases.js';
import { runMeasured } from '../../bench/measure.js';
import { loadConfig } from '../../src/config/load.js';

test('prepareCase: a many-stories config loads, lists every cut file, and the files rejoin to the corpus', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'quire-bench-test-'));
  try {
    const corpus = path.join(root, 'shared', 'corpus');
    await mkdir(corpus, { recursive: true });
    const a = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of a.\r\nSecond line.`).join('\r\n\r\n');
    const b = Array.from({ length: 20 }, (_, i) => `Paragraph ${i} of b.`).join('\n\n');
    await writeFile(path.join(corpus, 'a.txt'), a);
    await writeFile(path.join(corpus, 'b.txt'), b);
    const repo = path.join(root, 'repo');
    await mkdir(repo);
    assert.equal(findCorpus(repo), corpus);
    const c: BenchCase = { name: 'cut', description: '', corpus: ['a.txt', 'b.txt'], formats: ['epub'], cutInto: 6 };
    assert.deepEqual(missingCorpusFiles(c, corpus), []);
    assert.deepEqual(missingCorpusFiles({ ...c, corpus: ['a.txt', 'zzz.txt'] }, corpus), ['zzz.txt']);
    const configPath = await prepareCase(c, repo, corpus, path.join(root, 'work'));
    const config = await loadConfig(configPath);
    assert.equal(config.stories.length, 6);
    const texts = await Promise.all(config.stories.map((s) => readFile(s.path, 'utf8')));
    const fromA = config.stories.map((s, i) => ({ s, t: texts[i]! })).filter(({ s }) => path.basename(s.path).includes('-a-'));
    assert.equal(fromA.map(({ t }) => t).join(''), a);
    assert.equal(config.stories[0]!.title, 'A 1');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('prepareCase: corpus cases point at the corpus files; the seeds case uses seeds/anthology.yaml', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'quire-bench-test-'));
  try {
    const corpus = path.join(root, 'corpus');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'war-and-peace.txt'), 'x');
    await writeFile(path.join(corpus, 'monte-cristo.txt'), 'y');
    const large = CASES.find((c) => c.name === 'large')!;
    const config = await loadConfig(await prepareCase(large, root, corpus, path.join(root, 'work')), { allowOutside: true });
    assert.deepEqual(config.stories.map((s) => s.path), [path.join(corpus, 'war-and-peace.txt'), path.join(corpus, 'monte-cristo.txt')]);
    assert.deepEqual(config.stories.map((s) => s.title), ['War And Peace', 'Monte Cristo']);
    assert.equal(await prepareCase(CASES.find((c) => c.name === 'small')!, root, corpus, root), path.join(root, 'seeds', 'anthology.yaml'));
    assert.deepEqual(missingCorpusFiles(large, undefined), large.corpus);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('runMeasured: exit code, output, wall time and a peak RSS that sees a large allocation', async () => {
  const r = await runMeasured(process.execPath, ['-e', 'const b = Buffer.alloc(200 * 2 ** 20, 1); setTimeout(() => { console.log(b[5]); process.exit(3); }, 300);']);
  assert.equal(r.code, 3);
  assert.equal(r.stdout.trim(), '1');
  assert.ok(r.wallSeconds >= 0.3);
  if (r.peakRss !== undefined) assert.ok(r.peakRss > 200 * 2 ** 20, `peak ${r.peakRss}`);
});
