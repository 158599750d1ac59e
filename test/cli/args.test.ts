// The command line's one parser (yargs, src/cli/args.ts): each option reaches the library's build options, arguments after `--` are files, and every mistake is a usage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, type Command } from '../../src/cli/args.ts';
import { QuireError } from '../../src/common/diagnostics.ts';

async function build(...argv: string[]): Promise<Extract<Command, { name: 'build' }>> {
  const command = await parseCommandLine(['build', ...argv]);
  assert.equal(command.name, 'build');
  return command as Extract<Command, { name: 'build' }>;
}

async function usageError(argv: string[], pattern: RegExp): Promise<void> {
  await assert.rejects(parseCommandLine(argv), (error: unknown) => {
    assert.ok(error instanceof QuireError, String(error));
    assert.equal(error.kind, 'usage');
    assert.equal(error.exitCode, 2);
    assert.match(error.message, pattern);
    return true;
  });
}

test('a plain `quire build`: the defaults, and no files (the config decides)', async () => {
  const command = await build();
  assert.deepEqual(command, {
    name: 'build',
    quiet: false,
    verbose: false,
    watch: false,
    options: { out: 'dist', formats: ['epub', 'pdf', 'zine'], embedFonts: false, print: false, bleed: false, pad: 2, duplex: 'short', marks: false, strict: false, allowOutside: false, audit: true },
  });
});

test('every build option reaches the build options, long and short', async () => {
  const command = await build(
    'a.txt', 'b c.txt', '-c', 'my.yaml', '-o', 'out dir', '--title', 'Harbour Lights', '--author', 'Ann', '--lang', 'fr', '--formats', 'epub, kepub,pdf',
    '--trim', 'trade', '--notes', 'keep', '--embed-fonts', '--print', '--bleed', '--shop', 'lulu', '--pad', '4', '--sheet', 'letter', '--duplex', 'long', '--creep', '0.5',
    '--signature', '3', '--marks', '--strict', '--allow-outside', '--no-audit', '-w', '-q', '--verbose',
  );
  assert.deepEqual(command, {
    name: 'build',
    quiet: true,
    verbose: true,
    watch: true,
    options: {
      files: ['a.txt', 'b c.txt'], config: 'my.yaml', out: 'out dir', title: 'Harbour Lights', author: 'Ann', lang: 'fr', formats: ['epub', 'kepub', 'pdf'],
      trim: 'trade', notes: 'keep', embedFonts: true, print: true, bleed: true, shop: 'lulu', pad: 4, sheet: 'letter', duplex: 'long', creep: 0.5, signature: 3,
      marks: true, strict: true, allowOutside: true, audit: false,
    },
  });
});

test('`--name=value`, `--flag false` and a number that looks like a file name are read as yargs reads them', async () => {
  const { options } = await build('--out=x=y', '--print', 'false', '--title=', '1984');
  assert.equal(options.out, 'x=y');
  assert.equal(options.print, false);
  assert.equal(options.title, undefined, 'an empty title is no title');
  assert.deepEqual(options.files, ['1984']);
});

test('arguments after `--` are story files, even ones that look like options', async () => {
  assert.deepEqual((await build('--', 'a.txt')).options.files, ['a.txt']);
  const { options } = await build('a.txt', '--title', 'T', '--', '-b.txt', '--out', 'c.txt');
  assert.deepEqual(options.files, ['a.txt', '-b.txt', '--out', 'c.txt']);
  assert.equal(options.out, 'dist');
  assert.equal(options.title, 'T');
  const normalise = await parseCommandLine(['normalise', 'a.txt', '--', '-b.txt']);
  assert.deepEqual(normalise.name === 'normalise' && normalise.files, ['a.txt', '-b.txt']);
  const check = await parseCommandLine(['check', 'x.epub', '--', '-y.pdf']);
  assert.deepEqual(check.name === 'check' && check.files, ['x.epub', '-y.pdf']);
});

test('normalise and check take their files and options', async () => {
  assert.deepEqual(await parseCommandLine(['normalise', 'a.txt', 'b.txt']), { name: 'normalise', quiet: false, verbose: false, files: ['a.txt', 'b.txt'], out: 'dist/markdown', lang: 'en', notes: 'endnotes' });
  assert.deepEqual(await parseCommandLine(['normalise', 'a.txt', '-o', 'ch', '--lang', 'de', '--notes', 'drop', '-q']), { name: 'normalise', quiet: true, verbose: false, files: ['a.txt'], out: 'ch', lang: 'de', notes: 'drop' });
  assert.deepEqual(await parseCommandLine(['check', 'a.epub', 'a.pdf', '--verbose']), { name: 'check', quiet: false, verbose: true, files: ['a.epub', 'a.pdf'] });
});

test('mistakes are usage errors (exit 2) that say what is wrong', async () => {
  await usageError([], /Give a command: build, normalise or check/);
  await usageError(['bild'], /Unknown argument: bild/);
  await usageError(['build', '--frobnicate'], /Unknown arguments?: frobnicate/);
  await usageError(['build', '--formats', 'epub,docx'], /^--formats: unknown format "docx" \(choose from epub, pdf, zine, minizine, kepub\)$/);
  await usageError(['build', '--trim', 'b5'], /Invalid values:[\s\S]*trim, Given: "b5", Choices: "a5", "digest", "trade", "a4", "letter"/);
  await usageError(['build', '--pad', '3'], /Invalid values:[\s\S]*pad, Given: 3, Choices: 2, 4/);
  await usageError(['normalise'], /^quire normalise: give at least one file$/);
  await usageError(['normalise', '--out', 'x', '--'], /^quire normalise: give at least one file$/);
  await usageError(['check'], /^quire check: give at least one file$/);
});

test('every usage error is one line (yargs words some over several)', async () => {
  for (const argv of [['build', '--trim', 'b5'], ['build', '--pad', '3'], ['bild'], []]) {
    await assert.rejects(parseCommandLine(argv), (error: unknown) => error instanceof QuireError && !error.message.includes('\n'));
  }
});

test('`quire normalise -- a.txt` and `quire check -- a.epub`: files only after `--` are files', async () => {
  const normalise = await parseCommandLine(['normalise', '--out', 'chapters', '--', 'a.txt', '--b.txt']);
  assert.deepEqual(normalise.name === 'normalise' && normalise.files, ['a.txt', '--b.txt']);
  const check = await parseCommandLine(['check', '--', 'a.epub']);
  assert.deepEqual(check.name === 'check' && check.files, ['a.epub']);
});

test('an option given twice takes its last value (never an array that breaks the build)', async () => {
  const { options } = await build('a.txt', '--formats', 'epub', '--out', 'one', '--formats', 'pdf,zine', '--out', 'two', '--title', 'A', '--title', 'B', '--pad', '2', '--pad', '4', 'b.txt');
  assert.deepEqual([options.formats, options.out, options.title, options.pad, options.files], [['pdf', 'zine'], 'two', 'B', 4, ['a.txt', 'b.txt']]);
  assert.deepEqual((await build('--marks', '--marks', '--no-audit', '--audit', '-q', '-q')).options.audit, true);
  const normalise = await parseCommandLine(['normalise', 'a.txt', '--lang', 'fr', '--lang', 'de', '--out', 'x', '-o', 'y']);
  assert.deepEqual(normalise, { name: 'normalise', quiet: false, verbose: false, files: ['a.txt'], out: 'y', lang: 'de', notes: 'endnotes' });
});
