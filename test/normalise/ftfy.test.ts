// ftfy's own test cases (test/fixtures/ftfy, see its README) through quire's decoding steps: correct text never changes, mojibake is repaired as ftfy repairs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodedText } from './decoding.ts';

interface Case {
  label: string;
  original: string;
  fixed: string;
  'fixed-encoding'?: string;
  expect: 'pass' | 'fail';
}

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ftfy');
const FILES = ['in-the-wild', 'synthetic', 'negative', 'language-names', 'known-failures'];
const cases = FILES.flatMap((f) => (JSON.parse(readFileSync(path.join(DIR, `${f}.json`), 'utf8')) as Case[]).map((c) => ({ ...c, file: f })));
/** ftfy's `fix_encoding` result: its typography (straight quotes, ligatures) is a separate step in quire too. */
const expected = (c: Case): string => c['fixed-encoding'] ?? c.fixed;

const decoded = (text: string): string => decodedText(Buffer.from(text, 'utf8'));

const mustStay = cases.filter((c) => c.expect === 'pass' && expected(c) === c.original);
const mustRepair = cases.filter((c) => c.expect === 'pass' && expected(c) !== c.original);

/**
 * Where quire deliberately does better than ftfy: `â€` + U+FFFD is `”` whose last byte (0x9D, undefined in
 * Windows-1252) was lost, and quire restores it; ftfy writes U+FFFD.
 */
const BETTER: Record<string, string> = {
  'Synthetic: lossy decoding in sloppy-windows-1252': '“lossy decoding”',
  'We can mostly decode the face above when we lose the character U+009D': '┒(⌣˛⌣)┎',
};

test('the vendored ftfy suite is whole: 161 cases, 48 to keep, 103 to repair, 10 known failures', () => {
  assert.equal(cases.length, 161);
  assert.equal(mustStay.length, 48);
  assert.equal(mustRepair.length, 103);
  assert.equal(cases.filter((c) => c.expect === 'fail').length, 10);
});

test('ftfy: none of the 48 texts that must stay as they are is changed', () => {
  const changed = mustStay.filter((c) => decoded(c.original) !== c.original).map((c) => `${c.label}: ${JSON.stringify(c.original)} → ${JSON.stringify(decoded(c.original))}`);
  assert.deepEqual(changed, []);
});

test('ftfy: at least 85 % of the 103 mojibake texts are repaired to ftfy\'s text, the rest as quire does better', (t) => {
  const same = mustRepair.filter((c) => decoded(c.original) === expected(c));
  const other = mustRepair.filter((c) => decoded(c.original) !== expected(c));
  t.diagnostic(`repaired like ftfy: ${same.length}/${mustRepair.length} (${((100 * same.length) / mustRepair.length).toFixed(1)} %)`);
  for (const c of other) t.diagnostic(`differs: ${c.label}: ${JSON.stringify(decoded(c.original))} (ftfy: ${JSON.stringify(expected(c))})`);
  assert.ok(same.length >= Math.ceil(0.85 * mustRepair.length), `${same.length}/${mustRepair.length} repaired like ftfy`);
  for (const [label, text] of Object.entries(BETTER)) {
    const c = mustRepair.find((x) => x.label === label);
    assert.ok(c, label);
    assert.equal(decoded(c.original), text, label);
  }
});

test('ftfy: its known failures are reported, not required', (t) => {
  for (const c of cases.filter((x) => x.expect === 'fail')) {
    const out = decoded(c.original);
    t.diagnostic(`${out === c.fixed ? 'passes' : out === c.original ? 'unchanged' : 'changed'}: ${c.label}${out === c.original || out === c.fixed ? '' : ` → ${JSON.stringify(out)}`}`);
  }
});
