// The fast config and theme validators give exactly zod's output (values and key order) wherever they accept, and decline whatever zod rejects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { z } from 'zod';
import { parse } from 'yaml';
import { fastConfig } from '../../src/config/validate.ts';
import { configSchemas } from '../../src/config/zod-schema.ts';
import { themeSchema } from '../../src/templates/theme-schema.ts';
import { fastTheme } from '../../src/templates/theme-validate.ts';

const { configSchema } = configSchemas(z);
const theme = themeSchema(z);

/** Same values and the same key order (JSON), Dates compared by deepEqual. */
function assertSameOutput(fast: unknown, zodOut: unknown, what: string): void {
  assert.deepEqual(fast, zodOut, what);
  assert.equal(JSON.stringify(fast), JSON.stringify(zodOut), `${what}: key order`);
}

function check(raw: unknown, counter: { accepted: number }): void {
  const fast = fastConfig(raw);
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    assert.equal(fast, undefined, `zod rejects ${JSON.stringify(raw)}`);
    return;
  }
  if (fast === undefined) return;
  counter.accepted++;
  assertSameOutput(fast, result.data, JSON.stringify(raw));
}

const text = fc.constantFrom('Four Words', '  padded  ', '', ' ', '\tTab\n', 'x', 'a.txt', 'stories/b.txt');
const anyValue = fc.constantFrom<unknown>(0, 12, null, true, [], {}, new Date(Date.UTC(2026, 10, 21)), new Date(Number.NaN), undefined);
/** Mostly `good`, sometimes any other value. */
const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: good, weight: 30 }, { arbitrary: anyValue, weight: 1 });
const author = mostly(fc.oneof(text, fc.array(text, { maxLength: 3 })));
const story = fc
  .tuple(fc.record({ source: mostly(fc.constantFrom('a.txt', 'b.txt', '', ' c.txt')), title: mostly(text), author, summary: mostly(text) }, { requiredKeys: [] }), fc.nat(9))
  .map(([s, n]) => (n === 0 ? { ...s, bogus: 1 } : s));
const config = fc
  .tuple(
    fc.record(
      {
        title: mostly(fc.constantFrom('Four Words', ' T ', '', ' ')),
        subtitle: mostly(text),
        editor: mostly(text),
        language: mostly(fc.constantFrom('en', 'fr', 'en-GB', 'english', '', 'zh-Hant-TW')),
        description: mostly(text),
        date: mostly(fc.constantFrom('2026-11-21', 'not a date')),
        rights: mostly(text),
        publisher: mostly(text),
        notes: mostly(fc.constantFrom('endnotes', 'keep', 'drop', 'bogus')),
        trim: mostly(fc.constantFrom('a5', 'digest', 'trade', 'a4', 'letter', 'b5')),
        cover: mostly(text),
        theme: mostly(text),
        stories: mostly(fc.array(story, { maxLength: 3 })),
      },
      { requiredKeys: [] },
    ),
    fc.nat(9),
  )
  .map(([c, n]) => (n === 0 ? { ...c, extra: 1 } : c));

/** Configs zod accepts (whitespace to trim, optional keys present or not, authors as a string or a list). */
const nonBlank = fc.constantFrom('Four Words', ' T ', '\tTab\n', 'x');
const validConfig = fc.record(
  {
    title: nonBlank,
    subtitle: text,
    editor: text,
    language: fc.constantFrom('en', 'fr', 'en-GB', 'zh-Hant-TW'),
    date: fc.constantFrom<unknown>('2026-11-21', 'not a date', new Date(Date.UTC(2026, 10, 21))),
    notes: fc.constantFrom('endnotes', 'keep', 'drop'),
    trim: fc.constantFrom('a5', 'digest', 'trade', 'a4', 'letter'),
    cover: text,
    stories: fc.array(
      fc.record({ source: fc.constantFrom('a.txt', ' c.txt'), title: nonBlank, author: fc.oneof(nonBlank, fc.array(nonBlank, { minLength: 1, maxLength: 3 })), summary: text }, { requiredKeys: ['source'] }),
      { minLength: 1, maxLength: 3 },
    ),
  },
  { requiredKeys: ['title', 'stories'] },
);

test('fastConfig equals zod on generated configs, and declines all that zod rejects', () => {
  const counter = { accepted: 0 };
  fc.assert(
    fc.property(fc.oneof(config, validConfig), (raw) => check(raw, counter)),
    { numRuns: 3000, seed: 11 },
  );
  assert.ok(counter.accepted > 1000, `${counter.accepted} configs took the fast path`);
});

test('fastConfig accepts the seeds config and a plainly valid one', () => {
  const seeds = parse(readFileSync(new URL('../../seeds/anthology.yaml', import.meta.url), 'utf8'));
  const counter = { accepted: 0 };
  for (const raw of [seeds, { title: ' T ', stories: [{ source: 'a.txt', author: [' A ', 'B'] }, { source: 'b.txt', author: 'C', title: 'X ', summary: '' }], date: new Date(Date.UTC(2020, 0, 1)) }]) {
    assert.ok(fastConfig(raw), JSON.stringify(raw));
    check(raw, counter);
  }
  assert.equal(counter.accepted, 2);
});

const baseTheme = parse(readFileSync(new URL('../../templates/theme.yaml', import.meta.url), 'utf8')) as Record<string, Record<string, unknown>>;

/** The default theme with one key of one section (or a top-level key) replaced or removed. */
const themeVariant = fc
  .tuple(
    fc.constantFrom(...Object.keys(baseTheme)),
    fc.nat(10),
    fc.constantFrom<unknown>('delete', 0, -1, 0.5, 0.49, 2.5, 3, Number.NaN, Number.POSITIVE_INFINITY, '', 'x', true, null, [], [[150, 0.375]], [[1, 2, 3]], [[1, 'a']], [], ['justify'], 'left', 'justify', { extra: 1 }, 'EB Garamond'),
  )
  .map(([section, index, value]) => {
    const copy = structuredClone(baseTheme) as Record<string, unknown>;
    const target = copy[section];
    if (target && typeof target === 'object' && !Array.isArray(target)) {
      const keys = [...Object.keys(target), 'unknownKey'];
      const key = keys[index % keys.length]!;
      if (value === 'delete') delete (target as Record<string, unknown>)[key];
      else (target as Record<string, unknown>)[key] = value;
    } else if (value === 'delete') delete copy[section];
    else copy[section] = value;
    return copy;
  });

test('fastTheme equals zod on the default theme and variants of it, and declines all that zod rejects', () => {
  let accepted = 0;
  const run = (data: unknown): void => {
    const fast = fastTheme(data);
    const result = theme.safeParse(data);
    if (!result.success) return assert.equal(fast, undefined, JSON.stringify(data));
    if (fast === undefined) return;
    accepted++;
    assertSameOutput(fast, result.data, JSON.stringify(data));
  };
  assert.ok(fastTheme(baseTheme), 'the default theme takes the fast path');
  run(baseTheme);
  fc.assert(fc.property(themeVariant, run), { numRuns: 2000, seed: 5 });
  assert.ok(accepted > 100, `${accepted} themes took the fast path`);
});
