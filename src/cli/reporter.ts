// Terminal output of the CLI: progress lines on a TTY, diagnostics as `file:line: reason`, the build summary.
import { formatMessage, type Message } from '../common/diagnostics.js';
import path from 'node:path';
import type { BuildReport } from '../pipeline/report.js';
import { displayPath } from '../pipeline/stories.js';
import { groupThousands } from '../common/number-format.js';

export interface Reporter {
  progress(stage: string): void;
  done(): void;
  messages(list: Message[]): void;
  summary(report: BuildReport, files?: string[]): void;
  /** The build summary's last line: where the review page is. */
  review(report: BuildReport): void;
  line(text: string): void;
}

export function createReporter(options: { quiet: boolean; verbose: boolean }): Reporter {
  const tty = process.stderr.isTTY === true && !options.quiet;
  let pending = false;
  return {
    progress(stage) {
      if (!tty) return;
      process.stderr.write(`\r\x1b[2Kquire: ${stage}…`);
      pending = true;
    },
    done() {
      if (pending) process.stderr.write('\r\x1b[2K');
      pending = false;
    },
    messages(list) {
      if (options.quiet) return;
      for (const m of list) {
        if (m.severity === 'info' && !options.verbose) continue;
        process.stderr.write(`${formatMessage(m)}${m.severity === 'warning' ? ' [warning]' : ''}\n`);
      }
    },
    summary(report, files = []) {
      if (options.quiet) return;
      const out = process.stdout;
      out.write(`Built “${report.book.title}”: ${report.book.stories} stories, ${groupThousands(report.book.words)} words\n`);
      for (const s of report.stories) out.write(`  ${s.summary}\n`);
      for (const o of report.outputs) {
        const extra = o.sheets !== undefined ? `, ${o.sheets} sheets` : o.pages !== undefined ? `, ${o.pages} pages` : '';
        out.write(`  ${o.path}  (${formatBytes(o.bytes)}${extra})\n`);
      }
      const chapters = files.filter((f) => f.endsWith('.md'));
      const reportFile = files.find((f) => f.endsWith('.report.json'));
      if (chapters.length > 0) out.write(`  ${displayPath(path.dirname(chapters[0]!))}/  (${chapters.length} chapter${chapters.length === 1 ? '' : 's'} of markdown)\n`);
      if (reportFile) out.write(`  ${displayPath(reportFile)}  (what was found, removed, moved and counted)\n`);
      for (const s of report.skipped) out.write(`  skipped ${s.source}: ${s.reason}\n`);
      if (report.warnings.length > 0) out.write(`${report.warnings.length} warning(s); details in the report\n`);
    },
    review(report) {
      if (!options.quiet && report.review) process.stdout.write(`Review what was changed: ${report.review}\n`);
    },
    line(text) {
      if (!options.quiet) process.stdout.write(`${text}\n`);
    },
  };
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
