// The download readers on fixtures made from AO3's download templates (and Calibre's EPUBs of them), FanFicFare's
// writer templates and a saved web page: title, authors, chapters, notes out of the story and in the notes, summary
// and tags in the metadata, no paratext in the story, emphasis kept, and every word of the source's story text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { wordsOf } from '../../src/audit/index.ts';
import { parseChapter } from '../../src/model/parse.ts';
import { detectFormat, normaliseSource } from '../../src/normalise/readers/index.ts';
import type { NormalisedStory, NotesPolicy } from '../../src/index.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');

function read(name: string, notes: NotesPolicy = 'endnotes'): NormalisedStory {
  const file = path.join(FIXTURES, name);
  return normaliseSource(readFileSync(file), { file: name, language: 'en', notes, idPrefix: 's01', fallbackTitle: 'Fallback' });
}

/** The story text of an HTML fixture, found independently of the readers: the text of the given elements, with image alt texts as the placeholders say them. */
function sourceText(name: string, select: (el: Element) => boolean, headings: string[] = []): string {
  const doc = parseDocument(readFileSync(path.join(FIXTURES, name), 'utf8'));
  const parts: string[] = [];
  DomUtils.findAll(select, doc.children).forEach((el, i) => {
    for (const img of DomUtils.findAll((e) => e.name === 'img', [el])) DomUtils.replaceElement(img, parseDocument(`[Image: ${img.attribs.alt}]`).children[0] as never);
    // Each chapter's title, then its text.
    if (headings[i]) parts.push(headings[i]!);
    parts.push(DomUtils.textContent(el));
  });
  return parts.join('\n\n');
}

const ao3Content = (el: Element): boolean => el.name === 'div' && el.attribs.class === 'userstuff' && el.attribs.id !== 'chapters';
const AO3_CHAPTERS = ['Chapter 1: The First Letter', 'Chapter 2: Low Water', 'Chapter 3: Spring Tide'];

/** Checks every reader must pass on its fixture. */
function checkStory(r: NormalisedStory, expected: { title: string; authors: string[]; chapters?: string[]; notes: string[]; paratext: string[]; emphasis: string[]; source: string }): void {
  assert.equal(r.frontMatter.title, expected.title);
  assert.deepEqual(r.frontMatter.author, expected.authors);
  assert.deepEqual(r.frontMatter.chapters, expected.chapters);
  // Every note is out of the story and in the notes (footnote definitions).
  const parsed = parseChapter(r.markdown, 'x.md', 's01');
  const noteText = parsed.notes.map((n) => JSON.stringify(n.blocks)).join(' ');
  for (const note of expected.notes) {
    assert.ok(!r.wordText.includes(note), `note "${note}" left in the story`);
    assert.ok(noteText.includes(note), `note "${note}" missing from the notes`);
  }
  for (const line of expected.paratext) assert.ok(!r.wordText.includes(line), `paratext "${line}" in the story`);
  for (const md of expected.emphasis) assert.ok(r.markdown.includes(md), `emphasis ${md} lost`);
  // Lossless: the story's words are the source's story words, in order.
  assert.deepEqual(wordsOf(r.wordText), wordsOf(expected.source));
  assert.equal(r.wordCount, wordsOf(expected.source).length);
}

const AO3_NOTES = ['Harbourfest 2023 exchange', 'Marisol finds the bottle', 'a storm, and a', 'The dog is fine', 'See the map I drew', 'Thank you for reading', 'Come find me on my blog'];
const AO3_PARATEXT = ['Posted originally', 'Archive of Our Own', 'Teen And Up', 'Epistolary', 'Words:', 'Published', 'Chapter End Notes', 'See the end', 'drop by the Archive', 'Lamplight Sketches', 'Preface', 'Afterword', 'Wren_Ashby'];
const AO3_EMPHASIS = ['*red*', '**Do not read this aloud.**', '*not*', '*answered*', 'round,\\\nthe light', '> Dear whoever you are,'];

for (const name of ['ao3-multichapter.html', 'ao3-multichapter.epub']) {
  test(`AO3 multi-chapter (${name}): title, authors, chapters, notes, summary, tags, no paratext, emphasis, every word`, () => {
    const r = read(name);
    assert.equal(r.reader?.name, name.endsWith('.epub') ? 'ao3-epub' : 'ao3-html');
    checkStory(r, {
      title: 'The Tidewater Letters',
      authors: ['Wren_Ashby', 'quillfeather'],
      chapters: AO3_CHAPTERS,
      notes: AO3_NOTES,
      paratext: AO3_PARATEXT,
      emphasis: AO3_EMPHASIS,
      source: sourceText('ao3-multichapter.html', ao3Content, AO3_CHAPTERS),
    });
    assert.equal(r.frontMatter.summary, 'A lighthouse keeper writes to the one person who never writes back. Until she does.');
    const meta = r.frontMatter.meta!;
    assert.equal(meta.rating, 'Teen And Up Audiences');
    assert.deepEqual(meta.warnings, ['Graphic Depictions Of Violence', 'Major Character Death']);
    assert.deepEqual(meta.fandoms, ['Original Work']);
    assert.deepEqual(meta.relationships, ['Marisol/Tamsin Hale']);
    assert.deepEqual(meta.characters, ['Marisol (Original)', 'Tamsin Hale', 'The Harbourmaster']);
    assert.deepEqual(meta.tags, ['Epistolary', 'Lighthouses', 'Slow Burn', 'Hurt/Comfort']);
    assert.equal(meta.language, 'English');
    assert.deepEqual(meta.series, ['Part 2 of Salt and Lamplight']);
    assert.equal(meta.url, 'https://archiveofourown.org/works/11223344');
    assert.equal(meta.published, '2023-03-04');
    assert.equal(meta.completed, '2023-05-21');
    assert.equal(meta.words, 1234);
    assert.equal(meta.chapterCount, '3/3');
    // Notes in reading order, each attributed to its chapter; chapter notes linked from their chapter.
    assert.deepEqual(r.frontMatter.notes?.map((n) => [n.position, n.chapter ?? '']), [
      ['start', ''],
      ['inline', AO3_CHAPTERS[0]],
      ['inline', AO3_CHAPTERS[0]],
      ['inline', AO3_CHAPTERS[2]],
      ['inline', AO3_CHAPTERS[2]],
      ['end', ''],
    ]);
    assert.match(r.markdown, /^## Chapter 1: The First Letter\[\^s01-n2\]$/m);
    assert.match(r.markdown, /as far as she could\.\[\^s01-n3\]$/m);
    // The report's account of what the reader took.
    assert.deepEqual(r.reader?.chapters, AO3_CHAPTERS);
    assert.deepEqual(r.reader?.notes.map((n) => n.kind), ['workNotes', 'chapterSummary', 'chapterNotes', 'chapterEndNotes', 'chapterNotes', 'chapterEndNotes', 'workEndNotes']);
    assert.equal(r.reader?.notes[2]?.chapter, AO3_CHAPTERS[0]);
  });
}

for (const name of ['ao3-oneshot.html', 'ao3-oneshot.epub']) {
  test(`AO3 one-shot (${name}): no chapter headings, work notes at the start, the story's own text`, () => {
    const r = read(name);
    checkStory(r, {
      title: 'Small Hours',
      authors: ['nightjar_writes'],
      notes: ['who asked for'],
      paratext: ['Posted originally', 'General Audiences', 'Night Shift', 'Words:', 'drop by the Archive', 'Small Hours'],
      emphasis: ['*you*', '**LOG ENTRY, 0314:** *All quiet.*'],
      source: sourceText('ao3-oneshot.html', ao3Content),
    });
    assert.equal(r.frontMatter.notes?.[0]?.position, 'start');
    assert.deepEqual(r.frontMatter.meta?.fandoms, ['Star Trek: The Original Series']);
    assert.deepEqual(r.frontMatter.meta?.warnings, ['No Archive Warnings Apply']);
    assert.equal(r.frontMatter.meta?.words, 402);
    // Typography from the text normaliser: `--` and straight quotes.
    assert.match(r.markdown, /under her breath—the same four bars/);
    assert.match(r.markdown, /“That’s not regulation,”/);
  });
}

const FFF_CHAPTERS = ['1. The Gutter Regatta', '2. High Water'];
const fffContent = (el: Element): boolean => el.name === 'div' && el.attribs.class === 'userstuff module';

for (const name of ['fanficfare.epub', 'fanficfare.html']) {
  test(`FanFicFare (${name}): title page metadata, chapter titles, the site's notes out of the story`, () => {
    const r = read(name);
    assert.equal(r.reader?.name, name.endsWith('.epub') ? 'fanficfare-epub' : 'fanficfare-html');
    const html = readFileSync(path.join(FIXTURES, 'fanficfare.html'), 'utf8');
    assert.ok(html.includes('fff_chapter_notes'));
    checkStory(r, {
      title: 'Paper Boats',
      authors: ['moth_and_lantern'],
      chapters: FFF_CHAPTERS,
      notes: ['asked for', 'No boats were harmed', 'Comments make my day', 'A sequel is'],
      paratext: ['Genre', 'Fluff', 'Packaged', 'Publisher', 'Table of Contents', 'Notes for the Chapter', 'Author’s Note'],
      emphasis: ['**back**', '> *Got it. Write again.*'],
      source: sourceText('fanficfare.html', fffContent, FFF_CHAPTERS),
    });
    const meta = r.frontMatter.meta!;
    assert.deepEqual(meta.fandoms, ['Original Work']);
    assert.deepEqual(meta.tags, ['Fluff', 'Found Family', 'Gen']);
    assert.deepEqual(meta.characters, ['Ada Quill', 'Pip']);
    assert.equal(meta.rating, 'General Audiences');
    assert.deepEqual(meta.warnings, ['No Archive Warnings Apply']);
    assert.equal(meta.url, 'https://archiveofourown.org/works/44556677');
    assert.equal(meta.words, 612);
    assert.equal(r.frontMatter.summary, 'Ada folds a boat out of every letter she cannot send. Pip sails them.');
  });
}

test('a saved web page: the article only (no navigation, comments, forms, sidebar, footer, scripts), headings and emphasis kept', () => {
  const r = read('web-page.html');
  assert.equal(r.reader?.name, 'web-page');
  const article = (el: Element): boolean => el.name === 'div' && el.attribs.class === 'entry-content';
  checkStory(r, {
    title: 'The Cartographer’s Apprentice',
    authors: ['Juniper Vale'],
    chapters: ['The Stream', 'The Bridge'],
    notes: [],
    paratext: ['Skip to content', 'Home', 'Share on', 'Tagged', 'comments', 'Loved this', 'Leave a reply', 'Popular stories', 'newsletter', 'All rights reserved', 'Injected', 'September 14'],
    emphasis: ['*pencil*', '[Royal Survey]{.smallcaps}', 'ORRIN: where are you\\\nORRIN: the map moved\\\nORRIN: **come back**', '> Every map is a promise', '* * *'],
    source: sourceText('web-page.html', article).replace(/\*\*\*/, ''),
  });
  assert.equal(r.frontMatter.meta?.url, 'https://inkwell-ember.example.org/stories/cartographers-apprentice');
  assert.equal(r.frontMatter.meta?.published, '2021-09-14');
  assert.equal(r.frontMatter.summary, 'A short story about maps that change when no one is looking.');
  // The remote image: a placeholder and a warning naming the file, line and address.
  const warning = r.messages.find((m) => m.rule === 'image');
  assert.match(warning?.reason ?? '', /https:\/\/inkwell-ember\.example\.org\/images\/hollin-vale-map\.jpg/);
  assert.equal(warning?.file, 'web-page.html');
  assert.ok(warning?.line);
  assert.match(r.markdown, /\*\\\[Image: A hand-drawn map of Hollin Vale with a crooked stream\\\]\*/);
  assert.deepEqual(r.reader?.images, [{ src: 'https://inkwell-ember.example.org/images/hollin-vale-map.jpg', alt: 'A hand-drawn map of Hollin Vale with a crooked stream', carried: false }]);
  // One line says what the cleaning dropped.
  const cleaned = r.messages.filter((m) => m.rule === 'html-cleaned');
  assert.equal(cleaned.length, 1);
  assert.match(cleaned[0]!.reason, /3 <script>.*2 event-handler attributes.*1 <form>.*1 <iframe>/);
});

test('notes policy: keep places chapter notes at their chapter, drop removes them (and their references)', () => {
  const kept = read('ao3-multichapter.html', 'keep');
  assert.equal(kept.frontMatter.notes?.length, 6);
  const dropped = read('ao3-multichapter.html', 'drop');
  assert.equal(dropped.frontMatter.notes, undefined);
  assert.doesNotMatch(dropped.markdown, /\[\^/);
  assert.ok(dropped.removed.some((x) => x.kind === 'authorNote' && x.action === 'removed' && x.text.includes('The dog is fine')));
  assert.deepEqual(wordsOf(dropped.wordText), wordsOf(kept.wordText));
});

test('the format is told by content: a zip is an EPUB and an HTML document is HTML whatever the name; text stays text', () => {
  const epub = readFileSync(path.join(FIXTURES, 'fanficfare.epub'));
  const html = readFileSync(path.join(FIXTURES, 'ao3-oneshot.html'));
  assert.equal(detectFormat(epub, 'story.txt'), 'epub');
  assert.equal(detectFormat(html, 'story.txt'), 'html');
  assert.equal(detectFormat(new TextEncoder().encode('<3 you, she wrote.\n\nAnd then she left.'), 'story.txt'), 'text');
  assert.equal(detectFormat(new TextEncoder().encode('<p>A fragment</p>'), 'story.html'), 'html');
  const r = normaliseSource(html, { file: 'renamed.txt', language: 'en', notes: 'endnotes', idPrefix: 's01' });
  assert.equal(r.reader?.name, 'ao3-html');
});

test('an EPUB that is neither AO3’s nor FanFicFare’s: chapters at its headings, metadata from its package, its images as placeholders', async () => {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file('META-INF/container.xml', '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>');
  zip.file('OPS/book.opf', '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Two Rooms</dc:title><dc:creator>A. Writer</dc:creator><dc:description>&lt;p&gt;Short.&lt;/p&gt;</dc:description><dc:subject>Ghosts</dc:subject></metadata><manifest><item id="n" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="a" href="text/a.xhtml" media-type="application/xhtml+xml"/><item id="b" href="text/b.xhtml" media-type="application/xhtml+xml"/><item id="i" href="img/door.png" media-type="image/png"/></manifest><spine><itemref idref="n"/><itemref idref="a"/><itemref idref="b"/></spine></package>');
  zip.file('OPS/nav.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"><body><nav><ol><li><a href="text/a.xhtml">One</a></li></ol></nav></body></html>');
  zip.file('OPS/text/a.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"><body><h2>The First Room</h2><p>It was <i>cold</i>.</p><p><img src="../img/door.png" alt="A door"/></p></body></html>');
  zip.file('OPS/text/b.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"><body><h2>The Second Room</h2><p>It was warm.</p></body></html>');
  zip.file('OPS/img/door.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  const r = normaliseSource(await zip.generateAsync({ type: 'uint8array' }), { file: 'rooms.epub', language: 'en', notes: 'endnotes', idPrefix: 's01' });
  assert.equal(r.reader?.name, 'epub');
  assert.equal(r.frontMatter.title, 'Two Rooms');
  assert.deepEqual(r.frontMatter.author, ['A. Writer']);
  assert.equal(r.frontMatter.summary, 'Short.');
  assert.deepEqual(r.frontMatter.meta?.tags, ['Ghosts']);
  assert.deepEqual(r.frontMatter.chapters, ['The First Room', 'The Second Room']);
  assert.match(r.markdown, /It was \*cold\*\./);
  assert.doesNotMatch(r.wordText, /One/);
  assert.match(r.messages.find((m) => m.rule === 'image')?.reason ?? '', /OPS\/img\/door\.png inside the EPUB is not carried into the book/);
});
