// An EPUB's stylesheets → which class names mean italics, bold or small caps (Calibre turns inline styles and
// tags into generated classes such as `.calibre5 { font-style: italic }`). Only simple class rules are read.
import type { Mark } from './types.js';

const RULE = /([^{}]+)\{([^{}]*)\}/g;

export function classMarksOf(stylesheets: string[]): Map<string, Mark[]> {
  const marks = new Map<string, Mark[]>();
  for (const css of stylesheets) {
    for (const m of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(RULE)) {
      const body = m[2]!.toLowerCase();
      const found: Mark[] = [];
      if (/font-style\s*:\s*(?:italic|oblique)/.test(body)) found.push('em');
      if (/font-weight\s*:\s*(?:bold|bolder|[6-9]00)/.test(body)) found.push('strong');
      if (/font-variant(?:-caps)?\s*:\s*(?:small-caps|all-small-caps)/.test(body)) found.push('smallCaps');
      if (found.length === 0) continue;
      for (const selector of m[1]!.split(',')) {
        // Only a bare class (`.name` or `tag.name`), not one that depends on where it stands.
        const simple = /^\s*[a-z0-9]*\.([\w-]+)\s*$/i.exec(selector);
        if (simple) marks.set(simple[1]!, [...new Set([...(marks.get(simple[1]!) ?? []), ...found])]);
      }
    }
  }
  return marks;
}
