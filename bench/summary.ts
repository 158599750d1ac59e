// Turns repeated benchmark runs into medians per case and stage, and checks them against the targets.

/** What one child run reports (see bench/child.mjs), plus the wall time the parent measured. */
export interface RunResult {
  processWallSeconds: number;
  words: number;
  stories: number;
  /** Seconds from process start to the start of build() (Node start-up and module loading). */
  startupSeconds: number;
  buildSeconds: number;
  /** Wall seconds per build stage (BuildReport.timings). */
  timings: Record<string, number>;
  /** Peak RSS in bytes reached by the end of each stage. */
  stagePeakRss: Record<string, number>;
  peakRss: number;
  outputs: Array<{ format: string; bytes: number; pages?: number }>;
  warnings: number;
}

export interface StageSummary {
  stage: string;
  seconds: number;
  wordsPerSecond: number;
  /** Peak RSS in bytes by the end of the stage (undefined for the unnamed rest). */
  peakRss?: number;
}

export interface CaseSummary {
  name: string;
  description: string;
  formats: string[];
  runs: number;
  words: number;
  stories: number;
  processWallSeconds: number;
  /** Median wall seconds of `quire build` (the bundled CLI a user runs) on the case, when it was timed (BenchCase.cli). */
  cliWallSeconds?: number;
  startupSeconds: number;
  buildSeconds: number;
  wordsPerSecond: number;
  peakRss: number;
  stages: StageSummary[];
  outputs: RunResult['outputs'];
}

/** Time outside the named stages (theme loading, writing the outputs, the report). */
export const REST_STAGE = 'write+rest';

/** `worker:epub`, `worker:audit`…: stages run in a worker thread, in parallel with the main thread's. */
export function isWorkerStage(stage: string): boolean {
  return stage.startsWith('worker:');
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** What a user waits for on a case: `quire build`'s wall time when it was timed, else the child process's. */
export function userWall(c: CaseSummary): { seconds: number; what: string } {
  return c.cliWallSeconds !== undefined ? { seconds: c.cliWallSeconds, what: '`quire build`' } : { seconds: c.processWallSeconds, what: 'process wall' };
}

/** Median of each measure over the runs of one case (and of its `quire build` walls); stages in the order the build ran them. */
export function summariseCase(info: { name: string; description: string; formats: string[] }, runs: RunResult[], cliWalls: number[] = []): CaseSummary {
  if (runs.length === 0) throw new Error(`no runs for case ${info.name}`);
  const first = runs[0]!;
  const stageNames: string[] = [];
  for (const r of runs) for (const s of Object.keys(r.timings)) if (!stageNames.includes(s)) stageNames.push(s);
  const m = (f: (r: RunResult) => number): number => median(runs.map(f));
  const words = first.words;
  const perSecond = (seconds: number): number => (seconds > 0 ? words / seconds : Number.POSITIVE_INFINITY);
  const stages: StageSummary[] = stageNames.map((stage) => {
    const seconds = m((r) => r.timings[stage] ?? 0);
    const peak = m((r) => r.stagePeakRss[stage] ?? 0);
    return { stage, seconds, wordsPerSecond: perSecond(seconds), ...(peak > 0 && { peakRss: peak }) };
  });
  // Stages a worker thread ran beside the main thread overlap the others: they are not part of the sum.
  const mainThread = (r: RunResult): number => Object.entries(r.timings).reduce((a, [stage, s]) => (isWorkerStage(stage) ? a : a + s), 0);
  const rest = m((r) => Math.max(0, r.buildSeconds - mainThread(r)));
  stages.push({ stage: REST_STAGE, seconds: rest, wordsPerSecond: perSecond(rest) });
  const buildSeconds = m((r) => r.buildSeconds);
  return {
    ...info,
    runs: runs.length,
    words,
    stories: first.stories,
    processWallSeconds: m((r) => r.processWallSeconds),
    ...(cliWalls.length > 0 && { cliWallSeconds: median(cliWalls) }),
    startupSeconds: m((r) => r.startupSeconds),
    buildSeconds,
    wordsPerSecond: perSecond(buildSeconds),
    peakRss: m((r) => r.peakRss),
    stages,
    outputs: first.outputs,
  };
}

export interface PandocSummary {
  version: string;
  runs: number;
  wallSeconds: number;
  peakRss?: number;
  /** The quire case it is compared with, and that case's median wall time (userWall: `quire build`'s when timed). */
  quireCase: string;
  quireSeconds: number;
  /** What quireSeconds timed (userWall's `what`). */
  quireWhat?: string;
  /** quire / pandoc wall time (below 1 means quire is faster). */
  ratio: number;
}

export interface TargetCheck {
  name: string;
  measured: string;
  target: string;
  ok: boolean;
}

const GB = 1024 ** 3;

/** The targets, for whichever measurements this run has. */
export function checkTargets(cases: CaseSummary[], cliSeedsSeconds: number | undefined, pandoc: PandocSummary | undefined, npxSeedsSeconds?: number, npxFirstSeconds?: number): TargetCheck[] {
  const byName = new Map(cases.map((c) => [c.name, c]));
  const checks: TargetCheck[] = [];
  // The target is the cold `npx quire build`; npx starts npm first, so quire's own start is shown too.
  if (npxSeedsSeconds !== undefined) {
    checks.push({ name: 'seeds, all formats, cold `npx quire build`', measured: `${npxSeedsSeconds.toFixed(2)} s`, target: '< 1.5 s', ok: npxSeedsSeconds < 1.5 });
  }
  // A first build draws the cover; every later one takes it from the cover cache.
  if (npxFirstSeconds !== undefined) {
    checks.push({ name: 'seeds, all formats, cold `npx quire build`, empty cover cache (a first build)', measured: `${npxFirstSeconds.toFixed(2)} s`, target: '< 1.5 s', ok: npxFirstSeconds < 1.5 });
  }
  if (cliSeedsSeconds !== undefined) {
    checks.push({ name: 'seeds, all formats, cold `node lib/cli/main.js build` (without npx)', measured: `${cliSeedsSeconds.toFixed(2)} s`, target: '< 1.5 s', ok: cliSeedsSeconds < 1.5 });
  }
  const large = byName.get('large');
  if (large) {
    const wall = userWall(large);
    checks.push({ name: `large, EPUB+PDF+zine, ${wall.what}`, measured: `${wall.seconds.toFixed(2)} s`, target: '< 8 s', ok: wall.seconds < 8 });
    checks.push({ name: 'large, peak RSS', measured: `${(large.peakRss / GB).toFixed(2)} GB`, target: '< 1 GB', ok: large.peakRss < GB });
  }
  const medium = byName.get('medium');
  if (large && medium) {
    const ratio = large.buildSeconds / large.words / (medium.buildSeconds / medium.words);
    checks.push({ name: 'large vs medium, build seconds per word', measured: `${ratio.toFixed(2)}×`, target: '≤ 1.3×', ok: ratio <= 1.3 });
  }
  if (pandoc) {
    const speedup = 1 / pandoc.ratio;
    checks.push({ name: `${pandoc.quireCase} (raw text → EPUB, ${pandoc.quireWhat ?? 'process wall'}) vs pandoc (markdown → EPUB)`, measured: `${speedup.toFixed(2)}× faster`, target: '≥ 5× faster', ok: speedup >= 5 });
    if (large) {
      const wall = userWall(large);
      const all = pandoc.wallSeconds / wall.seconds;
      checks.push({ name: `large (raw text → EPUB+PDF+zine, ${wall.what}) vs pandoc (markdown → EPUB)`, measured: `${all.toFixed(2)}× faster`, target: '≥ 1.7× faster', ok: all >= 1.7 });
    }
  }
  return checks;
}
