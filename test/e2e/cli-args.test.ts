// The fast `quire build` argument parser gives exactly the build options yargs gives, wherever it accepts a command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildOptionsFrom, fastBuildArgs, type BuildArgs } from '../../src/cli/build-args.ts';
import { runYargs } from '../../src/cli/yargs-cli.ts';

/** The build arguments yargs hands the build handler for `argv`. */
async function yargsBuildArgs(argv: string[]): Promise<BuildArgs> {
  let captured: BuildArgs | undefined;
  await runYargs(argv, {
    build: async (args) => {
      captured = args;
    },
    normalise: async () => assert.fail('normalise handler called'),
    check: async () => assert.fail('check handler called'),
  });
  assert.ok(captured, 'yargs ran the build handler');
  return captured;
}

/** Build options (or the usage error) and the watch flag, without the progress callback. */
function optionsOrError(args: BuildArgs): unknown {
  try {
    return { ...buildOptionsFrom(args), watch: args.watch };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Command-line pieces: plain, unusual and invalid ones (the fast parser must decline what it cannot match). */
const PIECES: string[][] = [
  ['a.txt'], ['b c.txt'], ['1984'], ['--out', 'dist2'], ['--out=out dir'], ['-o', 'x'], ['--out'], ['--out', '-x'], ['--out='],
  ['--title', 'Harbour Lights'], ['--title=a=b'], ['--author', 'Ann'], ['--lang', 'fr'], ['-c', 'seeds/anthology.yaml'], ['--config', 'c.yaml'],
  ['--formats', 'epub,pdf'], ['--formats', 'epub, zine'], ['--formats', 'epub,nope'], ['--trim', 'trade'], ['--trim', 'bogus'], ['--notes', 'keep'],
  ['--pad', '4'], ['--pad', '3'], ['--pad', '2.0'], ['--pad=4'], ['--creep', '1.5'], ['--creep', '-1'], ['--creep', 'x'], ['--signature', '2'],
  ['--sheet', 'letter'], ['--duplex', 'long'], ['--duplex', 'sideways'],
  ['--no-audit'], ['--audit'], ['--print'], ['--print', 'false'], ['--print=true'], ['--bleed'], ['--marks'], ['--strict'], ['--embed-fonts'],
  ['--allow-outside'], ['--no-allow-outside'], ['--allowOutside'], ['-q'], ['--quiet'], ['--verbose'], ['--no-verbose'], ['-w'], ['--no-watch'],
  ['--bogus'], ['-x'], ['-qv'], ['--'], ['-'], ['--no-out'],
];

test('fast build arguments equal yargs for every command line the fast parser accepts', async () => {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }), async (pieces) => {
      const argv = ['build', ...pieces.flat()];
      const fast = fastBuildArgs(argv);
      if (!fast) return;
      accepted++;
      assert.deepEqual(optionsOrError(fast), optionsOrError(await yargsBuildArgs(argv)), argv.join(' '));
    }),
    { numRuns: 400, seed: 7 },
  );
  assert.ok(accepted > 50, `${accepted} command lines took the fast path`);
});

test('plain build command lines take the fast path; help, version and other commands do not', () => {
  for (const argv of [['build'], ['build', '--out', '/tmp/x'], ['build', 'a.txt', 'b.txt', '--title', 'T', '--formats', 'epub,pdf', '--no-audit', '-q'], ['build', '-c', 'x.yaml', '-o', 'y', '-w']]) {
    assert.ok(fastBuildArgs(argv), argv.join(' '));
  }
  for (const argv of [[], ['--help'], ['build', '--help'], ['build', '-h'], ['--version'], ['check', 'a.pdf'], ['normalise', 'a.txt'], ['build', '--trim', 'bogus']]) {
    assert.equal(fastBuildArgs(argv), undefined, argv.join(' '));
  }
});
