// releaseMemory: an idle worker thread's garbage is collected (two full collections) and the thread goes on working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ROOT } from '../e2e/helpers.ts';

test('releaseMemory runs two major collections in a worker and gives most of a garbage heap back', { timeout: 60_000 }, async () => {
  const module = pathToFileURL(path.join(ROOT, 'src', 'parallel', 'release-memory.ts')).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  // In a worker, as quire uses it: make ~300 MB of garbage, release it, count the major GCs and measure the heap.
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { PerformanceObserver, constants } = require('node:perf_hooks');
    import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(module)}); }).then(({ releaseMemory }) => {
      let majors = 0;
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++; });
      observer.observe({ entryTypes: ['gc'] });
      let junk = [];
      for (let i = 0; i < 2e6; i++) junk.push({ a: 'x' + i, b: [i] });
      junk = null;
      const before = process.memoryUsage().heapUsed;
      releaseMemory();
      setTimeout(() => {
        const after = process.memoryUsage().heapUsed;
        setTimeout(() => { observer.disconnect(); parentPort.postMessage({ before, after, majors }); }, 50);
      }, 100);
    });`;
  const worker = new Worker(code, { eval: true });
  const result = await new Promise<{ before: number; after: number; majors: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  assert.ok(result.majors >= 2, `${result.majors} major collections`);
  assert.ok(result.after < result.before / 3, `heap ${Math.round(result.before / 1e6)} MB → ${Math.round(result.after / 1e6)} MB`);
});
