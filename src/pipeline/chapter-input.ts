// Edited chapter markdown as a story source: `quire build dist/markdown/*.md` rebuilds from the intermediate.
import { wordTally } from '../audit/index.js';
import { QuireError } from '../common/diagnostics.js';
import { parseChapter } from '../model/parse.js';
import { blocksText } from '../model/types.js';
import type { NormalisedStory, NormaliseOptions } from '../normalise/types.js';

/** A source is chapter markdown (not raw text) when it is a `.md` file. */
export function isChapterMarkdown(file: string): boolean {
  return /\.(md|markdown)$/i.test(file);
}

/**
 * Take a chapter file as it is (no normalising): re-prefix its note ids for this place in the book,
 * let the config's title/author/summary win over its front matter, and count its words for the audit.
 */
export function chapterAsNormalised(bytes: Uint8Array, options: NormaliseOptions): NormalisedStory {
  const overrides = options.overrides && Object.entries(options.overrides.entries)[0];
  if (overrides) {
    const [key, [first]] = overrides;
    throw new QuireError(`${options.overrides!.at}.${key}: ${options.file} is a chapter file, which is built as it is written (nothing is decided to override); edit it instead`, { file: options.overrides!.config, ...(first?.line !== undefined && { line: first.line }) });
  }
  let markdown = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/^---\n/.test(markdown)) {
    throw new QuireError('a .md story must be a quire chapter file with YAML front matter (--- title: … ---); give raw text as .txt', { file: options.file, line: 1 });
  }
  markdown = reprefixNotes(markdown, options.idPrefix);
  const parsed = parseChapter(markdown, options.file, options.idPrefix);
  const text = blocksText(parsed.blocks);
  const frontMatter = { ...parsed.frontMatter, ...(options.title && { title: options.title }), ...(options.authors && { author: options.authors }), ...(!options.authors && parsed.frontMatter.author.length === 0 && options.fallbackAuthors && { author: options.fallbackAuthors }), ...(options.summary && { summary: options.summary }) };
  return {
    markdown: replaceFrontMatterTitle(markdown, frontMatter.title, frontMatter.author, frontMatter.summary),
    frontMatter,
    encoding: 'utf-8',
    removed: [],
    repairs: [],
    sceneBreaks: parsed.blocks.filter((b) => b.type === 'sceneBreak').length,
    headings: parsed.chapters.map((c) => ({ text: c.title, level: c.level, line: parsed.blocks.find((b) => b.type === 'heading' && b.id === c.id)?.line ?? 0 })),
    ...wordTally(text),
    wordText: text,
    messages: [],
  };
}

/** `[^s02-n1]` and `id: s02-n1` → `[^s05-n1]` / `id: s05-n1` so ids stay unique wherever the chapter lands. */
function reprefixNotes(markdown: string, prefix: string): string {
  const labels = new Set<string>();
  for (const m of markdown.matchAll(/\[\^([^\]\s]+)\]/g)) labels.add(m[1]!);
  let out = markdown;
  for (const label of labels) {
    if (label.startsWith(`${prefix}-`)) continue;
    const fresh = `${prefix}-${label.replace(/^s\d+-/, '')}`;
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`\\[\\^${escaped}\\]`, 'g'), `[^${fresh}]`).replace(new RegExp(`(\\bid:\\s*["']?)${escaped}(?=["']?\\s*[,}\\n])`, 'g'), `$1${fresh}`);
  }
  return out;
}

/** Write the winning title/author/summary back into the front matter so the output chapter file says what the book shows. */
function replaceFrontMatterTitle(markdown: string, title: string, authors: string[], summary?: string): string {
  const end = markdown.indexOf('\n---', 4);
  if (end < 0) return markdown;
  let head = markdown.slice(0, end);
  const yamlString = (s: string): string => JSON.stringify(s);
  head = head.replace(/^title:.*$/m, `title: ${yamlString(title)}`);
  head = head.replace(/^author:(?:.*)(?:\n[ \t]+-.*)*/m, `author:\n${authors.map((a) => `  - ${yamlString(a)}`).join('\n')}`);
  if (summary !== undefined) head = /^summary:/m.test(head) ? head.replace(/^summary:.*$/m, `summary: ${yamlString(summary)}`) : `${head}\nsummary: ${yamlString(summary)}`;
  return head + markdown.slice(end);
}
