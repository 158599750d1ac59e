// The command line's choice for a short build: V8's optimizing compiler off for small sources, left on for big ones; build() tells it the sources' size before reading them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { build } from '../../src/pipeline/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { SHORT_BUILD_BYTES } from '../../src/cli/short-build.ts';
import { ROOT, tempDir } from '../e2e/helpers.ts';

/** In a fresh process (the flag is the whole process's): tune for `bytes`, run a hot function, report whether V8 optimized it. */
function optimizedAfter(bytes: number): { tuned: boolean; optimized: boolean } {
  const script = `
    const { tuneForSources } = await import(${JSON.stringify(path.join(ROOT, 'src/cli/short-build.ts'))});
    const tuned = tuneForSources({ bytes: ${bytes} });
    const status = new Function('f', 'return %GetOptimizationStatus(f)');
    function hot(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
    for (let i = 0; i < 3000; i++) hot(20000);
    // V8's status bits: 16 is "optimized".
    console.log(JSON.stringify({ tuned, optimized: (status(hot) & 16) !== 0 }));`;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { tuned: boolean; optimized: boolean };
}

test('small sources turn the optimizing compiler off; bigger ones leave it on', () => {
  assert.deepEqual(optimizedAfter(25_000), { tuned: true, optimized: false });
  assert.deepEqual(optimizedAfter(SHORT_BUILD_BYTES), { tuned: true, optimized: false });
  assert.deepEqual(optimizedAfter(SHORT_BUILD_BYTES + 1), { tuned: false, optimized: true });
});

test('build() reports the story files and their size once the config is resolved, before the first stage that reads them', async () => {
  const config = path.join(ROOT, 'seeds', 'anthology.yaml');
  const stories = (await loadConfig(config)).stories.map((s) => path.resolve(path.dirname(config), s.source));
  const events: string[] = [];
  let seen: { files: number; bytes: number } | undefined;
  await build({
    config,
    out: tempDir('quire-sources-'),
    formats: ['epub'],
    sourceDateEpoch: 0,
    onProgress: (stage) => events.push(stage),
    onSources: (sources) => {
      seen = sources;
      events.push('sources');
    },
  });
  assert.deepEqual(seen, { files: 3, bytes: stories.reduce((n, f) => n + statSync(f).size, 0) });
  assert.ok(seen!.bytes <= SHORT_BUILD_BYTES, 'the seeds are a short build');
  assert.deepEqual(events.slice(0, 3), ['config', 'sources', 'read']);
});
