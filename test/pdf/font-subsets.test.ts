// An adopted font subset embeds the painted document's encoded file while it holds exactly the same glyphs, and encodes itself otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rememberEncodedSubset, reuseEncodedSubset } from '../../src/render/pdf/paint/font-subsets.ts';

function fakeSubset(glyphs: number[]): { glyphs: number[]; encodes: number; encode(): Uint8Array } {
  return {
    glyphs,
    encodes: 0,
    encode() {
      this.encodes++;
      return Uint8Array.from(this.glyphs);
    },
  };
}

test('the print subset is encoded once; an adopted copy with the same glyphs embeds those very bytes', () => {
  const print = fakeSubset([0, 12, 40, 7]);
  rememberEncodedSubset(print);
  const bytes = print.encode();
  assert.equal(print.encodes, 1);
  const zine = fakeSubset(print.glyphs.slice());
  reuseEncodedSubset(zine, print.glyphs);
  assert.equal(zine.encode(), bytes, 'the same bytes object');
  assert.equal(zine.encodes, 0, 'no second subsetting');
});

test('a copy that gained or changed glyphs, or a subset never embedded, encodes itself', () => {
  const print = fakeSubset([0, 3, 5]);
  rememberEncodedSubset(print);
  print.encode();
  const grown = fakeSubset([0, 3, 5, 9]);
  reuseEncodedSubset(grown, print.glyphs);
  assert.deepEqual([...grown.encode()], [0, 3, 5, 9]);
  assert.equal(grown.encodes, 1);
  const changed = fakeSubset([0, 3, 6]);
  reuseEncodedSubset(changed, print.glyphs);
  assert.deepEqual([...changed.encode()], [0, 3, 6]);
  const never = fakeSubset([0, 1]);
  reuseEncodedSubset(never, [0, 1]);
  assert.deepEqual([...never.encode()], [0, 1]);
  assert.equal(never.encodes, 1);
});
