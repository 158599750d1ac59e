// The `quire` bin is a bundle (scripts/bundle-cli.mjs): it builds exactly what the sources build, finds its templates and version, and starts its worker threads from their bundled entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { brotliCompressSync } from 'node:zlib';
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { Pool } from '../../src/parallel/pool.ts';
import { TASKS } from '../../src/pipeline/tasks.ts';
import { CLI, quire, ROOT, SOURCE_CLI, tempDir } from './helpers.ts';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!name.isFile() || name.name.endsWith('.report.json')) continue;
    const full = path.join(name.parentPath, name.name);
    out.set(path.relative(dir, full), readFileSync(full));
  }
  return out;
}

test('package.json names the bundle as the quire bin, and it knows its version', () => {
  assert.equal(path.join(ROOT, pkg.bin.quire!), CLI);
  const r = quire(['--version']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), pkg.version);
});

test('the bundle and the sources build byte-identical books, with worker threads or without', () => {
  // QUIRE_WORKERS=all sends even the seeds' jobs to worker threads (their entry bundled too, in lib/cli/).
  for (const env of [{}, { QUIRE_WORKERS: 'all' }]) {
    const bundled = tempDir('quire-bundle-');
    const unbundled = tempDir('quire-sources-');
    const a = quire(['build', '-q', '--out', bundled], { env });
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, '', 'nothing on stdout with -q (not even the per-story lines)');
    const b = quire(['build', '-q', '--out', unbundled], { env, node: SOURCE_CLI });
    assert.equal(b.code, 0, b.stderr);
    const built = files(bundled);
    assert.deepEqual([...built.keys()].sort(), [...files(unbundled).keys()].sort());
    for (const [name, bytes] of files(unbundled)) assert.ok(bytes.equals(built.get(name)!), `${name} differs`);
    const timings = JSON.parse(readFileSync(path.join(bundled, 'four-words.report.json'), 'utf8')).timings as Record<string, number>;
    if (Object.keys(env).length > 0) assert.ok('worker:epub' in timings && 'worker:layout' in timings, `the workers ran: ${Object.keys(timings).join(' ')}`);
  }
});

test('the bundle leaves out what quire never uses, and loads pdfkit and fontkit only when needed', () => {
  const chunks = path.join(ROOT, 'lib/cli/chunks');
  const bundle = [CLI, ...readdirSync(chunks).map((f) => path.join(chunks, f))].map((f) => readFileSync(f, 'utf8'));
  assert.ok(bundle[0]!.startsWith('#!/usr/bin/env node\n// quire command line, bundled by scripts/bundle-cli.mjs'));
  // epub-gen-memory gets its browser validation and fetcher.
  assert.ok(!bundle.some((b) => b.includes('node_modules/node-fetch/')), 'node-fetch is bundled');
  assert.ok(!bundle.some((b) => b.includes('node_modules/ow/')), 'ow is bundled');
  assert.ok(bundle.some((b) => b.includes('node_modules/epub-gen-memory/dist/lib/util/predicates-nop.js')));
  // Nothing the entry imports statically (itself and its shared chunks) imports a package or holds pdfkit or
  // fontkit: they come with the chunks loaded when they are needed.
  const packages: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^import (?:[^'"]*? from )?"([^"]+)";$/gm)) {
      if (m[1]!.startsWith('.')) walk(path.resolve(path.dirname(file), m[1]!));
      else if (!isBuiltin(m[1]!)) packages.push(m[1]!);
    }
  };
  walk(CLI);
  assert.ok(seen.size > 1, 'the entry imports its shared chunks');
  assert.deepEqual(packages, []);
  for (const file of seen) assert.doesNotMatch(readFileSync(file, 'utf8'), /^\/\/ node_modules\/(pdfkit|fontkit)\//m, file);
});

test('the bundle prints the same help as the sources, in English and in the language the environment asks for', () => {
  for (const env of [{}, { LANG: 'de_DE.UTF-8' }]) {
    for (const args of [['--help'], ['build', '--help'], ['normalise', '--help'], ['check', '--help']]) {
      const bundled = quire(args, { env });
      const sources = quire(args, { env, node: SOURCE_CLI });
      assert.equal(bundled.code, 0, bundled.stderr);
      assert.equal(bundled.stdout, sources.stdout, `${args.join(' ')} ${JSON.stringify(env)}`);
    }
  }
  assert.match(quire(['build', '--help'], { env: { LANG: 'de_DE.UTF-8' } }).stdout, /Optionen:/);
});

test('the lazy stand-ins the bundle uses for brotli and AES do what the real modules do', async () => {
  const { default: decompress } = (await import(path.join(ROOT, 'scripts/lazy/brotli-decompress.mjs'))) as { default: (b: Uint8Array, n?: number) => Uint8Array };
  const text = Buffer.from('a WOFF2 font is brotli-compressed; '.repeat(50));
  assert.ok(Buffer.from(decompress(brotliCompressSync(text), text.length)).equals(text));
  const lazy = (await import(path.join(ROOT, 'scripts/lazy/noble-aes.mjs'))) as typeof import('@noble/ciphers/aes');
  const real = createRequire(import.meta.resolve('pdfkit'))('@noble/ciphers/aes') as typeof import('@noble/ciphers/aes');
  const key = new Uint8Array(16).fill(7);
  const iv = new Uint8Array(16).fill(3);
  const data = new TextEncoder().encode('an encrypted PDF string');
  assert.deepEqual(lazy.cbc(key, iv).encrypt(data), real.cbc(key, iv).encrypt(data));
  assert.deepEqual(lazy.ecb(key, { disablePadding: true }).encrypt(new Uint8Array(16).fill(1)), real.ecb(key, { disablePadding: true }).encrypt(new Uint8Array(16).fill(1)));
});

test('the lazy string-width stand-in measures every text as string-width does, loading it only for text beyond printable ASCII', async () => {
  // Bundled as the bundle bundles it: esbuild evaluates the real module at the stand-in's first require().
  const file = path.join(tempDir('quire-string-width-'), 'string-width.mjs');
  await esbuild({ entryPoints: [path.join(ROOT, 'scripts/lazy/string-width.mjs')], outfile: file, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  // string-width builds its segmenter when it loads: counted here.
  const Segmenter = Intl.Segmenter;
  let built = 0;
  Intl.Segmenter = class extends Segmenter {
    constructor(...args: ConstructorParameters<typeof Segmenter>) {
      super(...args);
      built++;
    }
  };
  try {
    const lazy = ((await import(file)) as { default: (s: unknown, o?: object) => number }).default;
    const ascii = '  -o, --out  Output folder  [string] [default: "dist"]';
    assert.equal(lazy(ascii), ascii.length);
    assert.equal(built, 0, 'printable ASCII is measured without loading string-width');
    const { default: real } = await import('string-width');
    const texts = ['', 'quire build [files..]', '6×9', 'naïve café', '漢字かな', '👩‍👩‍👧 family', 'e\u0301', '\u001b[1mbold\u001b[22m', 'tab\there', '\u0007bell', 'x\u200by'];
    for (const text of texts) for (const options of [undefined, { ambiguousIsNarrow: false }, { countAnsiEscapeCodes: true }]) assert.equal(lazy(text, options), real(text, options), JSON.stringify([text, options]));
    assert.equal(lazy(42), real(42 as unknown as string));
    assert.ok(built > 0);
  } finally {
    Intl.Segmenter = Segmenter;
  }
});

test('the bundle watches: `quire build --watch` rebuilds a changed story, reusing the others, until Ctrl-C', async () => {
  const dir = tempDir('quire-watch-');
  cpSync(path.join(ROOT, 'seeds'), dir, { recursive: true });
  const out = path.join(dir, 'out');
  const child = spawn(process.execPath, [CLI, 'build', '-c', path.join(dir, 'anthology.yaml'), '--allow-outside', '--watch', '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  /** Resolves once stdout has a line matching `re` (or after 60 s: the assertion then shows the output). */
  const line = (re: RegExp): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, 60_000);
      const look = (): void => {
        if (!re.test(stdout)) return;
        clearTimeout(timer);
        child.stdout.off('data', look);
        resolve();
      };
      child.stdout.on('data', look);
      look();
    });
  child.stdout.on('data', (d) => (stdout += String(d)));
  await line(/\[build 1\]/);
  assert.match(stdout, /\[build 1\] [\d.]+ s; 0 stories reused, 3 normalised/, stderr);
  appendFileSync(path.join(dir, 'the-leap.txt'), '\nOne more line, written while quire watched.\n');
  await line(/\[build 2\]/);
  child.kill('SIGINT');
  await closed;
  assert.match(stdout, /\[build 2\] [\d.]+ s after changes to .*the-leap\.txt; 2 stories reused, 1 normalised; PDF layouts: 2 reused, 1 set/, `${stdout}\n${stderr}`);
  assert.ok(readFileSync(path.join(out, 'markdown', '02-the-leap.md'), 'utf8').includes('One more line, written while quire watched.'));
});

test('the bundled worker entry serves the pool\'s jobs as the sources do', { timeout: 60_000 }, async () => {
  const pool = new Pool(TASKS, { entry: path.join(ROOT, 'lib', 'cli', 'worker.js'), threads: 1 });
  try {
    const input = { bytes: readFileSync(path.join(ROOT, 'seeds', 'the-leap.txt')), options: { file: 'the-leap.txt', language: 'en', notes: 'endnotes' as const, idPrefix: 's02' }, chapter: false, number: '02' };
    const seconds: number[] = [];
    const beside = await pool.scheduler('story', (s) => seconds.push(s)).beside(input);
    assert.equal(seconds.length, 1, 'a worker ran the job');
    assert.deepEqual(beside, await pool.runHere('story', input));
  } finally {
    await pool.close();
  }
});

test('npm install\'s prepare step skips the build when lib/ is built from these very sources (as for npx\'s first run)', async () => {
  const { inputsHash, STAMP } = (await import(path.join(ROOT, 'scripts/build-stamp.mjs'))) as { inputsHash: () => string; STAMP: string };
  assert.equal(readFileSync(STAMP, 'utf8').trim(), inputsHash(), '`npm run build` stamped lib/ with the hash of its sources');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/prepare.mjs')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /lib\/ is built from these sources already/);
});
