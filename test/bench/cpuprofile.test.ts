// Tests the .cpuprofile summariser: self time goes to the sampled frame, inclusive time to every caller once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summariseProfile } from '../../bench/cpuprofile.js';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '0' });

test('summariseProfile: self and inclusive ms per function and per file, recursion counted once', () => {
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2] },
      { id: 2, callFrame: frame('render', 'file:///repo/src/a.ts', 9), children: [3, 4] },
      { id: 3, callFrame: frame('deflate', 'file:///repo/node_modules/z.js'), children: [5] },
      { id: 4, callFrame: frame('render', 'file:///repo/src/a.ts', 9), children: [] },
      { id: 5, callFrame: frame('deflate', 'file:///repo/node_modules/z.js'), children: [] },
    ],
    samples: [3, 5, 5, 4, 2],
    timeDeltas: [1000, 2000, 3000, 4000, 5000],
    startTime: 0,
    endTime: 15000,
  };
  const s = summariseProfile(profile, '/repo');
  assert.equal(s.totalMs, 15);
  const fn = (name: string) => s.functions.find((h) => h.name === name)!;
  assert.deepEqual([fn('deflate (node_modules/z.js:1)').selfMs, fn('deflate (node_modules/z.js:1)').totalMs], [6, 6]);
  assert.deepEqual([fn('render (src/a.ts:10)').selfMs, fn('render (src/a.ts:10)').totalMs], [9, 15]);
  assert.equal(s.functions[0]!.name, 'render (src/a.ts:10)', 'sorted by self time');
  const file = s.files.find((h) => h.name === 'src/a.ts')!;
  assert.deepEqual([file.selfMs, file.totalMs], [9, 15]);
});
