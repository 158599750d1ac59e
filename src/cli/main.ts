#!/usr/bin/env node
// The `quire` command line: parses the arguments (yargs, cli/args.ts) and calls the library API; prints, never decides.
import { build } from '../pipeline/index.js';
import { hideBin } from 'yargs/helpers';
import type { BuildOptions } from '../pipeline/options.js';
import { QuireError, type Message } from '../common/diagnostics.js';
import { parseCommandLine, type Command } from './args.js';
import { createReporter, type Reporter } from './reporter.js';
import { tuneForSources } from './short-build.js';
import { summariseStory } from '../normalise/summary.js';

/**
 * A reader that stops reading (`quire build | head -1`) closes the pipe: what is left to print goes nowhere, and the
 * command ends as it would have (its outputs are written either way), with no stack trace.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  let command: Command | undefined;
  let reporter: Reporter | undefined;
  try {
    command = await parseCommandLine(argv);
    reporter = createReporter(command);
    await run(command, reporter);
    return 0;
  } catch (error) {
    reporter?.done();
    const verbose = command?.verbose === true;
    if (error instanceof QuireError) {
      process.stderr.write(`quire: ${error.format()}${error.kind === 'usage' ? ' (run `quire --help` for usage)' : ''}\n`);
      if (verbose && error.stack) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const e = error as Error;
    process.stderr.write(`quire: internal error: ${e?.message ?? String(error)}${verbose ? `\n${e?.stack ?? ''}` : ' (run with --verbose for details)'}\n`);
    return 1;
  }
}

async function run(command: Command, reporter: Reporter): Promise<void> {
  switch (command.name) {
    case 'build': {
      const options: BuildOptions = { ...command.options, onProgress: (stage) => reporter.progress(stage) };
      if (command.watch) return watchForever(options, reporter);
      // One build, then the process ends: a small book's is faster without V8's optimizing compiler.
      const result = await build({ ...options, onSources: tuneForSources });
      reporter.done();
      reporter.messages(result.messages.list);
      reporter.summary(result.report, result.files);
      for (const text of result.printing) reporter.line(`\n${text}`);
      reporter.review(result.report);
      return;
    }
    case 'normalise': {
      const { normaliseFiles } = await import('../pipeline/normalise-files.js');
      const result = await normaliseFiles(command.files, { out: command.out, lang: command.lang, notes: command.notes });
      reporter.messages(result.messages.list);
      result.files.forEach((f, i) => {
        const r = result.results[i]!;
        reporter.line(`${f}  (${summariseStory({ title: r.frontMatter.title, removed: r.removed, notes: r.frontMatter.notes?.length ?? 0, sceneBreaks: r.sceneBreaks, headings: r.headings })})`);
      });
      return;
    }
    case 'check': {
      const { check } = await import('../check/index.js');
      let bad = 0;
      for (const file of command.files) {
        const r = await check(file);
        for (const f of r.findings) if (f.severity !== 'info' || command.verbose) reporter.line(`${f.location ?? file}: ${f.severity}: ${f.message}`);
        reporter.line(`${file}: ${r.ok ? 'ok' : 'FAILED'} (${r.kind}, ${r.findings.filter((f) => f.severity !== 'info').length} findings)`);
        if (!r.ok) bad++;
      }
      if (bad > 0) throw new QuireError(`${bad} file(s) failed the check`);
    }
  }
}

/** `quire build --watch`: build, then rebuild on every change until Ctrl-C. */
async function watchForever(options: BuildOptions, reporter: Reporter): Promise<never> {
  const { watchBuild } = await import('../pipeline/watch.js');
  return new Promise(() => {
    watchBuild(options, (event) => {
      reporter.done();
      if (event.ok) {
        reporter.messages(event.result.messages.list);
        reporter.summary(event.result.report, event.result.files);
        reporter.review(event.result.report);
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

const code = await main(hideBin(process.argv));
process.exitCode = code;
