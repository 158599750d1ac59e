// Test helper: opens a built EPUB (JSZip) and gives its files as text, plus tiny XML queries over them.
import JSZip from 'jszip';
import { parseDocument } from 'htmlparser2';

export interface OpenedEpub {
  zip: JSZip;
  names: string[];
  text(name: string): Promise<string>;
}

export async function openEpub(bytes: Uint8Array): Promise<OpenedEpub> {
  const zip = await JSZip.loadAsync(bytes);
  return {
    zip,
    names: Object.keys(zip.files),
    text: async (name: string) => {
      const f = zip.file(name);
      if (!f) throw new Error(`no ${name} in the EPUB`);
      return f.async('string');
    },
  };
}

type Node = ReturnType<typeof parseDocument>['children'][number];
export interface El {
  name: string;
  attribs: Record<string, string>;
  children: Node[];
}

/** Every element (in document order) matching a predicate. */
export function elements(xml: string, test: (el: El) => boolean): El[] {
  const out: El[] = [];
  const walk = (nodes: Node[]): void => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const el = n as unknown as El;
      if (test(el)) out.push(el);
      walk(el.children);
    }
  };
  walk(parseDocument(xml, { xmlMode: true }).children);
  return out;
}

/** A scene break's parts: its rule (and the rule's label) and its ornament (and whether screen readers skip it). */
export function sceneBreakParts(el: El): { label?: string; ornament: string; ornamentHidden: boolean } {
  const kids = el.children.filter((c) => c.type === 'tag').map((c) => c as unknown as El);
  const rule = kids.find((k) => k.name === 'hr');
  const ornament = kids.find((k) => (k.attribs.class ?? '') === 'ornament');
  return { ...(rule?.attribs['aria-label'] && { label: rule.attribs['aria-label'] }), ornament: ornament ? textOf(ornament) : '', ornamentHidden: ornament?.attribs['aria-hidden'] === 'true' };
}

/** The decoded text content of an element. */
export function textOf(el: El): string {
  let s = '';
  for (const n of el.children) {
    if (n.type === 'text') s += (n as unknown as { data: string }).data;
    else if (n.type === 'tag') s += textOf(n as unknown as El);
  }
  return s;
}
