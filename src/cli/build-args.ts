// The `build` command's arguments: a fast parser for plain command lines (the values yargs would give, without loading it) and their BuildOptions.
import type { BuildOptions } from '../pipeline/options.js';
import { DEFAULT_FORMATS } from '../pipeline/options.js';
import { FORMATS, NOTES_POLICIES, TRIMS, type FormatName } from '../config/schema.js';
import { QuireError } from '../common/diagnostics.js';

/** What yargs hands the build handler (only the keys it reads). */
export interface BuildArgs {
  files?: string[] | undefined;
  config?: string | undefined;
  out: string;
  title?: string | undefined;
  author?: string | undefined;
  lang?: string | undefined;
  formats: string;
  trim?: string | undefined;
  notes?: string | undefined;
  'embed-fonts': boolean;
  print: boolean;
  bleed: boolean;
  pad: number;
  sheet?: string | undefined;
  duplex: string;
  creep?: number | undefined;
  signature?: number | undefined;
  marks: boolean;
  strict: boolean;
  'allow-outside': boolean;
  audit: boolean;
  watch: boolean;
}

type Kind = 'string' | 'number' | 'boolean';

/** The build command's options as declared to yargs: kind, short alias, allowed values. */
const OPTIONS: Record<string, { kind: Kind; alias?: string; choices?: readonly (string | number)[] }> = {
  config: { kind: 'string', alias: 'c' },
  out: { kind: 'string', alias: 'o' },
  title: { kind: 'string' },
  author: { kind: 'string' },
  lang: { kind: 'string' },
  formats: { kind: 'string' },
  trim: { kind: 'string', choices: TRIMS },
  notes: { kind: 'string', choices: NOTES_POLICIES },
  'embed-fonts': { kind: 'boolean' },
  print: { kind: 'boolean' },
  bleed: { kind: 'boolean' },
  pad: { kind: 'number', choices: [2, 4] },
  sheet: { kind: 'string', choices: ['a4', 'letter'] },
  duplex: { kind: 'string', choices: ['short', 'long'] },
  creep: { kind: 'number' },
  signature: { kind: 'number' },
  marks: { kind: 'boolean' },
  strict: { kind: 'boolean' },
  'allow-outside': { kind: 'boolean' },
  audit: { kind: 'boolean' },
  watch: { kind: 'boolean', alias: 'w' },
  // Global options.
  quiet: { kind: 'boolean', alias: 'q' },
  verbose: { kind: 'boolean' },
};

const SHORT = new Map<string, string>(Object.entries(OPTIONS).flatMap(([name, o]) => (o.alias ? [[`-${o.alias}`, name] as [string, string]] : [])));

/**
 * The arguments of `quire build …` when the command line is plain: only known long options (`--name value`,
 * `--name=value`, `--flag`, `--no-flag`), the short aliases on their own, positional files, each option at most
 * once, valid choices and numbers. Anything else (help, version, other commands, errors, unusual syntax) gives
 * undefined: yargs then parses it and reports as it always has.
 */
export function fastBuildArgs(argv: readonly string[]): BuildArgs | undefined {
  if (argv[0] !== 'build') return undefined;
  const values = new Map<string, string | number | boolean>();
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('-')) {
      files.push(token);
      continue;
    }
    let name: string | undefined;
    let value: string | undefined;
    let negated = false;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      name = eq === -1 ? token.slice(2) : token.slice(2, eq);
      if (eq !== -1) value = token.slice(eq + 1);
      if (!(name in OPTIONS) && name.startsWith('no-') && OPTIONS[name.slice(3)]?.kind === 'boolean' && value === undefined) {
        name = name.slice(3);
        negated = true;
      }
    } else name = SHORT.get(token);
    const option = name !== undefined && Object.hasOwn(OPTIONS, name) ? OPTIONS[name]! : undefined;
    if (!option || values.has(name!)) return undefined;
    if (option.kind === 'boolean') {
      const next = argv[i + 1];
      if (value !== undefined || next === 'true' || next === 'false') return undefined;
      values.set(name!, !negated);
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('-')) return undefined;
    }
    if (!value) return undefined;
    let parsed: string | number = value;
    if (option.kind === 'number') {
      if (!/^\d+(\.\d+)?$/.test(value)) return undefined;
      parsed = Number(value);
    }
    if (option.choices && !option.choices.includes(parsed)) return undefined;
    values.set(name!, parsed);
  }
  const get = <T>(name: string, fallback: T): T => (values.has(name) ? (values.get(name) as T) : fallback);
  return {
    ...(files.length > 0 && { files }),
    config: get<string | undefined>('config', undefined),
    out: get('out', 'dist'),
    title: get<string | undefined>('title', undefined),
    author: get<string | undefined>('author', undefined),
    lang: get<string | undefined>('lang', undefined),
    formats: get('formats', DEFAULT_FORMATS.join(',')),
    trim: get<string | undefined>('trim', undefined),
    notes: get<string | undefined>('notes', undefined),
    'embed-fonts': get('embed-fonts', false),
    print: get('print', false),
    bleed: get('bleed', false),
    pad: get('pad', 2),
    sheet: get<string | undefined>('sheet', undefined),
    duplex: get('duplex', 'short'),
    creep: get<number | undefined>('creep', undefined),
    signature: get<number | undefined>('signature', undefined),
    marks: get('marks', false),
    strict: get('strict', false),
    'allow-outside': get('allow-outside', false),
    audit: get('audit', true),
    watch: get('watch', false),
  };
}

/** The library options for parsed build arguments (throws a usage error for an unknown format). */
export function buildOptionsFrom(args: BuildArgs, onProgress?: BuildOptions['onProgress']): BuildOptions {
  const formats = String(args.formats).split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of formats) if (!(FORMATS as readonly string[]).includes(f)) throw new QuireError(`--formats: unknown format "${f}" (choose from ${FORMATS.join(', ')})`, { kind: 'usage' });
  return {
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
    ...(onProgress && { onProgress }),
  };
}
