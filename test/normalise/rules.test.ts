// The separate rules: scene-break lines, chapter headings, paratext markers, typography, escaping — including their false positives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeProse } from '../../src/normalise/escape.ts';
import { isHeadingText } from '../../src/normalise/heading.ts';
import { disclaimerOwner, isNoteStart, isReviewLine, isStrongDisclaimer, isWeakDisclaimer, mayStartMarker } from '../../src/normalise/paratext-rules.ts';
import fc from 'fast-check';
import { isSceneBreakLine } from '../../src/normalise/scene-break.ts';
import { typeset } from '../../src/normalise/typography.ts';
import { quireMarkdown } from '../../src/model/markdown.ts';

test('scene-break lines', () => {
  for (const s of [':::::', '* * *', '***', '*', '~~~', '~*~*~', '-o-o-o-', 'oOo', 'xXx', 'XxXxX', 'o0o', '=====', '_____', '+++', '###', '•••', '—', '   *   *   *   ', '-----', ':'.repeat(140), '<><><>', '§', '~x~'])
    assert.ok(isSceneBreakLine(s), s);
  for (const s of ['1', 'I.', '...', '. . .', '-', '--', '"—"', '“—”', 'xo', 'XOXO', 'ox', 'Oooo', 'ooo', 'x', 'o', 'Ok', '*sigh*', '—Hello', 'A'])
    assert.ok(!isSceneBreakLine(s), s);
});

test('chapter headings', () => {
  for (const s of ['Chapter 1', 'Chapter One: Title', 'CHAPTER IV.', 'Chapter 2 - Drift', 'Chapter 2—Drift', 'Prologue', 'Epilogue', 'Part II', 'BOOK ONE: 1805', 'Chapter Twenty-One', 'CHAPTER I. Down the Rabbit-Hole', 'I. A SCANDAL IN BOHEMIA', 'Ch. 3', 'Chapter 12.'])
    assert.ok(isHeadingText(s), s);
  for (const s of ['Chapter 1 was the best part of the book.', 'Part of me wanted to stay.', 'Prologues are boring, she said.', 'I.', '1', 'Book two of the series was worse', 'Chapter and verse'])
    assert.ok(!isHeadingText(s), s);
  // The forms real texts use, in more languages, wrapped or as markdown.
  for (const s of ['Kapitel 3', 'Capítulo I', 'Chapitre 1 – Ombre mystérieuse', '**Chapter 1: Explosive Beginnings**', '# Prologue', '## A Crown of Thorns', '~Chapter 3~', 'Part 1 of 3', 'Chapter 2 THE SHADOW', '第一章', '第1話　始まり', 'Erstes Kapitel', 'Chapter the First', 'Un : Kiba', 'SECOND EPILOGUE'])
    assert.ok(isHeadingText(s), s);
  // Story lines in emphasis, datelines, a linked markdown heading, forum scaffolding.
  for (const s of ['**Woof**', '*BANG! BANG! BANG!*', '***July 30, 1991***', '## Visit [the site](https://example.com) for', '### Post:', 'Two: the number of times he lied.', 'Chapter 2 the shadow'])
    assert.ok(!isHeadingText(s), s);
});

test('disclaimers, and story sentences that are not disclaimers', () => {
  assert.ok(isStrongDisclaimer('Disclaimer: I do not own Star Trek.'));
  assert.ok(isStrongDisclaimer('DISCLAIMER - not mine'));
  assert.ok(isWeakDisclaimer("I don't own Harry Potter."));
  assert.ok(isWeakDisclaimer('Not mine, no profit.'));
  assert.ok(isWeakDisclaimer('Sherlock belongs to the BBC.'));
  assert.ok(isWeakDisclaimer('All characters belong to Paramount.'));
  assert.ok(!isWeakDisclaimer('“This ship belongs to the Federation,” he said.'));
  assert.ok(!isWeakDisclaimer('The ship belongs to him now.'));
  assert.ok(!isStrongDisclaimer('He disclaimed nothing.'));
  assert.equal(disclaimerOwner('Disclaimer: I do not own Star Trek or any of its characters.'), 'Star Trek');
  assert.equal(disclaimerOwner("I don't own Doctor Who, sadly."), 'Doctor Who');
  assert.equal(disclaimerOwner('Harry Potter belongs to J.K. Rowling.'), 'Harry Potter');
  assert.equal(disclaimerOwner('All characters belong to Paramount.'), 'Paramount');
  assert.equal(disclaimerOwner('Not mine.'), undefined);
});

test("author's note markers", () => {
  for (const s of ['A/N: hi', 'A/N hi', "Author's Note", 'Note de l’auteur : merci', 'AN: hi', 'A.N. hi', "Author's Note: hi", 'Authors note - hi', 'author’s notes: hi', '(A/N: hi)', '[A/N hi]', '**A/N:** hi'])
    assert.ok(isNoteStart(s, 'en'), s);
  for (const s of ['An old man.', 'AN old man', 'Anne said.', 'N/A applies here', 'Authority was absent.', 'ANother', "Author's notes were found in the drawer.", 'Authors note things down.'])
    assert.ok(!isNoteStart(s, 'en'), s);
  assert.ok(isNoteStart('N/A : merci', 'fr'));
  assert.ok(isNoteStart('N/A merci', 'fr'));
  assert.ok(isReviewLine('Please review!'));
  assert.ok(isReviewLine('R&R'));
  assert.ok(isReviewLine('Please read and review, thanks!'));
  assert.ok(isReviewLine('Please review and tell me what you think!'));
  assert.ok(!isReviewLine('Please review the report before the meeting, the captain ordered.'));
  assert.ok(isReviewLine('Next chapter will be up Friday.'));
  assert.ok(!isReviewLine('Please, she begged, review the evidence again before you decide anything at all about him.'.repeat(2)));
});

test('typography (Standard Ebooks rules) and French rules', () => {
  const cases: Array<[string, string]> = [
    ['"Hi," she said.', '“Hi,” she said.'],
    ["don't 'em '90s 'tis", 'don’t ’em ’90s ’tis'],
    ['begin - surely - now', 'begin—surely—now'],
    ['over--or not', 'over—or not'],
    ['a bit- hopefully', 'a bit—hopefully'],
    ['turned -slowly', 'turned—slowly'],
    ['detonat-', 'detonat—'],
    ['"prowess-"', '“prowess—”'],
    ['whipcord-taut twenty-one', 'whipcord-taut twenty-one'],
    ['1914-1918', '1914–1918'],
    ['so...what . . . now', 'so…what … now'],
    ['"—"', '“—”'],
    ['Mr. Scott and Dr. Marcus', 'Mr.\u00A0Scott and Dr.\u00A0Marcus'],
    ['<!-- a comment --> and e--f', '<!-- a comment --> and e—f'],
  ];
  for (const [input, output] of cases) assert.equal(typeset(input, 'en'), output, input);
  assert.equal(typeset('"Tu viens?" dit-il: oui!', 'fr'), '«\u202FTu viens\u202F?\u202F» dit-il\u00A0: oui\u202F!');
});

test('escaping: prose never becomes markup; emphasis pairs stay emphasis', () => {
  const md = quireMarkdown();
  for (const s of ['1. item', '1984. A year', '- dash', '+ plus', '# hash', '> quote', '[x](y)', 'a | b', '<script>x</script>', 'back\\slash', '2*3*4', 'snake_case_name', '&amp;', '`code`', '***', '[^n]: def', '![img](x.png)', '<http://x.y>']) {
    const { markdown, plain } = escapeProse(s, String);
    assert.equal(plain, s);
    const tokens = md.parse(markdown, {});
    assert.deepEqual(tokens.map((t) => t.type), ['paragraph_open', 'inline', 'paragraph_close'], s);
    assert.equal(tokens[1]!.children!.map((c) => (c.type === 'text' ? c.content : `<${c.type}>`)).join(''), s, s);
  }
  const em = escapeProse('She *really* meant _it_.', String);
  assert.equal(em.markdown, 'She *really* meant _it_.');
  assert.equal(em.plain, 'She really meant it.');
});

test('the cheap first look at a paragraph start never misses a marker the full patterns find', () => {
  const starts = fc.constantFrom('A/N', 'AN:', 'A.N.', "Author's Note", 'Authors note', "Author\\'s Endnote", 'Story Notes', 'T/N', 'TL note:', 'NdA', 'N.d.T.', 'N/T', 'N/A :', 'Note de l’auteur', 'Anmerkung', 'Anm. d. Ü.', 'Nota de la autora', 'Disclaimer', 'Haftungsausschluss', 'Descargo', 'あとがき', '作者より', 'The', 'Note', 'Nothing');
  fc.assert(
    fc.property(fc.constantFrom('', '**', '*', '(', '[', '  ', '_'), starts, fc.constantFrom(':', ' ', ' - ', '.', ''), fc.string({ maxLength: 20 }), (before, start, sep, rest) => {
      const text = `${before}${start}${sep}${rest}`;
      if (isNoteStart(text, 'fr') || isStrongDisclaimer(text)) assert.ok(mayStartMarker(text), text);
    }),
    { numRuns: 2000, seed: 15 },
  );
});
