import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { groupThousands } from '../../src/common/number-format.ts';

test('groupThousands writes what toLocaleString("en-US") writes, for every safe integer', () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })), (n) => {
      assert.equal(groupThousands(n), n.toLocaleString('en-US'));
    }),
    { numRuns: 2000 },
  );
  for (const n of [0, 7, 999, 1000, 4123, 999_999, 1_000_000, 1_030_412, -1234]) assert.equal(groupThousands(n), n.toLocaleString('en-US'));
  assert.equal(groupThousands(1234567), '1,234,567');
});
