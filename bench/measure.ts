// Runs a command as a child process and measures its wall time and (by polling /proc) its peak RSS.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Measured {
  code: number | null;
  signal: NodeJS.Signals | null;
  wallSeconds: number;
  /** Peak resident set size in bytes (VmHWM polled from /proc; undefined where /proc is missing). */
  peakRss?: number;
  stdout: string;
  stderr: string;
}

/** VmHWM (peak RSS) of a live process in bytes, from /proc/<pid>/status. */
export function readPeakRss(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Run `command args…`, resolving when it exits (never rejects on a non-zero exit; check `code`). */
export function runMeasured(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; pollMs?: number; timeoutMs?: number } = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      const now = readPeakRss(child.pid);
      if (now !== undefined) peak = Math.max(peak ?? 0, now);
    }, options.pollMs ?? 50);
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('error', (error) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve({ code, signal, wallSeconds, ...(peak !== undefined && { peakRss: peak }), stdout, stderr });
    });
  });
}

/** True when `command` can be run (found on PATH). */
export async function onPath(command: string): Promise<boolean> {
  try {
    const r = await runMeasured(command, ['--version'], { timeoutMs: 10_000 });
    return r.code === 0;
  } catch {
    return false;
  }
}
