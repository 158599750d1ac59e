// Theme loading: templates/theme.yaml validates, a config's theme file overrides some of its keys, and a bad value is one error naming the file and the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { QuireError } from '../../src/common/diagnostics.ts';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';
import { tempDir } from '../e2e/helpers.ts';

function themeFile(yaml: string): string {
  const file = path.join(tempDir('quire-theme-'), 'theme.yaml');
  writeFileSync(file, yaml);
  return file;
}

function rejects(yaml: string, pattern: RegExp): void {
  const file = themeFile(yaml);
  assert.throws(() => loadTheme(DEFAULT_TEMPLATES_DIR, file), (error: unknown) => {
    assert.ok(error instanceof QuireError, String(error));
    assert.equal(error.file, file);
    assert.equal(error.kind, 'input');
    assert.match(error.format(), pattern);
    return true;
  });
}

test('the default theme loads, with its fonts resolved to files', () => {
  const theme = loadTheme();
  assert.equal(theme.fonts.family, 'EB Garamond');
  assert.equal(theme.text.align, 'justify');
  assert.deepEqual(theme.page.gutter[0], [150, 0.375]);
  assert.ok(Object.values(theme.fontFiles).every((f) => path.isAbsolute(f) && f.endsWith('.ttf')));
});

test('a theme file overrides only the keys it names', () => {
  const theme = loadTheme(DEFAULT_TEMPLATES_DIR, themeFile('text:\n  size: 12\n  align: left\n'));
  assert.equal(theme.text.size, 12);
  assert.equal(theme.text.align, 'left');
  assert.equal(theme.text.leading, loadTheme().text.leading);
});

test('a key the theme does not know is an error naming it, its file and line, like the config\'s', () => {
  rejects('text:\n  size: 12\nsparkle: true\n', /theme\.yaml:3: sparkle: unknown key "sparkle"/);
  rejects('text:\n  colour: red\n', /theme\.yaml:2: text\.colour: unknown key "colour"/);
  rejects('fonts:\n  regualr: x.ttf\n', /theme\.yaml:2: fonts\.regualr: unknown key "regualr"/);
});

test('a bad theme value names the theme file, the key and the reason', () => {
  rejects('text:\n  size: -1\n', /theme\.yaml:2: text\.size: -1 is out of range: give points from 5 to 36/);
  rejects('text:\n  widows: 1.5\n', /theme\.yaml:2: text\.widows: Invalid input: expected int, received number/);
  rejects('text:\n  align: centre\n', /theme\.yaml:2: text\.align: Invalid option: expected one of "justify"\|"left"/);
  rejects('page:\n  top: 0.2\n', /theme\.yaml:2: page\.top: 0\.2 is out of range: give inches from 0\.5 to 2/);
  rejects('page:\n  gutter:\n    - [150, wide]\n', /theme\.yaml:3: page\.gutter\[0\]\[1\]: Invalid input: expected number, received string/);
  rejects('ornament: ""\n', /theme\.yaml:1: ornament: Too small: expected string to have >=1 characters/);
  rejects('fonts: Garamond\n', /theme\.yaml:1: fonts: Invalid input: expected object, received string/);
});

test('theme values are bounded: a book can be set in them', () => {
  rejects('text:\n  size: 1e9\n', /text\.size: 1000000000 is out of range: give points from 5 to 36/);
  rejects('text:\n  size: .nan\n', /text\.size: /);
  rejects('text:\n  leading: 40\n', /text\.leading: 40 is out of range/);
  rejects('text:\n  indent: 500\n', /text\.indent: 500 is out of range: give em from 0 to 10/);
  rejects('text:\n  widows: 1000\n', /text\.widows: /);
  rejects('headings:\n  bookTitle: 90\n', /headings\.bookTitle: 90 is out of range/);
  rejects('page:\n  outside: 7\n', /page\.outside: 7 is out of range: give inches from 0\.5 to 2/);
  rejects('page:\n  gutter:\n    - [300, 0.5]\n    - [150, 0.375]\n', /page\.gutter: list the page counts from low to high, each once/);
  rejects('page:\n  gutter:\n    - [150, 9]\n', /page\.gutter\[0\]\[1\]: 9 is out of range/);
  rejects(`ornament: "${'❧'.repeat(500)}"\n`, /ornament: give at most 12 characters on one line/);
  rejects('sceneBreakSpace: 1e6\n', /sceneBreakSpace: 1000000 is out of range/);
});

test('an unreadable theme file is one error naming it', () => {
  rejects('text: [\n', /theme\.yaml:\d+: invalid YAML: /);
});

test('a theme font is found next to the theme, must be a TrueType or OpenType font, and errors name the theme\'s key', () => {
  const file = themeFile('fonts:\n  regular: missing.ttf\n');
  assert.throws(() => loadTheme(DEFAULT_TEMPLATES_DIR, file), (e: unknown) => e instanceof QuireError && e.file === file && e.line === 2 && /^fonts\.regular: "missing\.ttf" cannot be read: no such file$/.test(e.message));
  const notFont = themeFile('fonts:\n  italic: notes.ttf\n');
  writeFileSync(path.join(path.dirname(notFont), 'notes.ttf'), 'just some text, not a font\n');
  assert.throws(() => loadTheme(DEFAULT_TEMPLATES_DIR, notFont), (e: unknown) => e instanceof QuireError && e.file === notFont && e.line === 2 && /^fonts\.italic: "notes\.ttf" is not a font file/.test(e.message));
  const woff2 = themeFile('fonts:\n  bold: face.woff2\n');
  writeFileSync(path.join(path.dirname(woff2), 'face.woff2'), Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(60)]));
  assert.throws(() => loadTheme(DEFAULT_TEMPLATES_DIR, woff2), /fonts\.bold: "face\.woff2" is a WOFF2 web font/);
  const cut = themeFile('fonts:\n  regular: cut.ttf\n');
  writeFileSync(path.join(path.dirname(cut), 'cut.ttf'), readFileSync(loadTheme().fontFiles.regular).subarray(0, 2000));
  assert.throws(() => loadTheme(DEFAULT_TEMPLATES_DIR, cut), /fonts\.regular: "cut\.ttf" is a damaged font file \(a table lies past its end\)/);
  const good = themeFile('fonts:\n  regular: mine.ttf\n');
  copyFileSync(loadTheme().fontFiles.bold, path.join(path.dirname(good), 'mine.ttf'));
  assert.equal(loadTheme(DEFAULT_TEMPLATES_DIR, good).fontFiles.regular, path.join(path.dirname(good), 'mine.ttf'));
});

test('a user\'s theme names fonts only inside the config\'s folder (by real path), unless allowed', () => {
  const file = themeFile('fonts:\n  regular: /etc/passwd\n  italic: ../up.ttf\n');
  const within = realpathSync(path.dirname(file));
  assert.throws(() => loadTheme(DEFAULT_TEMPLATES_DIR, file, { within }), (e: unknown) => e instanceof QuireError && e.line === 2 && /fonts\.regular: "\/etc\/passwd" is outside the config's folder .*--allow-outside/.test(e.message));
  const up = themeFile('fonts:\n  italic: ../up.ttf\n');
  assert.throws(() => loadTheme(DEFAULT_TEMPLATES_DIR, up, { within: realpathSync(path.dirname(up)) }), /fonts\.italic: "\.\.\/up\.ttf" is outside the config's folder/);
  const pkg = themeFile('fonts:\n  italic: "dejavu-fonts-ttf/../../../../etc/passwd"\n');
  assert.throws(() => loadTheme(DEFAULT_TEMPLATES_DIR, pkg, { within: realpathSync(path.dirname(pkg)) }), /fonts\.italic: /);
  // An npm package path is quire's own installed font.
  const packaged = themeFile('fonts:\n  regular: dejavu-fonts-ttf/ttf/DejaVuSans.ttf\n');
  assert.match(loadTheme(DEFAULT_TEMPLATES_DIR, packaged, { within: realpathSync(path.dirname(packaged)) }).fontFiles.regular, /DejaVuSans\.ttf$/);
});

test('an error about a value of templates/theme.yaml names that file, one about the user\'s theme the user\'s', () => {
  const templates = tempDir('quire-templates-');
  cpSync(DEFAULT_TEMPLATES_DIR, templates, { recursive: true });
  writeFileSync(path.join(templates, 'theme.yaml'), readFileSync(path.join(templates, 'theme.yaml'), 'utf8').replace('size: 10.5', 'size: 400'));
  assert.throws(() => loadTheme(templates), (e: unknown) => e instanceof QuireError && e.file === path.join(templates, 'theme.yaml') && /text\.size: 400/.test(e.message));
  const mine = themeFile('text:\n  size: 11\n');
  assert.equal(loadTheme(templates, mine).text.size, 11, 'the user\'s value mends it');
});
