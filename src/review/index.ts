// The review page (`<book>.review.html`): one self-contained HTML file showing every decision the build made about every story, beside its source, with the config line that reverses it.
import type { RemovedItem } from '../normalise/types.js';
import type { StoryReport } from '../pipeline/report.js';
import { decisionsOf, type Decision } from './decisions.js';
import { downloadHtml } from './download.js';
import { esc, num } from './html.js';
import { ParagraphIndex } from './reverse.js';
import { sourceHtml } from './source.js';
import { CSS, SCRIPT } from './style.js';
import type { ReviewInput, ReviewStory } from './types.js';

export type { ReviewInput, ReviewStory } from './types.js';

/**
 * The whole page. `bodies` are the stories' sections below their facts (`storyBodies`, in the order of the stories
 * and then the skipped ones): they need nothing the renderers find, so a build makes them while it waits for those.
 */
export function reviewPage(input: ReviewInput, bodies: readonly string[] = storyBodies({ stories: [...input.stories, ...input.skipped], ...(input.config && { config: input.config }) })): string {
  const { report } = input;
  const title = `What quire changed: ${report.book.title}`;
  const parts: string[] = [
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n`,
    `<header><h1>${esc(title)}</h1>\n<p>Every story of the book, line by line as in its source file, with each decision quire made about it: what it took out of the story (author's notes, disclaimers, site metadata, boilerplate, title lines), the scene breaks and headings it found, the lines it joined into paragraphs, and what it repaired. Beside each decision is the config line that reverses it.</p>\n`,
    howTo(input),
    legend(),
    '</header>\n<main>\n',
    summaryTable(input),
  ];
  if (input.skipped.length > 0) parts.push(`<h2>Skipped</h2>\n<ul>${input.skipped.map((s) => `<li><a href="#${esc(s.report.id)}">${esc(s.report.source)}</a>: ${esc(s.skipped!)}</li>`).join('')}</ul>\n`);
  for (const [i, story] of [...input.stories, ...input.skipped].entries()) parts.push(storyHead(story, input.config), bodies[i]!, '</section>\n');
  parts.push(`</main>\n<script>${SCRIPT}</script>\n</body>\n</html>\n`);
  return parts.join('');
}

function howTo(input: ReviewInput): string {
  const where = input.config
    ? `Copy a config line under its story in <code>${esc(input.config)}</code> (the entry that starts <code>- source: …</code>), then build again; if the story already has that key, add the entry to its list. An entry is the start of a paragraph's text (case, punctuation and spacing do not matter) or a source line number.`
    : 'This book was built from story files without a config. To correct a decision, write a config (see the README, "Config reference") that lists the stories, put the config line under its story, and build with <code>-c</code>.';
  return `<p>${where} Click any line for the lines that make its paragraph paratext, a heading, a scene break or story text.</p>\n`;
}

function legend(): string {
  const items: Array<[string, string]> = [
    ['−', "left the story text: an author's note (moved to the notes), a disclaimer (moved to the notices), site metadata, boilerplate or a title line (removed, or taken as the title or author)"],
    ['#', 'a chapter or part heading (its level says which)'],
    ['⁂', 'a scene break'],
    ['~', 'repaired: mojibake, another encoding, control characters, composed accents'],
    ['+', 'kept as story text because the config says so'],
    ['│', 'a bar at the left joins the lines that became one paragraph (unwrapped)'],
  ];
  return `<p>After a line's number:</p><ul class="legend">${items.map(([sign, what]) => `<li><span class="sign">${sign}</span> ${esc(what)}</li>`).join('')}<li>Lines with no decision are folded: “Lines 12–340 … (show)” opens them.</li></ul>\n`;
}

/** Counts of removed and moved items by kind. */
function counts(removed: readonly RemovedItem[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const r of removed) if (r.action !== 'converted') c[r.kind] = (c[r.kind] ?? 0) + 1;
  return c;
}

function auditCell(audit: StoryReport['audit']): string {
  const entries = Object.entries(audit);
  if (entries.length === 0) return 'not run';
  return entries.map(([format, a]) => (a.ok ? `<span class="ok">${format.toUpperCase()} ✓ ok</span>` : `<span class="bad">${format.toUpperCase()} ✗ failed</span>`)).join(' ');
}

function summaryTable(input: ReviewInput): string {
  const head = ['Story', 'Words', "Author's notes", 'Disclaimers', 'Site metadata', 'Boilerplate', 'Title lines', 'Scene breaks', 'Chapters', 'Repairs', 'Warnings', 'Config entries', 'Audit'];
  const rows = input.stories.map(({ report: s }) => {
    const c = counts(s.removed);
    const paragraphs = c.authorNote ?? 0;
    const cells = [
      `<a href="#${esc(s.id)}">${s.index}. ${esc(s.title)}</a><br><small>${esc(s.source)} · ${esc(s.reader === 'text' ? 'plain text' : s.reader)} · ${esc(s.encoding)}</small>`,
      num(s.words),
      `${num(s.notes)}${paragraphs > s.notes ? ` (${num(paragraphs)} ¶)` : ''}`,
      num(c.disclaimer ?? 0),
      num(c.metadata ?? 0),
      num((c.boilerplate ?? 0) + (c.emptyLine ?? 0)),
      num(c.titleLine ?? 0),
      num(s.sceneBreaks),
      num(s.chapters.length),
      num(s.repairs.length),
      num(s.warnings.length),
      num(s.overrides?.length ?? 0),
      auditCell(s.audit),
    ];
    return `<tr>${cells.map((cell, i) => (i >= 1 && i <= 11 ? `<td class="n">${cell}</td>` : `<td>${cell}</td>`)).join('')}</tr>`;
  });
  return `<h2 id="summary">Summary</h2>\n<div class="wide"><table class="summary"><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>\n`;
}

/** Rules that take lines out before paragraphs are made: what they took is no paragraph an override could name. */
const BEFORE_PARAGRAPHS = new Set(['gutenberg', 'aozora', 'contents', 'spacer']);

/** A story's heading, summary line and facts (its audit among them). */
function storyHead(story: ReviewStory, config: string | undefined): string {
  const s = story.report;
  const heading = story.skipped ? `Skipped: ${esc(s.title)}` : `${s.index}. ${esc(s.title)}`;
  const parts = [`<section class="story" id="${esc(s.id)}">\n<h2>${heading}</h2>\n<p>${esc(story.skipped ? `Not in the book: ${story.skipped}. ${s.summary}` : s.summary)}</p>\n`];
  const facts: Array<[string, string]> = [
    ['Source', esc(s.source)],
    ['Read as', esc(s.reader === 'text' ? 'plain text' : s.reader)],
    ['Encoding', esc(s.encoding)],
    ['Words', num(s.words)],
    ...(s.markdown ? [['Chapter file', esc(s.markdown)] as [string, string]] : []),
    ['Authors', esc(s.authors.join(', '))],
  ];
  if (!story.skipped) facts.push(['Audit', auditCell(s.audit)]);
  if (config) facts.push(['In the config', `under <code>- source: ${esc(story.configSource)}</code> in <code>${esc(config)}</code>`]);
  parts.push(`<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>\n`);
  return parts.join('');
}

/** Each story's section below its facts: repairs to the whole file, warnings, and its source line by line with every decision (or a download's account). */
export function storyBodies({ stories, config }: { stories: readonly ReviewStory[]; config?: string }): string[] {
  return stories.map((story) => storyBody(story, config));
}

function storyBody(story: ReviewStory, config: string | undefined): string {
  const s = story.report;
  const parts: string[] = [];
  const storyWide = s.repairs.filter((r) => r.line === undefined);
  if (storyWide.length > 0) parts.push(`<p>Repairs to the whole file: ${storyWide.map((r) => esc(`${r.before} → ${r.after || 'removed'}`)).join('; ')}.</p>\n`);
  if (s.warnings.length > 0) parts.push(`<h3>Warnings</h3>\n<ul>${s.warnings.map((w) => `<li>${esc(w.file ?? s.source)}${w.line ? `:${w.line}` : ''}: ${esc(w.reason)}</li>`).join('')}</ul>\n`);
  if (story.source) {
    const lines = story.source.text.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    const index = new ParagraphIndex(lines, story.source.joined, s.removed.filter((r) => BEFORE_PARAGRAPHS.has(r.rule)));
    const decisions: Decision[] = decisionsOf(story, index, config);
    parts.push(`<h3>The source, line by line (${num(decisions.length)} decision${decisions.length === 1 ? '' : 's'})</h3>\n<div class="src">${sourceHtml(lines, story.source.joined, decisions, s.id, config)}</div>\n`);
  } else if (s.structure) parts.push(downloadHtml(story, config));
  else parts.push('<p>An edited chapter file: built as it is written, nothing was decided about it.</p>\n');
  return parts.join('');
}
