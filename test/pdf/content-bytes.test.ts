// ContentBytes writes exactly the text the painter's number format and string operators would, into one growing buffer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ContentBytes, formatNumber, latin1Bytes } from '../../src/render/pdf/paint/content-bytes.ts';

/** The painter's number format as it was written with strings: 3 decimals, shortest form, never "-0". */
function reference(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

function written(n: number): string {
  const out = new ContentBytes(4);
  out.num(n);
  return Buffer.from(out.take()).toString('latin1');
}

test('num() writes String() of the value rounded to 3 decimals, for page coordinates, sizes, kerns and spacing', () => {
  const cases = [0, -0, 0.0004, -0.0004, 0.0005, -0.0005, 0.0015, -0.0015, 1, -1, 10, 100.5, 595.275591, 419.527559, 1e-9, -1e-9, 0.1 + 0.2, 999.9995, -999.9995, 1234567.8915, 1e11 + 0.001, 2 ** 31, -(2 ** 31) - 0.5];
  for (const n of cases) assert.equal(written(n), reference(n), `n = ${n}`);
  fc.assert(
    fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (n) => written(n) === reference(n)),
    { numRuns: 20000 },
  );
  // Thousandths exactly (coordinates that are already rounded), and integers.
  fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), (k) => written(k / 1000) === reference(k / 1000) && written(k) === reference(k)), { numRuns: 20000 });
  // Huge or odd values go through String() itself.
  for (const n of [1e15, -1e16, 1e21, 1e300, Infinity, -Infinity, NaN]) assert.equal(written(n), reference(n), `n = ${n}`);
  assert.equal(formatNumber(-0.0001), '0');
});

test('ascii, byte and put append in order through growth; take copies and resets', () => {
  const out = new ContentBytes(2);
  const expected: number[] = [];
  for (let i = 0; i < 300; i++) {
    const s = `op${i} `;
    out.ascii(s);
    expected.push(...latin1Bytes(s));
    const frag = Uint8Array.from({ length: i % 50 }, (_, k) => (k * 37 + i) & 0xff);
    out.put(frag);
    expected.push(...frag);
    out.byte(0x0a);
    expected.push(0x0a);
  }
  const first = out.take();
  assert.deepEqual([...first], expected);
  assert.equal(out.length, 0);
  out.ascii('Q\n');
  assert.deepEqual([...out.take()], [0x51, 0x0a]);
  assert.deepEqual([...first.subarray(0, 4)], [...latin1Bytes('op0 ')], 'a taken copy is not overwritten by later writes');
});

test('latin1Bytes keeps the low byte of each character, as pdfkit writes binary strings', () => {
  assert.deepEqual([...latin1Bytes('A\u00ff\u0100(')], [0x41, 0xff, 0x00, 0x28]);
});
