// Reads a built EPUB back: each story's visible body text (no opener, no notes), for the lossless audit.
import { Parser } from 'htmlparser2';
import { zipEntries, zipEntryData } from '../../normalise/ingest/zip.js';

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'div', 'section', 'ul', 'ol', 'hr']);

/** Notes and note links are not story text. */
function skipped(name: string, attribs: Record<string, string>): boolean {
  const type = attribs['epub:type'] ?? '';
  const cls = ` ${attribs.class ?? ''} `;
  return name === 'aside' || /\bnoteref\b|\bfootnote\b|\bendnote\b/.test(type) || cls.includes(' note-link ');
}

/**
 * Where the text of an open element's children goes: `none` outside a story section, `section` inside one but
 * outside its story text, `collect` story text (children's text kept), `list` a list's items (its own text,
 * the markup's newlines between <li> tags, is not kept), `skip` a note or a <br>'s inside.
 */
interface Frame {
  kind: 'none' | 'section' | 'collect' | 'list' | 'skip';
  inItem: boolean;
  /** Written when the element closes. */
  close: string;
  /** The story this element starts (its text is finished when it closes). */
  storyId?: string;
}

/**
 * Visible text of the story sections in one XHTML document, in reading order: blocks separated by blank lines,
 * list items by single newlines (as blocksText does). Story sections are the outermost elements with a
 * `data-story` attribute; their text is in the outermost `story-text` elements inside them.
 */
function storyTexts(xml: string, texts: Map<string, string>): void {
  const stack: Frame[] = [];
  let parts: string[] = [];
  let cdata = 0;
  const top = (): Frame | undefined => stack[stack.length - 1];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const parent = top();
        const kind = parent?.kind ?? 'none';
        if (kind === 'skip') stack.push({ kind: 'skip', inItem: false, close: '' });
        else if (kind === 'none') {
          const storyId = attribs['data-story'];
          if (storyId === undefined) stack.push({ kind: 'none', inItem: false, close: '' });
          else {
            parts = [];
            stack.push({ kind: 'section', inItem: false, close: '', storyId });
          }
        } else if (kind === 'section') {
          stack.push({ kind: ` ${attribs.class ?? ''} `.includes(' story-text ') ? 'collect' : 'section', inItem: false, close: '' });
        } else {
          const inItem = kind === 'list' ? false : parent!.inItem;
          if (skipped(name, attribs)) stack.push({ kind: 'skip', inItem: false, close: '' });
          else if (name === 'br') {
            parts.push('\n');
            stack.push({ kind: 'skip', inItem: false, close: '' });
          } else if ((name === 'ul' || name === 'ol') && !inItem) {
            parts.push('\n\n');
            stack.push({ kind: 'list', inItem: false, close: '\n\n' });
          } else if (name === 'li') stack.push({ kind: 'collect', inItem: true, close: '\n' });
          else {
            const block = BLOCK_TAGS.has(name) && !inItem;
            if (block) parts.push('\n\n');
            stack.push({ kind: 'collect', inItem, close: block ? '\n\n' : '' });
          }
        }
      },
      ontext(data) {
        if (cdata === 0 && top()?.kind === 'collect') parts.push(data);
      },
      oncdatastart() {
        cdata++;
      },
      oncdataend() {
        cdata--;
      },
      onclosetag() {
        const frame = stack.pop();
        if (!frame) return;
        if (frame.close) parts.push(frame.close);
        if (frame.storyId !== undefined) texts.set(frame.storyId, tidy(parts.join('')));
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
}

/** Paragraphs separated by one blank line, runs of spaces and tabs made one space, spacing around line breaks dropped. */
function tidy(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => p.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** Visible text of every story, keyed by the model's story id, paragraphs separated by blank lines. */
export async function epubPlainText(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const texts = new Map<string, string>();
  const entries = zipEntries(zip)
    .filter((e) => e.name.endsWith('.xhtml'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const xml = zipEntryData(zip, entry).toString('utf8');
    if (!xml.includes('data-story=')) continue;
    storyTexts(xml, texts);
  }
  return texts;
}
