// Characters no font of the PDF has: where they stand (file:line), which face would draw them, and whether the build fails for them.
import { QuireError } from '../../common/diagnostics.js';
import { SCRIPT_FACES, facesFor, hanFaceFor, scriptOf, type ScriptFace } from '../../common/scripts.js';
import { inlineText, type Block, type Book } from '../../model/types.js';
import type { RenderContext } from '../context.js';
import type { LaidOutBook } from './types.js';

/** Where a character first stands in the book: a story's chapter markdown and line (or the story's source). */
interface Place {
  file?: string;
  line?: number;
}

/** The first place of each of `chars` in the book's stories and matter, in book order. */
export function placesOf(book: Book, chars: string[]): Map<string, Place> {
  const found = new Map<string, Place>();
  const look = (blocks: Block[], file: string | undefined): void => {
    for (const block of blocks) {
      if (found.size === chars.length) return;
      if (block.type === 'blockQuote') look(block.blocks, file);
      else if (block.type === 'list') for (const item of block.items) look(item, file);
      else if (block.type === 'paragraph' || block.type === 'heading') {
        const text = inlineText(block.content);
        for (const ch of chars) if (!found.has(ch) && text.includes(ch)) found.set(ch, { ...(file !== undefined && { file }), ...(block.line !== undefined && { line: block.line }) });
      }
    }
  };
  for (const story of book.stories) {
    const file = story.markdownPath ?? story.source;
    look(story.opener, file);
    look(story.blocks, file);
    for (const note of story.notes) look(note.blocks, file);
  }
  for (const m of [...book.front, ...book.back]) look(m.blocks, undefined);
  return found;
}

/** Code point as U+XXXX. */
function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The npm package of a font path the theme gives (`@scope/name/…` or `name/…`), or the path itself. */
function packageOf(file: string): string {
  const parts = file.split('/');
  return file.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** What would draw a character: the theme's face for its script that is not installed, or a face to add. */
function remedy(ch: string, ctx: RenderContext, language: string): string {
  const faces = facesFor(ch.codePointAt(0)!, hanFaceFor(language)).filter((f): f is ScriptFace => SCRIPT_FACES.includes(f));
  for (const face of faces) {
    const wanted = ctx.theme.scriptFontsMissing[face];
    if (wanted !== undefined) return `install the ${face} face: npm install ${packageOf(wanted)}`;
  }
  const script = scriptOf(ch.codePointAt(0)!);
  return `no face of the theme has it: install a font that has it (e.g. a Noto face from npm) and name it as the theme's fonts.fallback${script === 'other' ? '' : ` or fonts.scripts.${script}`}`;
}

/** A character the reader needs (a letter or digit of the text), not a symbol. */
const LETTER = /[\p{L}\p{N}]/u;

/**
 * Report the characters no font has: an error (the build fails) when any is a letter or digit, or with `strict` any
 * character at all; else one warning per character, with the place of its first use.
 */
export function checkMissingGlyphs(layout: LaidOutBook, book: Book, ctx: RenderContext, strict: boolean): void {
  if (!layout.missingGlyphs.length) return;
  const chars = layout.missingGlyphs.map((m) => m.char);
  const places = placesOf(book, chars);
  const fatal = layout.missingGlyphs.filter((m) => strict || LETTER.test(m.char));
  if (fatal.length) {
    const first = places.get(fatal[0]!.char) ?? {};
    const list = fatal.map((m) => `${m.char} (${codePoint(m.char)}) ×${m.count}`).join(', ');
    const reason = `no font has ${fatal.length === 1 ? 'this character' : 'these characters'}, the PDF would draw empty boxes: ${list}; ${remedy(fatal[0]!.char, ctx, book.meta.language)}`;
    throw new QuireError(reason, first);
  }
  for (const m of layout.missingGlyphs) {
    const place = places.get(m.char) ?? {};
    ctx.messages.warn('missing-glyph', `no font has ${m.char} (${codePoint(m.char)}), drawn as an empty box ×${m.count}; ${remedy(m.char, ctx, book.meta.language)}`, place.file, place.line);
  }
}
