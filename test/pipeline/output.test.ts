// Atomic outputs: files appear together on commit, abort leaves previous files and no temporaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputTransaction } from '../../src/pipeline/output.ts';
import { tempDir } from '../e2e/helpers.ts';

const tmp = (): string => tempDir('quire-out-');

test('staged files are invisible until commit, then replace the old ones', async () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'book.epub'), 'old');
  const tx = await OutputTransaction.open(dir);
  await tx.stage('book.epub', 'new');
  await tx.stage('markdown/01-a.md', '# A');
  assert.equal(readFileSync(path.join(dir, 'book.epub'), 'utf8'), 'old');
  await tx.commit();
  assert.equal(readFileSync(path.join(dir, 'book.epub'), 'utf8'), 'new');
  assert.equal(readFileSync(path.join(dir, 'markdown/01-a.md'), 'utf8'), '# A');
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.quire-tmp')), []);
});

test('abort keeps the previous outputs and removes temporaries', async () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'book.pdf'), 'previous');
  const tx = await OutputTransaction.open(dir);
  await tx.stage('book.pdf', 'half-written');
  await tx.abort();
  assert.equal(readFileSync(path.join(dir, 'book.pdf'), 'utf8'), 'previous');
  assert.deepEqual(readdirSync(dir).sort(), ['book.pdf']);
});

test('an output folder that cannot be written fails before any work', async () => {
  const parent = tmp();
  const file = path.join(parent, 'a-file');
  writeFileSync(file, 'x');
  await assert.rejects(OutputTransaction.open(path.join(file, 'out')), /cannot write to the output folder/);
  if (process.getuid?.() !== 0) {
    const ro = tmp();
    chmodSync(ro, 0o500);
    await assert.rejects(OutputTransaction.open(ro), /permission denied/);
  }
});
