#!/usr/bin/env node
// The `quire` command line: parses arguments with yargs and calls the library API; prints, never decides.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { build } from '../build/index.js';
import { installSignalHandlers } from '../build/output.js';
import type { BuildOptions } from '../build/options.js';
import { DEFAULT_FORMATS } from '../build/options.js';
import { FORMATS, NOTES_POLICIES, TRIMS, type FormatName } from '../config/schema.js';
import { formatMessage, QuireError, type Message } from '../diagnostics.js';
import { VERSION } from '../version.js';
import { createReporter } from './reporter.js';

const BUILDABLE = FORMATS;

async function main(argv: string[]): Promise<number> {
  installSignalHandlers();
  const verbose = argv.includes('--verbose');
  const reporter = createReporter({ quiet: argv.includes('--quiet') || argv.includes('-q'), verbose });
  try {
    await yargs(argv)
      .scriptName('quire')
      .usage('quire — raw plain-text stories in, an anthology out (EPUB, print PDF, zine)\n\nUsage: $0 <command> [options]')
      .command(
        'build [files..]',
        'Build the anthology (default: seeds/anthology.yaml) into dist/',
        (y) =>
          y
            .positional('files', { type: 'string', array: true, describe: 'Raw story .txt files, one story each (instead of a config)' })
            .option('config', { alias: 'c', type: 'string', describe: 'Anthology config (YAML)' })
            .option('out', { alias: 'o', type: 'string', default: 'dist', describe: 'Output folder' })
            .option('title', { type: 'string', describe: 'Book title (overrides the config)' })
            .option('author', { type: 'string', describe: 'Author of stories that name none' })
            .option('lang', { type: 'string', describe: 'Language (BCP 47), e.g. en, fr' })
            .option('formats', { type: 'string', default: DEFAULT_FORMATS.join(','), describe: `Comma-separated: ${BUILDABLE.join(', ')}` })
            .option('trim', { type: 'string', choices: TRIMS as unknown as string[], describe: 'PDF page size (default from config, a5)' })
            .option('notes', { type: 'string', choices: NOTES_POLICIES as unknown as string[], describe: "Author's notes: endnotes (default), keep in place, or drop" })
            .option('embed-fonts', { type: 'boolean', default: false, describe: 'Embed the theme fonts in the EPUB' })
            .option('print', { type: 'boolean', default: false, describe: 'PDF for print shops (KDP): no outline or links' })
            .option('bleed', { type: 'boolean', default: false, describe: 'PDF with 0.125 in bleed' })
            .option('pad', { type: 'number', choices: [2, 4], default: 2, describe: 'Pad the PDF page count to a multiple of this' })
            .option('sheet', { type: 'string', choices: ['a4', 'letter'], describe: 'Zine sheet size (default a4, letter for digest/letter trims)' })
            .option('duplex', { type: 'string', choices: ['short', 'long'], default: 'short', describe: 'Zine: printer flips on the short or long edge' })
            .option('creep', { type: 'number', describe: 'Zine: creep compensation in mm for the innermost sheet' })
            .option('signature', { type: 'number', describe: 'Zine: sheets per signature' })
            .option('marks', { type: 'boolean', default: false, describe: 'Zine: fold and trim marks' })
            .option('strict', { type: 'boolean', default: false, describe: 'Fail instead of skipping an empty story' })
            .option('allow-outside', { type: 'boolean', default: false, describe: "Allow config paths outside the config's folder" })
            .option('audit', { type: 'boolean', default: true, describe: 'Lossless word audit of EPUB and PDF text (--no-audit to skip)' })
            .option('watch', { alias: 'w', type: 'boolean', default: false, describe: 'Rebuild whenever the config, a story or a template changes' })
            .example('$0 build', 'Build seeds/anthology.yaml into dist/')
            .example('$0 build a.txt b.txt --title "Harbour Lights" --out /tmp/book', 'One story per file')
            .example('$0 build -c my/anthology.yaml --formats epub,pdf --trim trade', 'EPUB and a 6×9 in PDF')
            .example('$0 build --formats zine --sheet letter --duplex long', 'A booklet for a long-edge duplex printer'),
        async (args) => {
          const formats = String(args.formats).split(',').map((s) => s.trim()).filter(Boolean);
          for (const f of formats) if (!(BUILDABLE as readonly string[]).includes(f)) throw new QuireError(`--formats: unknown format "${f}" (choose from ${BUILDABLE.join(', ')})`, { kind: 'usage' });
          const buildOptions: BuildOptions = {
            ...(args.files && args.files.length > 0 && { files: args.files }),
            ...(args.config && { config: args.config }),
            out: args.out,
            ...(args.title && { title: args.title }),
            ...(args.author && { author: args.author }),
            ...(args.lang && { lang: args.lang }),
            formats: formats as FormatName[],
            ...(args.trim && { trim: args.trim as (typeof TRIMS)[number] }),
            ...(args.notes && { notes: args.notes as (typeof NOTES_POLICIES)[number] }),
            embedFonts: args['embed-fonts'],
            print: args.print,
            bleed: args.bleed,
            pad: args.pad === 4 ? 4 : 2,
            ...(args.sheet && { sheet: args.sheet as 'a4' | 'letter' }),
            duplex: args.duplex as 'short' | 'long',
            ...(args.creep !== undefined && { creep: args.creep }),
            ...(args.signature !== undefined && { signature: args.signature }),
            marks: args.marks,
            strict: args.strict,
            allowOutside: args['allow-outside'],
            audit: args.audit,
            onProgress: (stage) => reporter.progress(stage),
          };
          if (args.watch) {
            await watchForever(buildOptions, reporter);
            return;
          }
          const result = await build(buildOptions);
          reporter.done();
          reporter.messages(result.messages.list);
          reporter.summary(result.report, result.files);
          for (const text of result.printing) reporter.line(`\n${text}`);
        },
      )
      .command(
        'normalise <files..>',
        'Only normalise raw stories into markdown chapter files',
        (y) =>
          y
            .positional('files', { type: 'string', array: true, demandOption: true })
            .option('out', { alias: 'o', type: 'string', default: 'dist/markdown', describe: 'Output folder' })
            .option('lang', { type: 'string', default: 'en' })
            .option('notes', { type: 'string', choices: NOTES_POLICIES as unknown as string[], default: 'endnotes' })
            .example('$0 normalise story.txt --out chapters/', 'Write chapters/01-story.md'),
        async (args) => {
          const { normaliseFiles } = await import('../normalise-files.js');
          const result = await normaliseFiles(args.files as string[], { out: args.out, lang: args.lang, notes: args.notes as (typeof NOTES_POLICIES)[number] });
          reporter.messages(result.messages.list);
          for (const f of result.files) reporter.line(f);
        },
      )
      .command(
        'check <files..>',
        'Validate EPUB (epubcheck) and PDF (structure, fonts, page boxes) files',
        (y) => y.positional('files', { type: 'string', array: true, demandOption: true }).example('$0 check dist/four-words.epub dist/four-words.pdf', 'Check both outputs'),
        async (args) => {
          const { check } = await import('../check/index.js');
          let bad = 0;
          for (const file of args.files as string[]) {
            const r = await check(file);
            for (const f of r.findings) if (f.severity !== 'info' || verbose) reporter.line(`${f.location ?? file}: ${f.severity}: ${f.message}`);
            reporter.line(`${file}: ${r.ok ? 'ok' : 'FAILED'} (${r.kind}, ${r.findings.filter((f) => f.severity !== 'info').length} findings)`);
            if (!r.ok) bad++;
          }
          if (bad > 0) throw new QuireError(`${bad} file(s) failed the check`);
        },
      )
      .option('quiet', { alias: 'q', type: 'boolean', global: true, describe: 'Print only errors' })
      .option('verbose', { type: 'boolean', global: true, describe: 'Print every message, and stack traces on errors' })
      .demandCommand(1, 'Give a command: build, normalise or check')
      .strict()
      .version(VERSION)
      .help()
      .alias('h', 'help')
      .wrap(Math.min(100, process.stdout.columns || 100))
      .fail((message, error) => {
        if (error) throw error;
        throw new QuireError(message ?? 'usage error', { kind: 'usage' });
      })
      .parseAsync();
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
        reporter.line(`[build ${event.build}] ${event.seconds.toFixed(2)} s${event.changed.length ? ` after changes to ${event.changed.join(', ')}` : ''}; ${event.reused} stories reused, ${event.normalised} normalised. Watching… (Ctrl-C to stop)`);
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
