// The full `quire` command line in yargs: every command, option, help text and usage error (loaded only when the fast path declines).
import yargs from 'yargs';
import { DEFAULT_FORMATS } from '../pipeline/options.js';
import { FORMATS, NOTES_POLICIES, TRIMS } from '../config/schema.js';
import { QuireError } from '../common/diagnostics.js';
import { VERSION } from '../common/version.js';
import type { BuildArgs } from './build-args.js';

const BUILDABLE = FORMATS;

/** What each command does once its arguments are parsed. */
export interface CommandHandlers {
  build(args: BuildArgs): Promise<void>;
  normalise(args: { files: string[]; out: string; lang: string; notes: (typeof NOTES_POLICIES)[number] }): Promise<void>;
  check(files: string[]): Promise<void>;
}

/** Parse `argv` (without node and the script) with yargs and run the command's handler. */
export async function runYargs(argv: string[], handlers: CommandHandlers): Promise<void> {
  await yargs(argv)
    .scriptName('quire')
    .usage('quire — raw plain-text stories in, an anthology out (EPUB, print PDF, zine)\n\nUsage: $0 <command> [options]')
    .command(
      'build [files..]',
      'Build the anthology (default: seeds/anthology.yaml) into dist/',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, describe: 'Story files, one story each (instead of a config): .txt, .md chapter files, AO3/FanFicFare .html or .epub downloads, saved web pages' })
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
      (args) => handlers.build(args as unknown as BuildArgs),
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
      (args) => handlers.normalise({ files: args.files as string[], out: args.out, lang: args.lang, notes: args.notes as (typeof NOTES_POLICIES)[number] }),
    )
    .command(
      'check <files..>',
      'Validate EPUB (epubcheck) and PDF (structure, fonts, page boxes) files',
      (y) => y.positional('files', { type: 'string', array: true, demandOption: true }).example('$0 check dist/four-words.epub dist/four-words.pdf', 'Check both outputs'),
      (args) => handlers.check(args.files as string[]),
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
}
