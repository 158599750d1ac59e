// Command-line options of `npm run bench`: runs per case, which cases, pandoc on/off, where the JSON goes.
import { parseArgs } from 'node:util';

export interface BenchArgs {
  runs: number;
  /** Case names to run, in the order given; empty means all. */
  cases: string[];
  pandoc: boolean;
  /** Also time a cold `node lib/cli/main.js build` of the seeds. */
  cli: boolean;
  keep: boolean;
  json: string;
  /** Also write the tables as a Markdown report (machine, load, tables, targets) to this file. */
  markdown?: string;
  /** Write a V8 CPU profile of each child run into this folder (node --cpu-prof). */
  profile?: string;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [--runs N] [--case NAME]… [--no-pandoc] [--no-cli] [--keep] [--json FILE]
  --runs N      runs per case, median reported (default 3)
  --case NAME   only this case (repeatable or comma-separated): small, medium, large, large-epub, many-stories
  --no-pandoc   do not run pandoc even when it is on PATH
  --no-cli      do not time the cold \`node lib/cli/main.js build\` of the seeds
  --keep        keep the temporary folder with configs and outputs
  --json FILE   where the JSON results go (default bench/results.json)
  --markdown F  also write the tables, machine and load as Markdown to F (e.g. bench/RESULTS.md)
  --profile DIR write a CPU profile of each run into DIR (summarise with \`npx tsx bench/cpuprofile.ts FILE\`)`;

export function parseBenchArgs(argv: string[], known: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      case: { type: 'string', multiple: true, default: [] },
      'no-pandoc': { type: 'boolean', default: false },
      'no-cli': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      json: { type: 'string', default: 'bench/results.json' },
      profile: { type: 'string' },
      markdown: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: give a whole number ≥ 1, not "${values.runs}"`);
  const cases = (values.case ?? []).flatMap((c) => c.split(',')).map((c) => c.trim()).filter(Boolean);
  for (const c of cases) if (!known.includes(c)) throw new Error(`--case: unknown case "${c}" (choose from ${known.join(', ')})`);
  return { runs, cases: [...new Set(cases)], pandoc: !values['no-pandoc'], cli: !values['no-cli'], keep: values.keep ?? false, json: values.json ?? 'bench/results.json', ...(values.profile && { profile: values.profile }), ...(values.markdown && { markdown: values.markdown }), help: values.help ?? false };
}
