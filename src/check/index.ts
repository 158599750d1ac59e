// `quire check`: validates built EPUB (epubcheck) and PDF (structure, fonts, page boxes) files.
import { existsSync } from 'node:fs';
import { QuireError } from '../common/diagnostics.js';
import { runEpubcheck } from './epubcheck.js';
import { checkPdf } from './pdf.js';

export interface CheckFinding {
  severity: 'fatal' | 'error' | 'warning' | 'info';
  message: string;
  location?: string;
}

export interface CheckResult {
  file: string;
  kind: 'epub' | 'pdf';
  ok: boolean;
  findings: CheckFinding[];
}

/** Check one file by its extension. */
export async function check(file: string): Promise<CheckResult> {
  if (!existsSync(file)) throw new QuireError('no such file', { file });
  if (/\.epub$/i.test(file)) {
    const r = await runEpubcheck(file);
    const findings: CheckFinding[] = r.messages.map((m) => ({
      severity: (['fatal', 'error', 'warning'].includes(m.severity.toLowerCase()) ? m.severity.toLowerCase() : 'info') as CheckFinding['severity'],
      message: `${m.id}: ${m.message}`,
      ...(m.location && { location: m.location }),
    }));
    return { file, kind: 'epub', ok: r.fatals + r.errors + r.warnings === 0, findings };
  }
  if (/\.pdf$/i.test(file)) {
    const r = await checkPdf(file);
    return { file, kind: 'pdf', ok: r.ok, findings: r.findings.map((f) => ({ severity: f.severity, message: f.message })) };
  }
  throw new QuireError('cannot check this kind of file (give an .epub or a .pdf)', { file, kind: 'usage' });
}
