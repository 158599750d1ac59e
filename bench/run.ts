// `npm run bench`: builds each benchmark case in fresh child processes, prints medians per stage and writes JSON.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE } from './args.js';
import { CASES, findCorpus, missingCorpusFiles, prepareCase, type BenchCase } from './cases.js';
import { runMeasured } from './measure.js';
import { markdownFiles, pandocVersion, runPandoc } from './pandoc.js';
import { checkTargets, median, summariseCase, userWall, type CaseSummary, type PandocSummary, type RunResult } from './summary.js';
import { caseOverview, caseTable, pandocTable, targetTable } from './table.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = path.join(REPO, 'bench', 'child.mjs');
const CLI = path.join(REPO, 'lib', 'cli', 'main.js');
const MARKER = 'QUIRE-BENCH-RESULT ';

function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Newest modification time of any file under a folder. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** The bench measures the compiled lib/ (what users run); warn when it is missing or older than src/. */
function checkCompiled(): void {
  const entry = path.join(REPO, 'lib', 'pipeline', 'index.js');
  if (!existsSync(entry)) throw new Error('lib/ is not built; run `npm run build` first (or `npm run bench`, which builds)');
  if (statSync(entry).mtimeMs < newestMtime(path.join(REPO, 'src')) - 1000) say('bench: warning: lib/ is older than src/; run `npm run build` to measure the current code');
}

/** One build of a case in a fresh Node process. */
async function runOnce(configPath: string, outDir: string, formats: string[], profileDir?: string): Promise<RunResult> {
  await rm(outDir, { recursive: true, force: true });
  const spec = JSON.stringify({ config: configPath, out: outDir, formats });
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : [];
  const r = await runMeasured(process.execPath, [...profile, CHILD, spec], { cwd: REPO });
  const line = r.stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (r.code !== 0 || !line) throw new Error(`build failed (exit ${r.code ?? r.signal}):\n${r.stderr.trim().slice(-2000)}`);
  return { processWallSeconds: r.wallSeconds, ...(JSON.parse(line.slice(MARKER.length)) as Omit<RunResult, 'processWallSeconds'>) };
}

/** The fewest runs of each cold CLI timing of the seeds (`--runs` above it counts). */
const CLI_MIN_RUNS = 9;

/** npx beside this node (npm installs them side by side); undefined when there is none. */
const NPX = [path.join(path.dirname(process.execPath), 'npx')].find((p) => existsSync(p));

/** One way of starting a cold build of the seeds. */
interface CliWay {
  what: string;
  command: string;
  args: string[];
  /** A folder for a new, empty cover cache per run (QUIRE_CACHE_DIR), as a first build has; otherwise the cover drawn by an earlier build is taken from the cache, as on every rebuild. */
  emptyCache?: string;
}

/**
 * Cold builds of the seeds, `runs` times each way, the ways taken in turn (a slow spell of the machine falls on
 * all of them alike); per way, median wall seconds and peak RSS.
 */
async function timeCliSeeds(runs: number, outDir: string, ways: CliWay[]): Promise<Array<{ seconds: number; peakRss?: number }>> {
  const walls: number[][] = ways.map(() => []);
  const peaks: number[][] = ways.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [w, way] of ways.entries()) {
      await rm(outDir, { recursive: true, force: true });
      const env = way.emptyCache ? { ...process.env, QUIRE_CACHE_DIR: path.join(way.emptyCache, String(i)) } : process.env;
      const r = await runMeasured(way.command, [...way.args, '--quiet', '--out', outDir], { cwd: REPO, env });
      if (r.code !== 0) {
        const why = r.stderr.split('\n').find((l) => /^(quire:|\w*Error)/.test(l.trim())) ?? r.stderr.trim().slice(-300);
        throw new Error(`${way.what} failed (exit ${r.code}): ${why.trim()}`);
      }
      walls[w]!.push(r.wallSeconds);
      if (r.peakRss !== undefined) peaks[w]!.push(r.peakRss);
    }
  }
  return ways.map((_, w) => ({ seconds: median(walls[w]!), ...(peaks[w]!.length > 0 && { peakRss: median(peaks[w]!) }) }));
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2), CASES.map((c) => c.name));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  checkCompiled();
  const corpus = findCorpus(REPO);
  if (!corpus) say(`bench: no corpus at ${path.resolve(REPO, '..', 'shared', 'corpus')}; only the seeds cases run`);
  const selected = args.cases.length > 0 ? args.cases.map((n) => CASES.find((c) => c.name === n)!) : CASES;
  const work = await mkdtemp(path.join(os.tmpdir(), 'quire-bench-'));
  const loadBefore = os.loadavg();
  const load = loadBefore[0]!;
  if (load > 0.5) say(`bench: note: load average ${load.toFixed(2)} before starting; other work on this machine makes the numbers noisy`);
  const cases: CaseSummary[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  let pandoc: PandocSummary | undefined;
  let cli: { seconds: number; peakRss?: number } | undefined;
  let npx: { seconds: number } | undefined;
  let npxFirst: { seconds: number } | undefined;
  // A cold seeds build takes about a second: more runs of it cost little and steady its median on a noisy machine.
  const cliRuns = Math.max(args.runs, CLI_MIN_RUNS);
  try {
    for (const c of selected) {
      const missing = missingCorpusFiles(c, corpus);
      if (missing.length > 0) {
        const reason = `corpus file(s) missing: ${missing.join(', ')}`;
        say(`bench: skipping ${c.name}: ${reason}`);
        skipped.push({ name: c.name, reason });
        continue;
      }
      let summary: CaseSummary;
      try {
        summary = await runCase(c, work, corpus, args.runs, args.profile);
      } catch (error) {
        const reason = (error as Error).message;
        say(`bench: ${c.name} failed: ${reason}`);
        skipped.push({ name: c.name, reason: reason.split('\n').slice(0, 3).join(' ') });
        continue;
      }
      cases.push(summary);
      if (c.pandoc && args.pandoc) pandoc = await comparePandoc(summary, path.join(work, c.name, 'out'), work, args.runs);
    }
    if (args.cli && (args.cases.length === 0 || args.cases.includes('small'))) {
      say(`bench: cold CLI build of the seeds × ${cliRuns}`);
      try {
        const ways: CliWay[] = [{ what: 'node lib/cli/main.js build', command: process.execPath, args: [CLI, 'build'] }];
        if (NPX) ways.push({ what: 'npx quire build', command: NPX, args: ['quire', 'build'] }, { what: 'npx quire build (empty cover cache)', command: NPX, args: ['quire', 'build'], emptyCache: path.join(work, 'empty-caches') });
        [cli, npx, npxFirst] = await timeCliSeeds(cliRuns, path.join(work, 'cli-seeds'), ways);
      } catch (error) {
        const reason = (error as Error).message.split('\n').slice(0, 3).join(' ');
        say(`bench: cold CLI timing failed: ${reason}`);
        skipped.push({ name: 'cli-seeds', reason });
      }
    }
  } finally {
    if (!args.keep) await rm(work, { recursive: true, force: true });
    else say(`bench: kept ${work}`);
  }
  const targets = checkTargets(cases, cli?.seconds, pandoc, npx?.seconds, npxFirst?.seconds);
  const out: string[] = [];
  out.push(caseOverview(cases), '', caseTable(cases), '');
  if (cli) out.push(`Cold \`node lib/cli/main.js build\` of the seeds (median of ${cliRuns}): ${cli.seconds.toFixed(3)} s${cli.peakRss ? `, peak RSS ≈ ${Math.round(cli.peakRss / 2 ** 20)} MB` : ''}`, '');
  if (npx) out.push(`Cold \`npx quire build\` of the seeds (median of ${cliRuns}; npx starts npm before quire): ${npx.seconds.toFixed(3)} s`, '');
  if (npxFirst) out.push(`The same with an empty cover cache, as a first build (median of ${cliRuns}): ${npxFirst.seconds.toFixed(3)} s`, '');
  if (pandoc) out.push(pandocTable(pandoc), '');
  if (targets.length > 0) out.push(targetTable(targets), '');
  for (const s of skipped) out.push(`skipped ${s.name}: ${s.reason}`);
  process.stdout.write(`${out.join('\n')}\n`);
  const loadAfter = os.loadavg();
  if (args.markdown) {
    const m = machine();
    const header = [
      '# Benchmark results (`npm run bench`)',
      '',
      `Measured ${new Date().toISOString()} on ${m.cpu} × ${m.cores} cores, ${m.memoryGB} GB, ${m.os}, Node ${m.node}; median of ${args.runs} run(s) per case, each run in a fresh process.`,
      `Load average (1/5/15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}, after: ${loadAfter.map((l) => l.toFixed(2)).join(' / ')}.` +
        (Math.max(loadBefore[0]!, loadAfter[0]!) > 0.5 ? ' Other work was running on this machine: the numbers are noisy.' : ''),
      '',
      'Stages are those of `BuildReport.timings` (load = importing the renderers; pdf = layout + paint; audit = EPUB and PDF read-back and word comparison; write = staging the output files). On a big book the EPUB runs in a worker thread beside the PDF: `worker` is starting it and cloning the book, `worker:*` are the stages it ran (in parallel, so not added up), `worker-wait` is time the main thread waited for it. `write+rest` is build() time outside the main thread\'s stages; peak RSS is the high-water mark at the end of each stage. The stages are timed by bench/child.mjs, which loads the unbundled lib/; the large cases are also built with `quire build` (lib/cli/main.js, the bundled CLI a user runs) in turn with those runs, and the wall-time targets and pandoc ratios use its median, as pandoc is timed as a command.',
      '',
    ];
    await writeFile(path.resolve(REPO, args.markdown), `${[...header, ...out].join('\n').trimEnd()}\n`);
    say(`bench: wrote ${args.markdown}`);
  }
  const json = { date: new Date().toISOString(), machine: machine(), runs: args.runs, cases, skipped, ...(cli && { cliSeeds: cli }), ...(npx && { npxSeeds: npx }), ...(npxFirst && { npxSeedsEmptyCache: npxFirst }), ...(pandoc && { pandoc }), targets };
  const jsonPath = path.resolve(REPO, args.json);
  await mkdir(path.dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  say(`bench: wrote ${path.relative(process.cwd(), jsonPath) || jsonPath}`);
  return skipped.some((s) => !s.reason.startsWith('corpus file(s) missing')) ? 1 : 0;
}

async function runCase(c: BenchCase, work: string, corpus: string | undefined, runs: number, profileDir?: string): Promise<CaseSummary> {
  const dir = path.join(work, c.name);
  const config = await prepareCase(c, REPO, corpus, dir);
  const results: RunResult[] = [];
  const cliWalls: number[] = [];
  for (let i = 0; i < runs; i++) {
    say(`bench: ${c.name} run ${i + 1}/${runs}`);
    results.push(await runOnce(config, path.join(dir, 'out'), c.formats, profileDir));
    if (c.cli) cliWalls.push(await timeCliBuild(config, path.join(dir, 'out-cli'), c.formats));
  }
  return summariseCase({ name: c.name, description: c.description, formats: c.formats }, results, cliWalls);
}

/** One `quire build` of a case as a user runs it (the bundled CLI, in a fresh process): its wall seconds. */
async function timeCliBuild(configPath: string, outDir: string, formats: string[]): Promise<number> {
  await rm(outDir, { recursive: true, force: true });
  const r = await runMeasured(process.execPath, [CLI, 'build', '--quiet', '--allow-outside', '--config', configPath, '--out', outDir, '--formats', formats.join(',')], { cwd: REPO });
  if (r.code !== 0) throw new Error(`quire build failed (exit ${r.code ?? r.signal}):\n${r.stderr.trim().slice(-2000)}`);
  return r.wallSeconds;
}

async function comparePandoc(quire: CaseSummary, outDir: string, work: string, runs: number): Promise<PandocSummary | undefined> {
  const version = await pandocVersion();
  if (!version) {
    say('bench: pandoc is not on PATH; no pandoc comparison (install it, e.g. `apt-get install -y pandoc`)');
    return undefined;
  }
  say(`bench: pandoc ${version} on the ${quire.name} markdown × ${runs}`);
  const p = await runPandoc(version, await markdownFiles(outDir), path.join(work, 'pandoc.epub'), runs);
  const wall = userWall(quire);
  return { ...p, quireCase: quire.name, quireSeconds: wall.seconds, quireWhat: wall.what, ratio: wall.seconds / p.wallSeconds };
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    say(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
