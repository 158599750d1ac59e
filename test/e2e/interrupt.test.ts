// Ctrl-C during a build: the process ends within a second, by the signal (a shell sees 130), previous outputs stay intact and no temporary file is left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, ROOT, tempDir } from './helpers.ts';

test('SIGINT mid-build ends quire within a second, leaving the previous outputs and no .quire-tmp files', async () => {
  const dir = tempDir('quire-int-');
  const words = ['the', 'harbour', 'lights', 'came', 'on', 'one', 'by', 'one'];
  const paragraphs = Array.from({ length: 4000 }, (_, p) => Array.from({ length: 120 }, (_, i) => words[(i + p) % words.length]).join(' ') + '.');
  writeFileSync(path.join(dir, 'big.txt'), paragraphs.join('\n\n'));
  const out = tempDir('quire-int-out-');
  writeFileSync(path.join(out, 'big.epub'), 'previous epub');
  writeFileSync(path.join(out, 'big.pdf'), 'previous pdf');
  const started = fileAppears(out, '.quire-tmp-');
  const child = spawn(process.execPath, [CLI, 'build', path.join(dir, 'big.txt'), '--title', 'Big', '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  // Press Ctrl-C once the build is under way, a little after it has probed the output folder (by then its signal
  // handler is installed; a fixed wait once sent the signal too early on a loaded machine).
  await started.seen;
  started.close();
  await new Promise((r) => setTimeout(r, 300));
  const sent = performance.now();
  child.kill('SIGINT');
  const { code, signal } = await closed;
  const ms = performance.now() - sent;
  assert.notEqual(code, 0, 'the build finished before the interrupt: make the input larger');
  // In the middle of its work quire does not catch the signal (a caught one waits for the computation running), so
  // the signal ends it; while it writes its temporaries it removes them first and ends by the same signal.
  assert.ok(signal === 'SIGINT' || code === 130, `ended by ${signal ?? `exit ${code}`}: ${stderr}`);
  assert.ok(ms < 1000, `ended ${Math.round(ms)} ms after the signal`);
  assert.deepEqual(readdirSync(out).sort(), ['big.epub', 'big.pdf']);
  assert.equal(readFileSync(path.join(out, 'big.epub'), 'utf8'), 'previous epub');
  assert.equal(readFileSync(path.join(out, 'big.pdf'), 'utf8'), 'previous pdf');
});

/**
 * Resolves when a file named `prefix…` appears in `dir` (inotify sees it even if it goes again at once), or after
 * 30 s (the assertions then say what happened).
 */
function fileAppears(dir: string, prefix: string): { seen: Promise<void>; close(): void } {
  let close = (): void => undefined;
  const seen = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 30_000);
    const watcher = watch(dir, (_event, name) => {
      if (name?.startsWith(prefix)) resolve();
    });
    close = () => {
      clearTimeout(timer);
      watcher.close();
    };
  });
  return { seen, close };
}
