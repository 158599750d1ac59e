// The command line under hostile use: random configs, themes, covers and file kinds (FIFOs, devices, symlinks,
// folders, binary, huge), random option orders, interrupts at random moments. Every run ends in bounded time with
// exit 0 and valid outputs, or exit 1/2 with one clear line (exit 1: naming the path, key or setting at fault), and
// every input and the previous outputs stay byte-identical. FUZZ_SCALE multiplies the random runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CLI, tempDir } from '../e2e/helpers.ts';
import { png, pngClaiming } from '../epub/images.ts';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** A run that takes longer than this (a loaded 2-core machine included) is a hang. */
const RUN_LIMIT_MS = 120_000;

const STORY = ['The harbour lights came on one by one, and she watched them from the wall.', '', 'By morning the fog had come in, and the foghorn spoke every thirty seconds.', ''].join('\n');

/** Every file kind a user may hand quire, in a fresh folder (the workspace, which is also the current folder). */
function workspace(): string {
  const dir = tempDir('quire-fuzz-cli-');
  writeFileSync(path.join(dir, 'good.txt'), STORY);
  writeFileSync(path.join(dir, 'second.txt'), STORY.replace('harbour', 'river'));
  writeFileSync(path.join(dir, 'emoji.txt'), '🚀✨ 🌊 ☀\n');
  writeFileSync(path.join(dir, 'utf32.txt'), Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(new Uint32Array([...STORY].map((c) => c.codePointAt(0)!)).buffer)]));
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'binary.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
  writeFileSync(path.join(dir, 'longword.txt'), `${'x'.repeat(300_000)}\n\n${STORY}`);
  writeFileSync(path.join(dir, 'huge.txt'), '');
  truncateSync(path.join(dir, 'huge.txt'), 65 * 1024 * 1024 + 1); // sparse: refused by its size, never read
  execFileSync('mkfifo', [path.join(dir, 'fifo.txt')]);
  mkdirSync(path.join(dir, 'folder.txt'));
  symlinkSync('/etc/passwd', path.join(dir, 'outside.txt'));
  symlinkSync('good.txt', path.join(dir, 'inside.txt'));
  writeFileSync(path.join(dir, 'cover.png'), png(40, 64));
  writeFileSync(path.join(dir, 'bomb.png'), pngClaiming(20000, 20000));
  writeFileSync(path.join(dir, 'huge-header.png'), pngClaiming(2 ** 31 - 1, 2 ** 31 - 1));
  writeFileSync(path.join(dir, 'truncated.png'), png(40, 64).subarray(0, 60));
  writeFileSync(path.join(dir, 'not-a-font.ttf'), 'this is not a font\n');
  return dir;
}

const TITLES = ['Harbour Lights', '', '"quoted: [yaml]"', 'x'.repeat(5000)];
const DATES = ['2026-01-05', '2026-02-30', '2200-01-01', '1975-06-01', 'soon', '20260105'];
const SOURCES = ['good.txt', 'second.txt', 'emoji.txt', 'utf32.txt', 'empty.txt', 'binary.bin', 'huge.txt', 'fifo.txt', 'folder.txt', 'outside.txt', 'inside.txt', '/etc/hostname', '../escape.txt', 'missing.txt', 'longword.txt'];
const COVERS = ['cover.png', 'bomb.png', 'huge-header.png', 'truncated.png', 'good.txt', 'fifo.txt', '/dev/zero'];
const THEMES = [
  'text:\n  size: 11\n',
  'text:\n  size: 1e9\n',
  'textt:\n  size: 11\n',
  'fonts:\n  regular: not-a-font.ttf\n',
  'fonts:\n  regular: /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf\n',
  'text: &a [*a]\n',
  'margins: !!js/function "x"\n',
];
const HOSTILE_YAML = ['a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n', 'title: !custom x\n', 'title: T\ntitle: U\n'];

/** `arb`'s value one time in `outOf`, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, outOf = 3): fc.Arbitrary<T | undefined> => fc.oneof({ weight: outOf - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

/** Mostly stories that build, now and then any file kind. */
const sourceArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('good.txt', 'second.txt', 'emoji.txt', 'utf32.txt', 'inside.txt') }, { weight: 1, arbitrary: fc.constantFrom(...SOURCES) });

const configArb = fc.record({
  title: fc.oneof({ weight: 3, arbitrary: fc.constant(TITLES[0]!) }, { weight: 1, arbitrary: fc.constantFrom(...TITLES) }),
  date: sometimes(fc.constantFrom(...DATES), 2),
  sources: fc.array(sourceArb, { minLength: 1, maxLength: 3 }),
  cover: sometimes(fc.constantFrom(...COVERS)),
  theme: sometimes(fc.constantFrom(...THEMES)),
  extra: sometimes(fc.constantFrom('languag: en\n', 'notes: sideways\n', 'trim: a5\n', ...HOSTILE_YAML), 4),
});

function configText(c: typeof configArb extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = [`title: ${JSON.stringify(c.title)}`];
  if (c.date) lines.push(`date: ${c.date}`);
  if (c.cover) lines.push(`cover: ${c.cover}`);
  if (c.theme) lines.push('theme: theme.yaml');
  lines.push(c.sources.length ? 'stories:' : 'stories: []');
  for (const s of c.sources) lines.push(`  - source: ${s}`);
  return `${lines.join('\n')}\n${c.extra ?? ''}`;
}

const OPTIONS: string[][] = [['--quiet'], ['--verbose'], ['--title', 'Given Title'], ['--author', 'A. Writer'], ['--lang', 'fr'], ['--formats', 'epub'], ['--formats', 'epub,pdf,zine,minizine,kepub'], ['--trim', 'digest'], ['--pad', '4'], ['--marks'], ['--no-audit'], ['--strict'], ['--allow-outside'], ['--notes', 'drop']];
/** Options a user gets wrong: usage errors (exit 2) or bad values (exit 1). */
/** What `quire normalise` takes besides --out. */
const NORMALISE_OPTIONS: string[][] = [['--quiet'], ['--verbose'], ['--lang', 'fr'], ['--notes', 'keep'], ['--notes', 'drop']];
const BAD_OPTIONS: string[][] = [['--lang', '!!'], ['--formats', 'mobi'], ['--trim', 'a9'], ['--pad', '3'], ['--creep', '-5'], ['--signature', '0'], ['--bogus'], ['--out']];

const argvArb = fc.record({
  command: fc.constantFrom('build', 'build', 'build', 'normalise', 'check'),
  /** Story files, a config, or (a usage error) both. */
  inputs: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('files' as const, 'config' as const) }, { weight: 1, arbitrary: fc.constant('both' as const) }),
  files: fc.array(fc.oneof({ weight: 5, arbitrary: sourceArb }, { weight: 1, arbitrary: fc.constant("out/previous.epub") }), { minLength: 1, maxLength: 3 }),
  options: fc.shuffledSubarray(OPTIONS, { maxLength: 3 }),
  normaliseOptions: fc.shuffledSubarray(NORMALISE_OPTIONS, { maxLength: 2 }),
  bad: sometimes(fc.constantFrom(...BAD_OPTIONS), 4),
  dashes: fc.boolean(),
  epoch: sometimes(fc.constantFrom('1763683200', '-5', '1e12', 'tomorrow', '99999999999999')),
  interruptAfterMs: sometimes(fc.integer({ min: 50, max: 2500 }), 4),
});

/** Path → content hash (or what it is) of everything under `dir`, symlinks and FIFOs not followed. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = path.join(rel, name);
      const full = path.join(dir, r);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) files.set(r, `-> ${readlinkSync(full)}`);
      else if (st.isDirectory()) walk(r);
      else if (st.isFIFO()) files.set(r, 'fifo');
      else if (st.size > 1024 * 1024) files.set(r, `${st.size} bytes, ${st.mtimeMs}`);
      else files.set(r, createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk('');
  return files;
}

const without = (map: Map<string, string>, prefix: string): Map<string, string> => new Map([...map].filter(([k]) => !k.startsWith(prefix)));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** From the interrupt to the end. */
  afterSignalMs?: number;
}

function run(args: string[], cwd: string, env: Record<string, string | undefined>, interruptAfterMs?: number): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sentAt: number | undefined;
    child.stderr.on('data', (d) => (stderr += String(d)));
    const hang = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`quire ${args.join(' ')} did not end within ${RUN_LIMIT_MS} ms`));
    }, RUN_LIMIT_MS);
    const interrupt = interruptAfterMs === undefined ? undefined : setTimeout(() => ((sentAt = performance.now()), child.kill(interruptAfterMs % 2 ? 'SIGTERM' : 'SIGINT')), interruptAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(hang);
      clearTimeout(interrupt);
      resolve({ code, signal, stderr, ...(sentAt !== undefined && { afterSignalMs: performance.now() - sentAt }) });
    });
  });
}

/** The outputs of a successful build are whole and what they claim to be. */
function checkOutputs(out: string): void {
  for (const name of readdirSync(out)) {
    assert.doesNotMatch(name, /\.quire-tmp/, `a temporary was left: ${name}`);
    const file = path.join(out, name);
    if (name.endsWith('.epub') || name.endsWith('.kepub.epub')) assert.equal(readFileSync(file).subarray(0, 4).toString('latin1'), 'PK\x03\x04', name);
    if (name.endsWith('.pdf')) {
      assert.match(readFileSync(file).subarray(0, 5).toString('latin1'), /^%PDF-/, name);
      execFileSync('qpdf', ['--check', file], { stdio: 'ignore' });
    }
    if (name.endsWith('.report.json')) {
      const report = JSON.parse(readFileSync(file, 'utf8')) as { stories: Array<{ audit?: Record<string, { ok: boolean }> }> };
      for (const s of report.stories) for (const [format, a] of Object.entries(s.audit ?? {})) assert.ok(a.ok, `${name}: the ${format} audit failed`);
    }
  }
}

/** One clear line: `quire: …`, no stack trace (unless --verbose asked for one), no "internal error"; exit 1 names the path, key or setting at fault. */
function checkFailure(r: Ended, named: string[], verbose: boolean): void {
  const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('quire:') || !/^\s*$/.test(l));
  const errors = lines.filter((l) => /^quire: /.test(l) && !/warning/i.test(l));
  assert.equal(errors.length, 1, `one error line, got:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|RangeError|TypeError/i, r.stderr);
  if (!verbose) assert.doesNotMatch(r.stderr, /\n\s+at \S+ \(/, r.stderr);
  if (r.code === 1) assert.ok(named.some((n) => errors[0]!.includes(n)), `the error names none of ${named.join(', ')}: ${errors[0]}`);
}

let previous: string | undefined;

/** A real earlier build in out/ (made once, copied into each workspace). */
async function previousOutputs(): Promise<string> {
  if (previous) return previous;
  const dir = workspace();
  const r = await run(['build', 'good.txt', '--title', 'Previous', '--out', 'out'], dir, { SOURCE_DATE_EPOCH: '1763683200' });
  assert.equal(r.code, 0, r.stderr);
  previous = path.join(dir, 'out');
  return previous;
}

/** Run one command line in a fresh workspace and hold it to the contract. */
async function holds(args: string[], setup: { config?: string; theme?: string; epoch?: string; interruptAfterMs?: number }): Promise<Ended> {
  const dir = workspace();
  cpSync(await previousOutputs(), path.join(dir, 'out'), { recursive: true });
  if (setup.config !== undefined) writeFileSync(path.join(dir, 'anthology.yaml'), setup.config);
  if (setup.theme !== undefined) writeFileSync(path.join(dir, 'theme.yaml'), setup.theme);
  const before = snapshot(dir);
  const r = await run(args, dir, { SOURCE_DATE_EPOCH: setup.epoch }, setup.interruptAfterMs);
  const after = snapshot(dir);
  const what = `quire ${args.join(' ')}${setup.epoch ? ` (SOURCE_DATE_EPOCH=${setup.epoch})` : ''}\n${setup.config ?? ''}${setup.theme ? `theme:\n${setup.theme}` : ''}\n${r.stderr}`;
  // Inputs (everything but out/ and the default dist/) never change.
  assert.deepEqual(without(without(after, 'out'), 'dist'), without(without(before, 'out'), 'dist'), `an input changed: ${what}`);
  const interrupted = r.signal !== null || r.code === 130 || r.code === 143;
  if (interrupted && r.afterSignalMs !== undefined) assert.ok(r.afterSignalMs < 1000, `ended ${Math.round(r.afterSignalMs)} ms after the signal: ${what}`);
  const outBefore = [...before].filter(([k]) => k.startsWith('out'));
  const outAfter = [...after].filter(([k]) => k.startsWith('out'));
  if (r.code === 0) {
    checkOutputs(path.join(dir, 'out'));
    if (args.includes('check')) assert.deepEqual(after, before);
  } else if (interrupted) {
    // Interrupted: the previous outputs as they were, or (a commit under way is let finish) a whole new set.
    if (JSON.stringify(outAfter) !== JSON.stringify(outBefore)) checkOutputs(path.join(dir, 'out'));
  } else {
    // Failed: the previous outputs are as they were, and one clear line says why.
    assert.deepEqual(outAfter, outBefore, `the previous outputs changed: ${what}`);
    assert.ok(r.code === 1 || r.code === 2, `exit ${r.code}: ${what}`);
    // (A path may be named as given or resolved: its file name is in the line either way.)
    checkFailure(r, [...args.filter((a) => !a.startsWith('-')), ...SOURCES, ...COVERS].map((p) => path.basename(p)).concat('anthology.yaml', 'theme.yaml', 'SOURCE_DATE_EPOCH', '--'), args.includes('--verbose'));
  }
  return r;
}

test('each class of hostile input gets exit 1 and one line naming the file, key or setting; inputs and previous outputs untouched', async () => {
  const cases: Array<{ args: string[]; config?: string; theme?: string; epoch?: string; code: number; names: RegExp }> = [
    { args: ['build', 'fifo.txt', '--out', 'out'], code: 1, names: /fifo\.txt.*FIFO/ },
    { args: ['build', '/dev/zero', '--out', 'out'], code: 1, names: /\/dev\/zero.*device/ },
    { args: ['build', 'huge.txt', '--out', 'out'], code: 1, names: /huge\.txt.*64 MB/ },
    { args: ['build', 'folder.txt', '--out', 'out'], code: 1, names: /folder\.txt.*directory/ },
    { args: ['build', 'binary.bin', '--out', 'out'], code: 1, names: /binary\.bin/ },
    { args: ['build', 'empty.txt', '--out', 'out'], code: 1, names: /empty\.txt/ },
    { args: ['build', '-c', 'anthology.yaml', '--out', 'out'], config: 'title: T\nstories:\n  - source: outside.txt\n', code: 1, names: /anthology\.yaml.*outside\.txt|outside\.txt.*anthology\.yaml/ },
    { args: ['build', '-c', 'anthology.yaml', '--out', 'out'], config: 'title: T\ndate: 2026-02-30\nstories:\n  - source: good.txt\n', code: 1, names: /anthology\.yaml:2.*2026-02-30/ },
    { args: ['build', '-c', 'anthology.yaml', '--out', 'out'], config: `title: T\nstories:\n  - source: good.txt\n${HOSTILE_YAML[0]}`, code: 1, names: /anthology\.yaml:\d+.*alias/i },
    { args: ['build', '-c', 'anthology.yaml', '--out', 'out'], config: 'title: T\ncover: bomb.png\nstories:\n  - source: good.txt\n', code: 1, names: /bomb\.png/ },
    { args: ['build', '-c', 'anthology.yaml', '--out', 'out'], config: 'title: T\ncover: truncated.png\nstories:\n  - source: good.txt\n', code: 1, names: /truncated\.png/ },
    { args: ['build', '-c', 'anthology.yaml', '--out', 'out'], config: 'title: T\ntheme: theme.yaml\nstories:\n  - source: good.txt\n', theme: 'text:\n  size: 1e9\n', code: 1, names: /theme\.yaml.*size/ },
    { args: ['build', '-c', 'anthology.yaml', '--out', 'out'], config: 'title: T\ntheme: theme.yaml\nstories:\n  - source: good.txt\n', theme: 'fonts:\n  regular: not-a-font.ttf\n', code: 1, names: /theme\.yaml.*fonts\.regular|not-a-font\.ttf/ },
    { args: ['build', 'good.txt', '--out', 'out'], epoch: 'tomorrow', code: 1, names: /SOURCE_DATE_EPOCH/ },
    { args: ['build', 'out/previous.epub', '--out', 'out'], code: 1, names: /out\/previous\.epub/ },
    { args: ['normalise', '--out', 'out', '--', 'fifo.txt'], code: 1, names: /fifo\.txt/ },
  ];
  for (const c of cases) {
    const r = await holds(c.args, c);
    assert.equal(r.code, c.code, `quire ${c.args.join(' ')}: exit ${r.code}\n${r.stderr}`);
    assert.match(r.stderr, c.names, `quire ${c.args.join(' ')}`);
  }
});

test('hostile files that are stories build: emoji only, UTF-32, a 300,000-character word, a symlink inside the folder', async () => {
  for (const file of ['emoji.txt', 'utf32.txt', 'longword.txt', 'inside.txt']) {
    const r = await holds(['build', file, '--title', 'Fine', '--out', 'out', '--formats', 'epub,pdf'], {});
    assert.equal(r.code, 0, `${file}: ${r.stderr}`);
  }
  // After `--`, everything is a story file, even `--out` (there is no such file).
  const r = await holds(['normalise', '--', 'good.txt', 'second.txt'], {});
  assert.equal(r.code, 0, r.stderr);
});

test('random command lines, configs, themes and interrupts keep the contract', async (t) => {
  const ends = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(argvArb, configArb, async (a, c) => {
      const args = [a.command];
      if (a.command === 'build' && a.inputs !== 'files') args.push('-c', 'anthology.yaml');
      // (check runs epubcheck on an EPUB: a minute on a loaded machine; here it gets only files that are none.)
      const files = a.command === 'check' ? a.files.filter((f) => !f.endsWith('.epub')) : a.command === 'build' && a.inputs === 'config' ? [] : a.files;
      const opts = a.command === 'check' ? [] : [...(a.command === 'build' ? a.options : a.normaliseOptions).flat(), '--out', 'out', ...(a.bad ?? [])];
      if (a.dashes) args.push(...opts, '--', ...files);
      else args.push(...files, ...opts);
      const r = await holds(args, { config: configText(c), ...(c.theme && { theme: c.theme }), ...(a.epoch && { epoch: a.epoch }), ...(a.interruptAfterMs !== undefined && { interruptAfterMs: a.interruptAfterMs }) });
      const end = r.signal ? r.signal : `exit ${r.code}`;
      ends.set(end, (ends.get(end) ?? 0) + 1);
      if (process.env.FUZZ_VERBOSE) t.diagnostic(`${end}: quire ${args.join(' ')}: ${r.stderr.trim().split('\n')[0] ?? ''}`);
    }),
    { numRuns: Math.max(1, Math.round(12 * SCALE)), endOnFailure: true },
  );
  t.diagnostic(`runs ended: ${[...ends].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
});
