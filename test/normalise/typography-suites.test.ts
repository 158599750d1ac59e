// Other projects' typography test suites (test/fixtures/typography/*.json), run through quire's typeset: ≥ 95 % agree, and no case that agreed when they were vendored disagrees now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { typeset } from '../../src/normalise/typography.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/typography');

/**
 * One case of a suite. `expected` is the suite's own output, except where the suite follows another convention
 * than quire (Standard Ebooks' hair spaces, markdown-it's `(c)` → ©, SmartyPants' spaced dashes…): then `suite`
 * keeps the suite's output and `why` says what differs.
 */
interface Case {
  id: string;
  lang: 'en' | 'fr';
  input: string;
  expected: string;
  suite?: string;
  why?: string;
}

interface Suite {
  suite: string;
  source: { repo: string; files: Array<{ path: string; commit: string }> };
  cases: Case[];
  skipped: Array<{ what: string; why: string }>;
}

const suites = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'baseline.json')
  .sort()
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Suite) }));
/** The ids of the cases that agreed with quire's typography when the suites were vendored (before issue 23's rules). */
const baseline = JSON.parse(readFileSync(path.join(DIR, 'baseline.json'), 'utf8')) as { agreed: string[] };

const cases = suites.flatMap((s) => s.cases);
const agrees = (c: Case): boolean => typeset(c.input, c.lang) === c.expected;

test('the vendored suites name their source and explain every adjusted case', () => {
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length, 'case ids are unique');
  for (const s of suites) {
    assert.ok(s.source.repo && s.source.files.length > 0, s.file);
    for (const f of s.source.files) assert.match(f.commit, /^[0-9a-f]{40}$/, `${s.file}: ${f.path}`);
    for (const c of s.cases) {
      assert.ok(c.lang === 'en' || c.lang === 'fr', c.id);
      assert.equal(c.suite === undefined, c.why === undefined, `${c.id}: an adjusted case keeps the suite's output and says why`);
      if (c.suite !== undefined) assert.notEqual(c.suite, c.expected, `${c.id}: adjusted to the suite's own output`);
    }
  }
  assert.ok(cases.length >= 250, `${cases.length} cases`);
});

test('at least 95 % of the suites’ cases agree with quire', (t) => {
  const failed: string[] = [];
  for (const s of suites) {
    const ok = s.cases.filter(agrees).length;
    t.diagnostic(`${s.suite}: ${ok}/${s.cases.length} agree`);
    for (const c of s.cases) if (!agrees(c)) failed.push(`${c.id}: ${JSON.stringify(c.input)} → ${JSON.stringify(typeset(c.input, c.lang))}, expected ${JSON.stringify(c.expected)}`);
  }
  const ok = cases.length - failed.length;
  t.diagnostic(`all: ${ok}/${cases.length} agree (${((100 * ok) / cases.length).toFixed(1)} %)`);
  for (const f of failed) t.diagnostic(`differs ${f}`);
  assert.ok(ok / cases.length >= 0.95, `${ok}/${cases.length} agree`);
});

test('no case that agreed before issue 23 disagrees now', () => {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const regressed = baseline.agreed.filter((id) => {
    const c = byId.get(id);
    assert.ok(c, `baseline case ${id} is in a suite`);
    return !agrees(c);
  });
  assert.deepEqual(regressed, []);
});

test('every suite case typesets idempotently and keeps its letters and digits', () => {
  const skeleton = (s: string): string => s.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');
  for (const c of cases) {
    const once = typeset(c.input, c.lang);
    assert.equal(typeset(once, c.lang), once, c.id);
    assert.equal(skeleton(once), skeleton(c.input), c.id);
  }
});
