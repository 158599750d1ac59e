// Formats benchmark summaries as aligned pipe tables (readable in a terminal and valid Markdown).
import type { CaseSummary, PandocSummary, TargetCheck } from './summary.js';

/** A Markdown pipe table with columns padded to equal width; `right` marks right-aligned columns. */
export function pipeTable(headers: string[], rows: string[][], right: boolean[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number): string => (right[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function seconds(s: number): string {
  return s.toFixed(3);
}

/** Words per second, rounded to thousands above 10k: `1.2M`, `456k`, `987`. */
export function rate(wordsPerSecond: number): string {
  if (!Number.isFinite(wordsPerSecond)) return '—';
  if (wordsPerSecond >= 1e6) return `${(wordsPerSecond / 1e6).toFixed(1)}M`;
  if (wordsPerSecond >= 1e4) return `${Math.round(wordsPerSecond / 1e3)}k`;
  return String(Math.round(wordsPerSecond));
}

export function megabytes(bytes: number | undefined): string {
  return bytes === undefined ? '' : `${Math.round(bytes / 1024 / 1024)}`;
}

/** One row per case and stage, then the totals of the case. */
export function caseTable(cases: CaseSummary[]): string {
  const rows: string[][] = [];
  for (const c of cases) {
    for (const s of c.stages) rows.push([c.name, s.stage, seconds(s.seconds), rate(s.wordsPerSecond), megabytes(s.peakRss)]);
    rows.push([c.name, 'build() total', seconds(c.buildSeconds), rate(c.wordsPerSecond), megabytes(c.peakRss)]);
    rows.push([c.name, 'process wall', seconds(c.processWallSeconds), rate(c.words / c.processWallSeconds), '']);
    if (c.cliWallSeconds !== undefined) rows.push([c.name, '`quire build` wall', seconds(c.cliWallSeconds), rate(c.words / c.cliWallSeconds), '']);
  }
  return pipeTable(['case', 'stage', 'seconds', 'words/s', 'peak RSS MB'], rows, [false, false, true, true, true]);
}

/** Words, stories, formats and runs per case. */
export function caseOverview(cases: CaseSummary[]): string {
  return pipeTable(
    ['case', 'words', 'stories', 'formats', 'runs', 'node start-up s'],
    cases.map((c) => [c.name, c.words.toLocaleString('en-US'), String(c.stories), c.formats.join('+'), String(c.runs), seconds(c.startupSeconds)]),
    [false, true, true, false, true, true],
  );
}

export function pandocTable(p: PandocSummary): string {
  return pipeTable(
    ['tool', 'what', 'seconds', 'peak RSS MB'],
    [
      [`pandoc ${p.version}`, 'normalised markdown → EPUB', seconds(p.wallSeconds), megabytes(p.peakRss)],
      ['quire', `${p.quireCase}: raw text → EPUB (${p.quireWhat ?? 'whole process'})`, seconds(p.quireSeconds), ''],
      ['ratio', 'quire / pandoc', p.ratio.toFixed(3), ''],
    ],
    [false, false, true, true],
  );
}

export function targetTable(checks: TargetCheck[]): string {
  return pipeTable(
    ['target', 'measured', 'goal', 'met'],
    checks.map((t) => [t.name, t.measured, t.target, t.ok ? 'yes' : 'NO']),
  );
}
