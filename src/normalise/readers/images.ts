// Images in a download: quire never uses the network, so an image that is not inside the file becomes a placeholder
// (its alt text) with a warning naming the file and the address.
import type { Messages } from '../../common/diagnostics.js';
import type { SourceBlock } from './types.js';

/** A placeholder for an image the file only points to. */
export function remoteImage(src: string, alt: string, file: string, line: number, messages: Messages): SourceBlock {
  const where = src.length > 200 ? `${src.slice(0, 197)}…` : src;
  messages.warn('image', `the image ${where || '(no address)'} is not inside the file and quire never fetches anything: a placeholder${alt ? ` with its alt text "${alt}"` : ''} stands in its place`, file, line);
  return { kind: 'image', alt, src, line };
}

export interface EpubImageContext {
  /** The document the reference stands in (paths are relative to it). */
  from: string;
  /** Is this entry in the archive? */
  has: (name: string) => boolean;
  file: string;
  messages: Messages;
}

/**
 * An <img> in an EPUB: a placeholder either way (images are not carried into the book yet); the warning says
 * whether the image is inside the EPUB or only pointed to.
 */
export function epubImage(src: string, alt: string, line: number, ctx: EpubImageContext): SourceBlock {
  const name = resolveHref(ctx.from, src);
  if (!name || !ctx.has(name)) return remoteImage(src, alt, ctx.file, line, ctx.messages);
  ctx.messages.warn('image', `the image ${name} inside the EPUB is not carried into the book: a placeholder${alt ? ` with its alt text "${alt}"` : ''} stands in its place`, ctx.file, line);
  return { kind: 'image', alt, src: name, line };
}

/** The archive path a reference in document `from` points to; undefined for a URL or a path that leaves the archive. */
export function resolveHref(from: string, href: string): string | undefined {
  const clean = href.split('#')[0]!.split('?')[0]!;
  if (!clean || /^[a-z][a-z0-9+.-]*:/i.test(clean) || clean.startsWith('/')) return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const part of decodeURIComponentSafe(clean).split('/')) {
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
