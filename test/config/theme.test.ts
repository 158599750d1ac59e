// Theme loading: templates/theme.yaml validates, a config's theme file overrides some of its keys, and a bad value is one error naming the file and the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
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

test('a theme file overrides only the keys it names; keys the theme does not know are dropped', () => {
  const theme = loadTheme(DEFAULT_TEMPLATES_DIR, themeFile('text:\n  size: 12\n  align: left\nsparkle: true\n'));
  assert.equal(theme.text.size, 12);
  assert.equal(theme.text.align, 'left');
  assert.equal(theme.text.leading, loadTheme().text.leading);
  assert.ok(!('sparkle' in theme));
});

test('a bad theme value names the theme file, the key and the reason', () => {
  rejects('text:\n  size: -1\n', /theme\.yaml: text\.size: Too small: expected number to be >0/);
  rejects('text:\n  widows: 1.5\n', /theme\.yaml: text\.widows: Invalid input: expected int, received number/);
  rejects('text:\n  align: centre\n', /theme\.yaml: text\.align: Invalid option: expected one of "justify"\|"left"/);
  rejects('page:\n  top: 0.2\n', /theme\.yaml: page\.top: Too small: expected number to be >=0\.5/);
  rejects('page:\n  gutter:\n    - [150, wide]\n', /theme\.yaml: page\.gutter\[0\]\[1\]: Invalid input: expected number, received string/);
  rejects('ornament: ""\n', /theme\.yaml: ornament: Too small: expected string to have >=1 characters/);
  rejects('fonts: Garamond\n', /theme\.yaml: fonts: Invalid input: expected object, received string/);
});

test('an unreadable theme file is one error naming it', () => {
  rejects('text: [\n', /theme\.yaml: cannot read theme: /);
});
