// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self and inclusive time per function and per file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeTable } from './table.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Hotspot {
  /** `function (file:line)`; file relative to the repository when inside it. */
  name: string;
  file: string;
  selfMs: number;
  totalMs: number;
}

function shortFile(url: string, root: string): string {
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  if (!file) return '(native)';
  const rel = path.relative(root, file);
  return rel.startsWith('..') ? file : rel;
}

/** Self and inclusive milliseconds per function (inclusive counts a function once per sampled stack). */
export function summariseProfile(profile: CpuProfile, root: string): { totalMs: number; functions: Hotspot[]; files: Hotspot[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fnKey = (n: ProfileNode): string => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'} (${shortFile(f.url, root)}:${f.lineNumber + 1})`;
  };
  const fileKey = (n: ProfileNode): string => shortFile(n.callFrame.url, root);
  const fns = new Map<string, Hotspot>();
  const files = new Map<string, Hotspot>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const seenFn = new Set<string>();
    const seenFile = new Set<string>();
    let node = byId.get(id);
    let self = true;
    while (node) {
      const k = fnKey(node);
      const fk = fileKey(node);
      const h = fns.get(k) ?? { name: k, file: fk, selfMs: 0, totalMs: 0 };
      const fh = files.get(fk) ?? { name: fk, file: fk, selfMs: 0, totalMs: 0 };
      if (self) {
        h.selfMs += ms;
        fh.selfMs += ms;
        self = false;
      }
      if (!seenFn.has(k)) (h.totalMs += ms), seenFn.add(k);
      if (!seenFile.has(fk)) (fh.totalMs += ms), seenFile.add(fk);
      fns.set(k, h);
      files.set(fk, fh);
      const p = parent.get(node.id);
      node = p === undefined ? undefined : byId.get(p);
    }
  });
  const sorted = (m: Map<string, Hotspot>) => [...m.values()].sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs, functions: sorted(fns), files: sorted(files) };
}

function main(): void {
  const [file, topArg, filter] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('Usage: tsx bench/cpuprofile.ts <file.cpuprofile> [top=30] [path-filter]\n');
    process.exitCode = 2;
    return;
  }
  const top = Number(topArg ?? 30);
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const s = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, root);
  const pct = (ms: number): string => `${((ms / s.totalMs) * 100).toFixed(1)}%`;
  const keep = (h: Hotspot): boolean => !filter || h.name.includes(filter);
  const rows = (list: Hotspot[]) => list.filter(keep).slice(0, top).map((h) => [h.name, h.selfMs.toFixed(0), pct(h.selfMs), h.totalMs.toFixed(0), pct(h.totalMs)]);
  process.stdout.write(`profile: ${s.totalMs.toFixed(0)} ms sampled\n\nBy self time (functions):\n`);
  process.stdout.write(`${pipeTable(['function', 'self ms', 'self', 'total ms', 'total'], rows(s.functions), [false, true, true, true, true])}\n\nBy inclusive time (functions):\n`);
  process.stdout.write(`${pipeTable(['function', 'self ms', 'self', 'total ms', 'total'], rows([...s.functions].sort((a, b) => b.totalMs - a.totalMs)), [false, true, true, true, true])}\n\nBy file (self):\n`);
  process.stdout.write(`${pipeTable(['file', 'self ms', 'self', 'total ms', 'total'], rows(s.files), [false, true, true, true, true])}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
