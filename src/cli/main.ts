#!/usr/bin/env node
// The `quire` command line: parses arguments (a fast path for plain builds, yargs for everything else) and calls the library API; prints, never decides.
import { build } from '../build/index.js';
import { installSignalHandlers } from '../build/output.js';
import type { BuildOptions } from '../build/options.js';
import { formatMessage, QuireError, type Message } from '../diagnostics.js';
import { buildOptionsFrom, fastBuildArgs, type BuildArgs } from './build-args.js';
import { createReporter } from './reporter.js';
import { tuneForSources } from './short-build.js';
import type { CommandHandlers } from './yargs-cli.js';
import { summariseStory } from '../normalise/summary.js';

async function main(argv: string[]): Promise<number> {
  installSignalHandlers();
  const verbose = argv.includes('--verbose');
  const reporter = createReporter({ quiet: argv.includes('--quiet') || argv.includes('-q'), verbose });
  const handlers: CommandHandlers = {
    async build(args: BuildArgs) {
      const buildOptions = buildOptionsFrom(args, (stage) => reporter.progress(stage));
      if (args.watch) {
        await watchForever(buildOptions, reporter);
        return;
      }
      // One build, then the process ends: a small book's is faster without V8's optimizing compiler.
      const result = await build({ ...buildOptions, onSources: tuneForSources });
      reporter.done();
      reporter.messages(result.messages.list);
      reporter.summary(result.report, result.files);
      for (const text of result.printing) reporter.line(`\n${text}`);
    },
    async normalise(args) {
      const { normaliseFiles } = await import('../normalise-files.js');
      const result = await normaliseFiles(args.files, { out: args.out, lang: args.lang, notes: args.notes });
      reporter.messages(result.messages.list);
      result.files.forEach((f, i) => {
        const r = result.results[i]!;
        reporter.line(`${f}  (${summariseStory({ title: r.frontMatter.title, removed: r.removed, notes: r.frontMatter.notes?.length ?? 0, sceneBreaks: r.sceneBreaks, headings: r.headings })})`);
      });
    },
    async check(files) {
      const { check } = await import('../check/index.js');
      let bad = 0;
      for (const file of files) {
        const r = await check(file);
        for (const f of r.findings) if (f.severity !== 'info' || verbose) reporter.line(`${f.location ?? file}: ${f.severity}: ${f.message}`);
        reporter.line(`${file}: ${r.ok ? 'ok' : 'FAILED'} (${r.kind}, ${r.findings.filter((f) => f.severity !== 'info').length} findings)`);
        if (!r.ok) bad++;
      }
      if (bad > 0) throw new QuireError(`${bad} file(s) failed the check`);
    },
  };
  try {
    // A plain `quire build …` skips loading yargs (about 0.2 s of a cold start); yargs parses everything else.
    const fast = fastBuildArgs(argv);
    if (fast) await handlers.build(fast);
    else await (await import('./yargs-cli.js')).runYargs(argv, handlers);
    return 0;
  } catch (error) {
    reporter.done();
    if (error instanceof QuireError) {
      process.stderr.write(`quire: ${error.format()}\n`);
      if (error.kind === 'usage') process.stderr.write('Run `quire --help` for usage.\n');
      if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const e = error as Error;
    process.stderr.write(`quire: internal error: ${e?.message ?? String(error)}${verbose ? `\n${e?.stack ?? ''}` : ' (run with --verbose for details)'}\n`);
    return 1;
  }
}

/** `quire build --watch`: build, then rebuild on every change until Ctrl-C. */
async function watchForever(options: BuildOptions, reporter: ReturnType<typeof createReporter>): Promise<never> {
  const { watchBuild } = await import('../build/watch.js');
  return new Promise(() => {
    watchBuild(options, (event) => {
      reporter.done();
      if (event.ok) {
        reporter.messages(event.result.messages.list);
        reporter.summary(event.result.report, event.result.files);
        reporter.line(`[build ${event.build}] ${event.seconds.toFixed(2)} s${event.changed.length ? ` after changes to ${event.changed.join(', ')}` : ''}; ${event.reused} stories reused, ${event.normalised} normalised${event.layoutsReused + event.laidOut > 0 ? `; PDF layouts: ${event.layoutsReused} reused, ${event.laidOut} set` : ''}. Watching… (Ctrl-C to stop)`);
      } else {
        const e = event.error;
        process.stderr.write(`quire: ${e instanceof QuireError ? e.format() : (e as Error)?.message ?? String(e)}\n`);
        reporter.line(`[build ${event.build}] failed; previous outputs kept. Watching… (Ctrl-C to stop)`);
      }
    });
  });
}

export type { Message };
/** yargs' hideBin without loading yargs: the arguments after node and the script (after the app in a bundled Electron app). */
function userArgs(argv: string[]): string[] {
  const bundledElectron = !!(process.versions as Record<string, string | undefined>).electron && !(process as { defaultApp?: boolean }).defaultApp;
  return argv.slice(bundledElectron ? 1 : 2);
}

const code = await main(userArgs(process.argv));
process.exitCode = code;
