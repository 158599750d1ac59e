// escapeXml (tests first, replaces only when needed) equals the plain chain of replacements it stands for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeXml } from '../../src/render/epub/xml.ts';

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const reference = (text: string): string =>
  text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

test('escapeXml: same as removing invalid characters then escaping & < > " \' (property)', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => assert.equal(escapeXml(s), reference(s))), { numRuns: 5000 });
  const awkward = fc.array(fc.constantFrom('a', '&', '<', '>', '"', "'", '\u0001', '\ud800', '\udc00', '\uffff', '\t', 'é', '😀'), { maxLength: 20 });
  fc.assert(fc.property(awkward, (parts) => assert.equal(escapeXml(parts.join('')), reference(parts.join('')))), { numRuns: 5000 });
  assert.equal(escapeXml('Tom & “Jerry” <grin> it\'s\u0001'), 'Tom &amp; “Jerry” &lt;grin&gt; it&#39;s');
});
