// Reads a built EPUB back: each story's visible body text (no opener, no notes), for the lossless audit.
import JSZip from 'jszip';
import { parseDocument } from 'htmlparser2';

type ChildNode = ReturnType<typeof parseDocument>['children'][number];
interface Element {
  type: string;
  name: string;
  attribs: Record<string, string>;
  children: ChildNode[];
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'div', 'section', 'ul', 'ol', 'hr']);

function isElement(node: ChildNode): node is ChildNode & Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Notes and note links are not story text. */
function skipped(el: Element): boolean {
  const type = el.attribs['epub:type'] ?? '';
  const cls = ` ${el.attribs.class ?? ''} `;
  return el.name === 'aside' || /\bnoteref\b|\bfootnote\b|\bendnote\b/.test(type) || cls.includes(' note-link ');
}

/** Text in reading order: blocks separated by blank lines, list items by single newlines (as blocksText does). */
function collect(nodes: ChildNode[], out: string[], inItem = false): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push((node as unknown as { data: string }).data);
    else if (isElement(node)) {
      if (skipped(node)) continue;
      if (node.name === 'br') {
        out.push('\n');
        continue;
      }
      if ((node.name === 'ul' || node.name === 'ol') && !inItem) {
        // Only the items: the newlines between <li> tags in the markup are not text.
        out.push('\n\n');
        collect(node.children.filter(isElement), out);
        out.push('\n\n');
        continue;
      }
      if (node.name === 'li') {
        collect(node.children, out, true);
        out.push('\n');
        continue;
      }
      const block = BLOCK_TAGS.has(node.name) && !inItem;
      if (block) out.push('\n\n');
      collect(node.children, out, inItem);
      if (block) out.push('\n\n');
    }
  }
}

function findAll(nodes: ChildNode[], test: (el: Element) => boolean, out: Element[] = []): Element[] {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (test(node)) out.push(node);
    else findAll(node.children, test, out);
  }
  return out;
}

/** Visible text of every story, keyed by the model's story id, paragraphs separated by blank lines. */
export async function epubPlainText(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const texts = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xhtml')).sort()) {
    const xml = await zip.file(name)!.async('string');
    if (!xml.includes('data-story=')) continue;
    const doc = parseDocument(xml, { xmlMode: true, decodeEntities: true });
    for (const section of findAll(doc.children, (el) => el.attribs['data-story'] !== undefined)) {
      const storyId = section.attribs['data-story']!;
      const parts: string[] = [];
      for (const body of findAll(section.children, (el) => ` ${el.attribs.class ?? ''} `.includes(' story-text '))) collect(body.children, parts);
      const text = parts
        .join('')
        .split(/\n{2,}/)
        .map((p) => p.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim())
        .filter(Boolean)
        .join('\n\n');
      texts.set(storyId, text);
    }
  }
  return texts;
}
