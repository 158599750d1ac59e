// The config's overrides on a download: keep puts a note the download marks back into the story, paratext/headings/breaks make a story paragraph a note, a heading or a scene break; an entry matching nothing is an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QuireError } from '../../src/common/diagnostics.ts';
import { normaliseSource } from '../../src/normalise/readers/index.ts';
import type { NormaliseOptions, OverrideEntry, OverrideKey } from '../../src/normalise/types.ts';

const FILE = path.join(import.meta.dirname, 'fixtures', 'ao3-multichapter.html');

function read(entries?: Partial<Record<OverrideKey, OverrideEntry[]>>, notes: NormaliseOptions['notes'] = 'endnotes') {
  return normaliseSource(readFileSync(FILE), { file: 'ao3.html', language: 'en', notes, idPrefix: 's01', ...(entries && { overrides: { config: 'anthology.yaml', at: 'stories[0]', entries } }) });
}

test('keep: a chapter end note the download marks goes back into the story after its chapter text', () => {
  const plain = read();
  const r = read({ keep: [{ match: 'The dog is fine', line: 7 }] });
  assert.doesNotMatch(plain.wordText, /The dog is fine/);
  assert.match(r.wordText, /She corked it, and threw it as far as she could\.\n\nThe dog is fine\. I promise the dog is fine\./);
  assert.equal(r.reader!.notes.length, plain.reader!.notes.length - 1);
  assert.ok(!r.removed.some((x) => x.text.includes('The dog is fine')));
  assert.deepEqual(r.overrides, [{ key: 'keep', match: 'The dog is fine', configLine: 7, lines: [107] }]);
});

test('paratext, headings and breaks act on the paragraphs of a chapter', () => {
  const r = read({ paratext: [{ match: 'She did not sleep that night' }], headings: [{ match: 'Three weeks passed' }], breaks: [{ match: 'That night she wrote back' }] });
  assert.doesNotMatch(r.wordText, /She did not sleep that night/);
  const note = r.removed.find((x) => x.rule === 'config')!;
  assert.match(note.text, /She did not sleep that night/);
  assert.match(note.evidence, /decided by the config: paratext: "She did not sleep that night"/);
  assert.match(r.markdown, /^### Three weeks passed\. The harbourmaster asked/m);
  assert.doesNotMatch(r.wordText, /That night she wrote back/);
  assert.equal(r.sceneBreaks, read().sceneBreaks + 1);
});

test('an entry that matches nothing in a download is an error naming the config line', () => {
  assert.throws(() => read({ keep: [{ match: 'The cat is fine', line: 12 }] }), (e: unknown) => e instanceof QuireError && e.file === 'anthology.yaml' && e.line === 12 && /stories\[0\]\.keep\[0\]: "The cat is fine" matches no paragraph of ao3\.html/.test(e.message));
});
