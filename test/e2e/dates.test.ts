// The book's date comes from what the sources say, never from a file's modification time: SOURCE_DATE_EPOCH, the config's date, the date a story states, else none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { statedDate } from '../../src/model/book.ts';
import type { Story } from '../../src/model/types.ts';
import { quire, ROOT, tempDir } from './helpers.ts';

const NO_EPOCH = { SOURCE_DATE_EPOCH: '' };

async function opf(file: string): Promise<string> {
  return (await JSZip.loadAsync(readFileSync(file))).file('OEBPS/content.opf')!.async('string');
}

test('content-identical sources give byte-identical books, whatever the files\' modification times', async () => {
  const dir = tempDir();
  const story = path.join(dir, 'harbour-lights.txt');
  copyFileSync(path.join(ROOT, 'seeds', 'four-words.txt'), story);
  const built: Buffer[][] = [];
  for (const [i, when] of [new Date('2001-02-03T04:05:06Z'), new Date('2024-06-07T08:09:10Z')].entries()) {
    utimesSync(story, when, when);
    const out = path.join(dir, `out-${i}`);
    const r = quire(['build', story, '--title', 'Harbour Lights', '--formats', 'epub,pdf', '--out', out, '-q'], { env: NO_EPOCH });
    assert.equal(r.code, 0, r.stderr);
    built.push([readFileSync(path.join(out, 'harbour-lights.epub')), readFileSync(path.join(out, 'harbour-lights.pdf'))]);
  }
  assert.ok(built[0]![0]!.equals(built[1]![0]!), 'the EPUB is byte-identical');
  assert.ok(built[0]![1]!.equals(built[1]![1]!), 'the PDF is byte-identical');
  // Nobody dated this book: no date in the metadata or on its pages.
  const x = await opf(path.join(dir, 'out-0', 'harbour-lights.epub'));
  assert.doesNotMatch(x, /<dc:date>/);
  assert.match(x, /dcterms:modified">1980-01-01T00:00:00Z</);
  const copyright = await (await JSZip.loadAsync(built[0]![0]!)).file('OEBPS/copyright.xhtml')!.async('string');
  assert.match(copyright, /Made with quire\.</);
});

test('the config\'s date is the book\'s date, and SOURCE_DATE_EPOCH wins over it', async () => {
  const dir = tempDir();
  copyFileSync(path.join(ROOT, 'seeds', 'four-words.txt'), path.join(dir, 'four-words.txt'));
  writeFileSync(path.join(dir, 'book.yaml'), 'title: Dated\ndate: 2025-03-04\nstories:\n  - source: four-words.txt\n');
  const dated = quire(['build', '-c', path.join(dir, 'book.yaml'), '--formats', 'epub', '--out', path.join(dir, 'a'), '-q'], { env: NO_EPOCH });
  assert.equal(dated.code, 0, dated.stderr);
  assert.match(await opf(path.join(dir, 'a', 'dated.epub')), /<dc:date>2025-03-04<\/dc:date>/);
  const epoch = quire(['build', '-c', path.join(dir, 'book.yaml'), '--formats', 'epub', '--out', path.join(dir, 'b'), '-q'], { env: { SOURCE_DATE_EPOCH: '1763683200' } });
  assert.equal(epoch.code, 0, epoch.stderr);
  assert.match(await opf(path.join(dir, 'b', 'dated.epub')), /<dc:date>2025-11-21<\/dc:date>/);
});

test('statedDate: the newest date the stories state (updated, completed or published), none without one', () => {
  const story = (meta: Story['meta']): Story => ({ meta }) as Story;
  assert.equal(statedDate([story({ published: '2019-01-02', updated: '2021-05-06' }), story({ completed: '2020-12-31' }), story(undefined)])?.toISOString(), '2021-05-06T00:00:00.000Z');
  assert.equal(statedDate([story({ published: 'sometime in spring' }), story(undefined)]), undefined);
});
