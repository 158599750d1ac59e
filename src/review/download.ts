// A download's section on the review page: what its reader took from the file's structure, and each item it took out of the story or moved, with the config line that reverses it.
import type { StoryMeta } from '../normalise/types.js';
import { configWhere, labelOf, type Decision } from './decisions.js';
import { esc, num } from './html.js';
import { configLine } from './reverse.js';
import { annotation } from './source.js';
import type { ReviewStory } from './types.js';

const META_LABEL: Array<[keyof StoryMeta, string]> = [
  ['rating', 'Rating'],
  ['warnings', 'Warnings'],
  ['categories', 'Categories'],
  ['fandoms', 'Fandoms'],
  ['relationships', 'Relationships'],
  ['characters', 'Characters'],
  ['tags', 'Tags'],
  ['language', 'Language'],
  ['series', 'Series'],
  ['collections', 'Collections'],
  ['published', 'Published'],
  ['updated', 'Updated'],
  ['completed', 'Completed'],
  ['status', 'Status'],
  ['words', 'Words (stated)'],
  ['chapterCount', 'Chapters (stated)'],
  ['url', 'Address'],
  ['site', 'Site'],
];

/** The reader's account (title, authors, summary, tags, chapters, notes with their chapter) and the items it took out. */
export function downloadHtml(story: ReviewStory, config: string | undefined): string {
  const s = story.report;
  const r = s.structure!;
  const rows: Array<[string, string]> = [];
  if (r.title) rows.push(['Title', esc(r.title)]);
  if (r.authors.length) rows.push(['Authors', esc(r.authors.join(', '))]);
  if (r.summary) rows.push(['Summary', esc(r.summary)]);
  for (const [key, label] of META_LABEL) {
    const v = r.meta[key];
    if (v !== undefined && !(Array.isArray(v) && v.length === 0)) rows.push([label, esc(Array.isArray(v) ? v.join(', ') : String(v))]);
  }
  if (r.chapters.length) rows.push(['Chapters', `<ol>${r.chapters.map((c) => `<li>${esc(c)}</li>`).join('')}</ol>`]);
  if (r.notes.length) rows.push(['Notes', `<ul>${r.notes.map((n) => `<li>${esc(n.kind)}${n.chapter ? ` of “${esc(n.chapter)}”` : ''}: ${num(n.words)} words</li>`).join('')}</ul>`]);
  if (r.images.length) rows.push(['Images', `<ul>${r.images.map((i) => `<li>${esc(i.alt || '(no alt text)')} — ${esc(i.src)}${i.carried ? '' : ' (not carried into the book: a placeholder stands in its place)'}</li>`).join('')}</ul>`]);
  const parts = [`<h3>What the ${esc(r.name)} reader took from the file's structure</h3>\n<table class="account"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>\n`];
  const overrides = s.overrides ?? [];
  const items = s.removed.map((item, i): string => {
    const { kind, label } = labelOf(item);
    const by = overrides.find((o) => o.lines.includes(item.line));
    const reverse = by ? configWhere(by) : item.kind === 'authorNote' ? { line: configLine('keep', item.line) } : undefined;
    const d: Decision = { kind, first: item.line, last: item.line, label: `${label} (line ${num(item.line)} of the file)`, rule: item.rule, evidence: item.evidence, text: item.text, ...(reverse && { reverse }), removes: item.action !== 'converted' };
    return `<li>${annotation(d, `${s.id}-d${i + 1}`, config)}</li>`;
  });
  // What the config decided that took nothing out: kept notes, paragraphs made headings or breaks.
  const made = { keep: ['kept', 'kept as story text'], headings: ['heading', 'made a heading'], breaks: ['break', 'made a scene break'] } as const;
  const kept = overrides.flatMap((o) => {
    if (o.key === 'paratext') return [];
    const [kind, what] = made[o.key];
    return o.lines.map((line) => `<li>${annotation({ kind, first: line, last: line, label: `Line ${num(line)} of the file: ${what}`, rule: 'config', evidence: 'decided by the config', reverse: configWhere(o), removes: false }, `${s.id}-k${line}`, config)}</li>`);
  });
  parts.push(`<h3>Taken out, moved or converted (${num(items.length)})</h3>\n<ul class="items">${items.join('\n')}${kept.join('\n')}</ul>\n`);
  return parts.join('');
}
