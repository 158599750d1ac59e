// markdown → document model: blocks, inline runs, scene breaks, chapters, notes, template roles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownToBlocks, parseChapter, slugify } from '../../src/model/parse.ts';
import { blocksText } from '../../src/model/types.ts';

const chapter = `---
title: Harbour Lights
author: [Ann, Bo]
source: harbour-lights.txt
encoding: utf-8
language: en
notes:
  - { id: s01-n1, position: start, line: 1 }
  - { id: s01-n2, position: inline, line: 9 }
---

The *first* paragraph,
unwrapped by markdown.

* * *

## Chapter Two

A **strong** word and a note.[^s01-n2] Raw <b>html</b> & stays text.

[^s01-n1]: Written at 3 AM.

[^s01-n2]: An inline note.
`;

test('a chapter file becomes typed blocks with lines', () => {
  const parsed = parseChapter(chapter, 'markdown/01-harbour-lights.md', 's01');
  assert.equal(parsed.frontMatter.title, 'Harbour Lights');
  assert.deepEqual(parsed.frontMatter.author, ['Ann', 'Bo']);
  const types = parsed.blocks.map((b) => b.type);
  assert.deepEqual(types, ['paragraph', 'sceneBreak', 'heading', 'paragraph']);
  const first = parsed.blocks[0]!;
  assert.equal(first.type === 'paragraph' && first.line, 12);
  assert.deepEqual(first.type === 'paragraph' && first.content, [
    { type: 'text', text: 'The ' },
    { type: 'emphasis', children: [{ type: 'text', text: 'first' }] },
    { type: 'text', text: ' paragraph, unwrapped by markdown.' },
  ]);
  assert.deepEqual(parsed.chapters, [{ id: 's01-chapter-two', title: 'Chapter Two', level: 2 }]);
  const last = parsed.blocks[3]!;
  assert.ok(last.type === 'paragraph');
  assert.ok(last.content.some((n) => n.type === 'noteRef' && n.noteId === 's01-n2'));
  assert.ok(last.content.some((n) => n.type === 'strong'));
  assert.match(blocksText([last]), /Raw <b>html<\/b> & stays text\./);
});

test('footnote definitions become notes with their front-matter positions', () => {
  const parsed = parseChapter(chapter, 'x.md', 's01');
  assert.deepEqual(parsed.notes.map((n) => [n.id, n.number]), [['s01-n1', 1], ['s01-n2', 2]], 'source order, numbered');
  const byId = new Map(parsed.notes.map((n) => [n.id, n]));
  assert.equal(byId.get('s01-n1')!.position, 'start');
  assert.equal(blocksText(byId.get('s01-n1')!.blocks), 'Written at 3 AM.');
  assert.equal(byId.get('s01-n2')!.position, 'inline');
});

test('template roles come from a trailing {.role}', () => {
  const { blocks } = markdownToBlocks('# Title {.book-title}\n\nEdited by X {.editor}\n\nPlain.\n', { idPrefix: 't', roles: true });
  assert.deepEqual(blocks.map((b) => ('role' in b ? b.role : undefined)), ['book-title', 'editor', undefined]);
  assert.equal(blocksText(blocks), 'Title\n\nEdited by X\n\nPlain.');
});

test('without roles, {.x} is ordinary text; code blocks stay prose', () => {
  const { blocks } = markdownToBlocks('Text {.x}\n\n    indented prose\n', { idPrefix: 't' });
  assert.equal(blocksText(blocks), 'Text {.x}\n\nindented prose');
  assert.ok(blocks.every((b) => b.type === 'paragraph'));
});

test('duplicate headings get unique ids; slugify is ASCII', () => {
  const { blocks } = markdownToBlocks('## One\n\n## One\n', { idPrefix: 's02' });
  assert.deepEqual(blocks.map((b) => b.type === 'heading' && b.id), ['s02-one', 's02-one-2']);
  assert.equal(slugify('Café “Noir”: Part II!'), 'cafe-noir-part-ii');
  assert.equal(slugify('Don’t Panic'), 'dont-panic');
});

test('a part holds its chapters: `##` parts and `###` chapters become two levels of contents entries', () => {
  const parsed = parseChapter('---\ntitle: Two Levels\n---\n\n## Part One\n\n### Chapter 1\n\nText.\n\n### Chapter 2\n\nMore.\n\n## Part Two\n\nEnd.\n', 'x.md', 's01');
  assert.deepEqual(parsed.chapters.map((c) => [c.title, c.level]), [['Part One', 2], ['Chapter 1', 3], ['Chapter 2', 3], ['Part Two', 2]]);
});
