// The readers' dispatcher: one story file → the normalised chapter, whatever the file is. The format is told by
// its content (a zip is an EPUB, a document that opens like HTML is HTML), the extension only breaking ties; plain
// text goes to the text normaliser. Like pandoc's readers, every reader ends in the same chapter markdown.
import { Messages } from '../../common/diagnostics.js';
import { normaliseStory } from '../index.js';
import type { NormalisedStory, NormaliseOptions } from '../types.js';
import { readEpub } from './epub.js';
import { decodeHtml, looksLikeHtml, readHtml } from './html.js';
import { writeSourceStory } from './write-story.js';

export type SourceFormat = 'text' | 'html' | 'epub';

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** What a file is, from its bytes (and, for HTML without a doctype, its extension). */
export function detectFormat(bytes: Uint8Array, file: string): SourceFormat {
  if (ZIP.every((b, i) => bytes[i] === b)) return 'epub';
  if (/\.epub$/i.test(file)) return 'epub';
  if (/\.x?html?$/i.test(file)) return 'html';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  return looksLikeHtml(head) ? 'html' : 'text';
}

/** Normalise one story file of any supported format (same contract as normaliseStory). */
export function normaliseSource(bytes: Uint8Array, options: NormaliseOptions): NormalisedStory {
  const format = detectFormat(bytes, options.file);
  if (format === 'text') return normaliseStory(bytes, options);
  const messages = new Messages();
  if (format === 'epub') {
    const { story, encoding } = readEpub(bytes, options.file, messages);
    messages.info('reader', `read as ${describe(story.reader)}: ${story.chapters.length} chapter(s), ${story.notes.length} note(s)`, options.file);
    return writeSourceStory(story, options, encoding, messages);
  }
  const { text, encoding } = decodeHtml(bytes, options.file);
  const story = readHtml(text, options.file, messages);
  messages.info('reader', `read as ${describe(story.reader)}: ${story.chapters.length} chapter(s), ${story.notes.length} note(s)`, options.file);
  return writeSourceStory(story, options, encoding, messages);
}

function describe(reader: string): string {
  switch (reader) {
    case 'ao3-html':
      return 'an AO3 HTML download';
    case 'ao3-epub':
      return 'an AO3 EPUB download';
    case 'fanficfare-epub':
      return 'a FanFicFare EPUB';
    case 'fanficfare-html':
      return 'a FanFicFare HTML download';
    case 'epub':
      return 'an EPUB';
    default:
      return 'a web page';
  }
}
