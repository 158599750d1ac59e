// An HTML file → its story: decoded (BOM, <meta charset>, else as plain text is), parsed and cleaned, then read by
// the reader its structure calls for: AO3's download, FanFicFare's HTML, or a saved web page.
import iconv from 'iconv-lite';
import { decodeBytes } from '../ingest/decode.js';
import type { Messages } from '../../common/diagnostics.js';
import { looksLikeAo3, readAo3, type ReaderInput } from './ao3.js';
import { looksLikeFanFicFareHtml, readFanFicFareHtml } from './fanficfare.js';
import { cleaningSummary, find, parseHtml, textOf, type HtmlElement } from './html-tree.js';
import { remoteImage } from './images.js';
import type { SourceStory } from './types.js';
import { readWebPage } from './web-page.js';

/** Decode HTML bytes: a BOM, else the charset its <meta> declares, else as a text story is decoded. */
export function decodeHtml(bytes: Uint8Array, file: string): { text: string; encoding: string } {
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!hasBom) {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
    const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase() ?? /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
    if (declared && !/^utf-?8$/.test(declared) && iconv.encodingExists(declared)) {
      return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), declared), encoding: declared };
    }
  }
  const decoded = decodeBytes(bytes, file);
  return { text: decoded.text, encoding: decoded.encoding };
}

/** Does this text look like an HTML document (rather than a story that happens to start with `<`)? */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.slice(0, 4096));
}

/** Parse and clean markup, saying in one warning what the cleaning dropped. */
export function parseCleaned(text: string, file: string, messages: Messages): HtmlElement {
  const parsed = parseHtml(text.normalize('NFC'));
  const summary = cleaningSummary(parsed);
  if (summary) messages.warn('html-cleaned', summary, file);
  return parsed.root;
}

export function readHtml(text: string, file: string, messages: Messages): SourceStory {
  const root = parseCleaned(text, file, messages);
  const titleEl = find(root, (el) => el.name === 'title');
  const input: ReaderInput = {
    root,
    ...(titleEl && { documentTitle: textOf(titleEl) }),
    blockOptions: { image: (src, alt, line) => remoteImage(src, alt, file, line, messages) },
    messages,
    file,
  };
  if (looksLikeAo3(root)) return readAo3(input, 'ao3-html');
  if (looksLikeFanFicFareHtml(root)) return readFanFicFareHtml(input);
  return readWebPage(input);
}
