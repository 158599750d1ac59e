// The config's overrides inside the normaliser: keep, paratext, headings and breaks force its decisions; an entry matching nothing is an error naming the config line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QuireError } from '../../src/common/diagnostics.ts';
import { normaliseStory } from '../../src/normalise/index.ts';
import { matchKey } from '../../src/normalise/overrides.ts';
import type { NormaliseOptions, OverrideEntry, OverrideKey } from '../../src/normalise/types.ts';

const STORY = `Disclaimer: I don't own the Harbour Lights universe.

A/N: My first story here, be gentle!

Chapter 1: The Quay

Mara walked the length of the quay twice before she let herself look at the water. The boats sat low.

Meanwhile

Ollie counted the lamps along the harbour wall, as he did every night, and lost count at forty.

The Lighthouse

The keeper had not slept in three days, and the lamp had not gone out once in all that time.

* * *

(A/N: the lamp is real, I saw it in Brittany.) The keeper climbed the stairs again, slowly.

Thanks for reading, everyone! Reviews make my day!
`;

function run(entries: Partial<Record<OverrideKey, OverrideEntry[]>>, extra: Partial<NormaliseOptions> = {}) {
  return normaliseStory(new TextEncoder().encode(STORY), {
    file: 'harbour.txt',
    language: 'en',
    notes: 'endnotes',
    idPrefix: 's01',
    overrides: { config: 'anthology.yaml', at: 'stories[0]', entries },
    ...extra,
  });
}

const body = (markdown: string): string => markdown.slice(markdown.indexOf('\n---\n') + 5);

test('without overrides: the closing thanks is a note, "Meanwhile" is text, "The Lighthouse" is text', () => {
  const r = normaliseStory(new TextEncoder().encode(STORY), { file: 'harbour.txt', language: 'en', notes: 'endnotes', idPrefix: 's01' });
  assert.ok(r.removed.some((x) => x.kind === 'authorNote' && x.text.startsWith('Thanks for reading')));
  assert.match(body(r.markdown), /^Meanwhile$/m);
  assert.deepEqual(r.headings.map((h) => h.text), ['Chapter 1: The Quay']);
  assert.equal(r.overrides, undefined);
});

test('keep: a paragraph that looks like a note stays in the story as text, its inline note too', () => {
  const r = run({ keep: [{ match: 'thanks for READING', line: 9 }, { match: '(A/N: the lamp', line: 10 }] });
  assert.ok(!r.removed.some((x) => x.text.startsWith('Thanks for reading')));
  assert.match(r.wordText, /Thanks for reading, everyone! Reviews make my day!/);
  assert.match(r.wordText, /\(A\/N: the lamp is real/);
  assert.deepEqual(r.overrides, [
    { key: 'keep', match: 'thanks for READING', configLine: 9, lines: [21] },
    { key: 'keep', match: '(A/N: the lamp', configLine: 10, lines: [19] },
  ]);
  assert.ok(r.messages.some((m) => m.rule === 'config' && m.line === 21 && /story text, decided by the config: keep: "thanks for READING" \(anthology\.yaml:9\)/.test(m.reason)));
});

test('paratext: a story paragraph leaves as an author\'s note, by line number or by its start', () => {
  const r = run({ paratext: [{ match: 11, line: 4 }] });
  const item = r.removed.find((x) => x.line === 11)!;
  assert.equal(item.kind, 'authorNote');
  assert.equal(item.action, 'moved');
  assert.equal(item.rule, 'config');
  assert.match(item.evidence, /decided by the config: paratext: line 11 \(anthology\.yaml:4\)/);
  assert.doesNotMatch(r.wordText, /Ollie counted/);
  assert.match(r.markdown, /\[\^s01-n\d\]: Ollie counted the lamps/);
  const dropped = run({ paratext: [{ match: '“Ollie counted the lamps”' }] }, { notes: 'drop' });
  assert.equal(dropped.removed.find((x) => x.line === 11)!.action, 'removed');
  assert.doesNotMatch(dropped.markdown, /Ollie/);
});

test('headings and breaks: a line is made a heading or a scene break; keep makes a heading or break text', () => {
  const r = run({ headings: [{ match: 'The Lighthouse' }], breaks: [{ match: 'meanwhile' }], keep: [{ match: 'chapter 1 the quay' }, { match: '* * *' }] });
  assert.deepEqual(r.headings.map((h) => [h.text, h.level, h.line]), [['The Lighthouse', 2, 13]]);
  assert.match(r.headings[0]!.evidence!, /decided by the config: headings: "The Lighthouse"/);
  const b = body(r.markdown);
  assert.match(b, /^## The Lighthouse$/m);
  assert.match(b, /^Chapter 1: The Quay$/m);
  assert.doesNotMatch(b, /^Meanwhile$/m);
  assert.match(b, /^\\\* \\\* \\\*$/m, 'the kept separator is escaped text');
  assert.equal(r.sceneBreaks, 1);
  assert.ok(r.removed.some((x) => x.kind === 'sceneBreak' && x.line === 9 && x.rule === 'config' && x.action === 'converted'));
});

test('an entry that matches nothing is an error naming the config file, line and entry', () => {
  assert.throws(
    () => run({ keep: [{ match: 'Thanks for reading', line: 8 }, { match: 'Thanks for redaing', line: 9 }] }),
    (e: unknown) => e instanceof QuireError && e.file === 'anthology.yaml' && e.line === 9 && /^stories\[0\]\.keep\[1\]: "Thanks for redaing" matches no paragraph of harbour\.txt/.test(e.message),
  );
  assert.throws(() => run({ breaks: [{ match: 400, line: 3 }] }), (e: unknown) => e instanceof QuireError && e.line === 3 && /breaks\[0\]: line 400 matches no paragraph/.test(e.message));
  // A word must be whole: "Thanks for read" is not the start of "Thanks for reading".
  assert.throws(() => run({ keep: [{ match: 'Thanks for read' }] }), QuireError);
});

test('two entries saying different things about one paragraph are an error', () => {
  assert.throws(() => run({ keep: [{ match: 'Meanwhile', line: 3 }], breaks: [{ match: 9, line: 5 }] }), (e: unknown) => e instanceof QuireError && e.line === 5 && /both match the paragraph at harbour\.txt:9/.test(e.message));
});

test('a line number inside an unwrapped paragraph matches the paragraph', () => {
  const wrapped = 'Mara walked the length of the quay twice before she let herself look at\nthe water below, where the boats sat low and dark and very still tonight.\nShe did not look long.\n\nThe second paragraph is about Ollie and the lamps along the wall, all of them.\n';
  const r = normaliseStory(new TextEncoder().encode(wrapped), { file: 'w.txt', language: 'en', notes: 'endnotes', idPrefix: 's01', overrides: { config: 'c.yaml', at: 'stories[0]', entries: { paratext: [{ match: 2 }] } } });
  const item = r.removed.find((x) => x.rule === 'config')!;
  assert.equal(item.line, 1);
  assert.equal(item.lastLine, 3);
  assert.deepEqual(r.source?.joined, [1, 3]);
});

test('match keys ignore case, quotes, dashes, emphasis and spacing; symbols alone are compared as written', () => {
  assert.equal(matchKey('*“Don’t,” she said — quietly…*'), matchKey("don't she said -- QUIETLY"));
  assert.equal(matchKey('* * *'), '***');
  assert.equal(matchKey('~~ ~'), '~~~');
});
