// The `quire` command line in yargs: every command and option, declared once here with its help text; parses the arguments into the command to run, or throws a usage error.
import yargs, { type ArgumentsCamelCase, type InferredOptionTypes, type Options } from 'yargs';
import { DEFAULT_FORMATS, type BuildOptions } from '../pipeline/options.js';
import { FORMATS, NOTES_POLICIES, SHOPS, TRIMS, type FormatName } from '../config/schema.js';
import { QuireError } from '../common/diagnostics.js';
import { DUPLEX_EDGES, SHEETS } from '../impose/types.js';
import type { NotesPolicy } from '../model/types.js';
import { VERSION } from '../common/version.js';

const BUILD_OPTIONS = {
  config: { alias: 'c', type: 'string', describe: 'Anthology config (YAML)' },
  out: { alias: 'o', type: 'string', default: 'dist', describe: 'Output folder' },
  title: { type: 'string', describe: 'Book title (overrides the config)' },
  author: { type: 'string', describe: 'Author of stories that name none' },
  lang: { type: 'string', describe: 'Language (BCP 47), e.g. en, fr' },
  formats: { type: 'string', default: DEFAULT_FORMATS.join(','), describe: `Comma-separated: ${FORMATS.join(', ')}` },
  trim: { type: 'string', choices: TRIMS, describe: 'PDF page size (default from config, a5)' },
  notes: { type: 'string', choices: NOTES_POLICIES, describe: "Author's notes: endnotes (default), keep in place, or drop" },
  'embed-fonts': { type: 'boolean', default: false, describe: 'Embed the theme fonts in the EPUB' },
  print: { type: 'boolean', default: false, describe: 'PDF/X-4 for print shops: black ink only, no outline, links or tags' },
  bleed: { type: 'boolean', default: false, describe: 'PDF with 0.125 in bleed (top, bottom and outside edge; all four for --shop lulu)' },
  shop: { type: 'string', choices: SHOPS, describe: "Follow one print shop's rules exactly (default: a PDF KDP, IngramSpark and Lulu all accept)" },
  pad: { type: 'number', choices: [2, 4], default: 2, describe: 'Pad the PDF page count to a multiple of this' },
  sheet: { type: 'string', choices: SHEETS, describe: 'Zine sheet size (default a4, letter for digest/letter trims)' },
  duplex: { type: 'string', choices: DUPLEX_EDGES, default: 'short', describe: 'Zine: printer flips on the short or long edge' },
  creep: { type: 'number', describe: 'Zine: creep compensation in mm for the innermost sheet' },
  signature: { type: 'number', describe: 'Zine: sheets per signature' },
  marks: { type: 'boolean', default: false, describe: 'Zine: fold and trim marks' },
  strict: { type: 'boolean', default: false, describe: 'Fail instead of skipping an empty story, and on any character no font has' },
  'allow-outside': { type: 'boolean', default: false, describe: "Allow config paths outside the config's folder" },
  audit: { type: 'boolean', default: true, describe: 'Lossless word audit of EPUB and PDF text (--no-audit to skip)' },
  watch: { alias: 'w', type: 'boolean', default: false, describe: 'Rebuild whenever the config, a story or a template changes' },
} as const satisfies Record<string, Options>;

const NORMALISE_OPTIONS = {
  out: { alias: 'o', type: 'string', default: 'dist/markdown', describe: 'Output folder' },
  lang: { type: 'string', default: 'en' },
  notes: { type: 'string', choices: NOTES_POLICIES, default: 'endnotes' },
} as const satisfies Record<string, Options>;

const GLOBAL_OPTIONS = {
  quiet: { alias: 'q', type: 'boolean', global: true, describe: 'Print only errors' },
  verbose: { type: 'boolean', global: true, describe: 'Print every message, and stack traces on errors' },
} as const satisfies Record<string, Options>;

/** An option given twice takes its last value (`--formats epub --formats pdf`: pdf), as after a shell alias. */
function lastValueWins<O extends Record<string, Options>>(options: O): O {
  const last = (value: unknown): unknown => (Array.isArray(value) ? value[value.length - 1] : value);
  return Object.fromEntries(Object.entries(options).map(([key, o]) => [key, { ...o, coerce: last }])) as O;
}

/** What to run, with what the global options ask of the output. */
export type Command = { quiet: boolean; verbose: boolean } & (
  | { name: 'build'; options: BuildOptions; watch: boolean }
  | { name: 'normalise'; files: string[]; out: string; lang: string; notes: NotesPolicy }
  | { name: 'check'; files: string[] }
);

/** Parse the arguments (without node and the script). `--help` and `--version` print and end the process, as yargs does. */
export async function parseCommandLine(argv: string[]): Promise<Command> {
  // The commands have no handlers here: yargs parses and validates, main.ts runs the command.
  const args = await yargs(argv)
    .scriptName('quire')
    .usage('quire — raw plain-text stories in, an anthology out (EPUB, print PDF, zine)\n\nUsage: $0 <command> [options]')
    // Arguments after `--` are files, even those that look like options.
    .parserConfiguration({ 'populate--': true })
    .command('build [files..]', 'Build the anthology (default: seeds/anthology.yaml) into dist/', (y) =>
      y
        .positional('files', { type: 'string', array: true, describe: 'Story files, one story each (instead of a config): .txt, .md chapter files, AO3/FanFicFare .html or .epub downloads, saved web pages' })
        .options(lastValueWins(BUILD_OPTIONS))
        .example('$0 build', 'Build seeds/anthology.yaml into dist/')
        .example('$0 build a.txt b.txt --title "Harbour Lights" --out /tmp/book', 'One story per file')
        .example('$0 build -c my/anthology.yaml --formats epub,pdf --trim trade', 'EPUB and a 6 x 9 in PDF')
        .example('$0 build --formats zine --sheet letter --duplex long', 'A booklet for a long-edge duplex printer'),
    )
    .command('normalise [files..]', 'Only normalise raw stories into markdown chapter files', (y) =>
      y
        .positional('files', { type: 'string', array: true })
        .options(lastValueWins(NORMALISE_OPTIONS))
        .example('$0 normalise story.txt --out chapters/', 'Write chapters/01-story.md'),
    )
    .command('check [files..]', 'Validate EPUB (epubcheck) and PDF (structure, fonts, page boxes) files', (y) =>
      y.positional('files', { type: 'string', array: true }).example('$0 check dist/four-words.epub dist/four-words.pdf', 'Check both outputs'),
    )
    .options(lastValueWins(GLOBAL_OPTIONS))
    .demandCommand(1, 'Give a command: build, normalise or check')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      // One line: yargs words some messages over several.
      throw new QuireError((message ?? error?.message ?? 'usage error').replace(/\s*\n\s*/g, ' '), { kind: 'usage' });
    })
    .parseAsync();
  const output = { quiet: args.quiet === true, verbose: args.verbose === true };
  const files = [...((args.files as string[] | undefined) ?? []), ...((args['--'] as unknown[] | undefined) ?? []).map(String)];
  // `normalise` and `check` need files: before `--` or after it (which yargs cannot demand).
  if (args._[0] !== 'build' && files.length === 0) throw new QuireError(`quire ${String(args._[0])}: give at least one file`, { kind: 'usage' });
  switch (args._[0]) {
    case 'build': {
      const build = args as unknown as BuildArgs;
      return { ...output, name: 'build', options: buildOptions(build, files), watch: build.watch };
    }
    case 'normalise': {
      const { out, lang, notes } = args as unknown as NormaliseArgs;
      return { ...output, name: 'normalise', files, out, lang, notes };
    }
    default:
      return { ...output, name: 'check', files };
  }
}

/** The values yargs gives for an options declaration (camel-case keys as well). */
type Parsed<O extends Record<string, Options>> = ArgumentsCamelCase<InferredOptionTypes<O>>;
type BuildArgs = Parsed<typeof BUILD_OPTIONS>;
type NormaliseArgs = Parsed<typeof NORMALISE_OPTIONS>;

/** The library's build options for the parsed `build` arguments (a usage error for an unknown format). */
function buildOptions(args: BuildArgs, files: string[]): BuildOptions {
  const formats = args.formats.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of formats) if (!(FORMATS as readonly string[]).includes(f)) throw new QuireError(`--formats: unknown format "${f}" (choose from ${FORMATS.join(', ')})`, { kind: 'usage' });
  return {
    ...(files.length > 0 && { files }),
    ...(args.config && { config: args.config }),
    out: args.out,
    ...(args.title && { title: args.title }),
    ...(args.author && { author: args.author }),
    ...(args.lang && { lang: args.lang }),
    formats: formats as FormatName[],
    ...(args.trim && { trim: args.trim }),
    ...(args.notes && { notes: args.notes }),
    embedFonts: args.embedFonts,
    print: args.print,
    bleed: args.bleed,
    ...(args.shop && { shop: args.shop }),
    pad: args.pad === 4 ? 4 : 2,
    ...(args.sheet && { sheet: args.sheet }),
    duplex: args.duplex,
    ...(args.creep !== undefined && { creep: args.creep }),
    ...(args.signature !== undefined && { signature: args.signature }),
    marks: args.marks,
    strict: args.strict,
    allowOutside: args.allowOutside,
    audit: args.audit,
  };
}
