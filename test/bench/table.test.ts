// Tests the bench's table output: aligned pipe tables, rates and sizes, and command-line parsing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBenchArgs } from '../../bench/args.js';
import { megabytes, pipeTable, rate } from '../../bench/table.js';

test('pipeTable: every line has the same width and right-aligned columns get a colon rule', () => {
  const t = pipeTable(['case', 'seconds'], [['small', '0.5'], ['many-stories', '12.25']], [false, true]);
  const lines = t.split('\n');
  assert.equal(lines.length, 4);
  assert.equal(new Set(lines.map((l) => l.length)).size, 1);
  assert.match(lines[1]!, /-:\|$/);
  assert.match(lines[2]!, /\|\s+0\.5 \|$/);
});

test('rate and megabytes', () => {
  assert.equal(rate(1_234_567), '1.2M');
  assert.equal(rate(45_600), '46k');
  assert.equal(rate(987.4), '987');
  assert.equal(rate(Number.POSITIVE_INFINITY), '—');
  assert.equal(megabytes(3 * 1024 * 1024), '3');
  assert.equal(megabytes(undefined), '');
});

test('parseBenchArgs: defaults, repeated and comma-separated cases, and errors', () => {
  const known = ['small', 'large'];
  assert.deepEqual(parseBenchArgs([], known), { runs: 3, cases: [], pandoc: true, cli: true, keep: false, json: 'bench/results.json', help: false });
  assert.equal(parseBenchArgs(['--profile', 'p'], known).profile, 'p');
  const a = parseBenchArgs(['--runs', '1', '--case', 'small,large', '--case', 'small', '--no-pandoc'], known);
  assert.equal(a.runs, 1);
  assert.deepEqual(a.cases, ['small', 'large']);
  assert.equal(a.pandoc, false);
  assert.throws(() => parseBenchArgs(['--runs', '0'], known), /--runs/);
  assert.throws(() => parseBenchArgs(['--case', 'huge'], known), /unknown case "huge"/);
  assert.throws(() => parseBenchArgs(['--bogus'], known));
});
