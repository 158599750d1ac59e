// Small contracts of a careful command line: a closed pipe ends quire quietly; `npm run build` leaves nothing stale in lib/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, ROOT, tempDir } from './helpers.ts';

test('a reader that closes the pipe (quire build … | head -1; here `| true`, closed before quire writes) ends quire quietly: no EPIPE, no stack trace, exit 0', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'a.txt'), 'The lights came on one by one.\n');
  const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" build a.txt --title Pipe --formats epub 2>err.txt | true; echo "\${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1763683200' } });
  assert.equal(r.stdout.trim(), '0', `quire's exit status; stderr:\n${readFileSync(path.join(dir, 'err.txt'), 'utf8')}`);
  assert.equal(readFileSync(path.join(dir, 'err.txt'), 'utf8'), '');
  assert.ok(existsSync(path.join(dir, 'dist', 'pipe.epub')), 'the build still finished');
});

test('npm run build empties lib/ first: a module whose source was deleted or moved does not live on', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.match(pkg.scripts.build!, /^node scripts\/clean-lib\.mjs && tsc /);
  // The script itself, in a copy of the project's layout (never the real lib/, which other tests use).
  const root = tempDir();
  mkdirSync(path.join(root, 'scripts'));
  for (const f of ['clean-lib.mjs', 'build-stamp.mjs']) cpSync(path.join(ROOT, 'scripts', f), path.join(root, 'scripts', f));
  mkdirSync(path.join(root, 'lib', 'ingest'), { recursive: true });
  writeFileSync(path.join(root, 'lib', 'ingest', 'moved-away.js'), 'export {};\n');
  writeFileSync(path.join(root, 'lib', '.build-stamp'), 'old\n');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'clean-lib.mjs')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(existsSync(path.join(root, 'lib')), false);
});

test('outputs never replace inputs: chapters rebuilt into their own folder are refused; stale chapters quire wrote go, edited and user files stay', () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'harbour.txt'), 'The lights came on one by one.\n');
  writeFileSync(path.join(dir, 'night.txt'), 'It was a long night.\n\nMorning came.\n');
  const build = (...args: string[]) => spawnSync(process.execPath, [CLI, 'build', ...args, '--title', 'T', '--formats', 'epub', '--out', 'out'], { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1763683200' } });
  const chapters = () => readdirSync(path.join(dir, 'out', 'markdown')).sort();
  assert.equal(build('harbour.txt', 'night.txt').status, 0);
  assert.deepEqual(chapters(), ['.quire-chapters.json', '01-harbour.md', '02-night.md']);
  // Edited chapters built back into the same folder would be rewritten by the build: refused, naming both.
  const first = path.join(dir, 'out', 'markdown', '01-harbour.md');
  writeFileSync(first, readFileSync(first, 'utf8').replace('one by one', 'all at once'));
  const edited = readFileSync(first);
  const again = build('out/markdown/01-harbour.md', 'out/markdown/02-night.md');
  assert.equal(again.status, 1, again.stderr);
  assert.match(again.stderr, /^quire: .*out\/markdown\/01-harbour\.md.*would replace.*01-harbour\.md/);
  assert.ok(readFileSync(first).equals(edited), 'the edited chapter is as it was');
  // Reordered: the chapter files quire wrote and nobody edited go; the edited one and a user's own file stay.
  writeFileSync(path.join(dir, 'out', 'markdown', 'my-notes.md'), 'mine\n');
  const reordered = build('night.txt', 'harbour.txt');
  assert.equal(reordered.status, 0, reordered.stderr);
  assert.deepEqual(chapters(), ['.quire-chapters.json', '01-harbour.md', '01-night.md', '02-harbour.md', 'my-notes.md']);
  assert.ok(readFileSync(first).equals(edited));
  assert.match(reordered.stderr + reordered.stdout, /01-harbour\.md/);
});
