// The normaliser on real writing: the labelled development texts (../shared/realworld-dev), built to EPUB by quire and
// read back, must meet the acceptance thresholds. REALWORLD_DIRS (colon-separated) scores more labelled folders the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { scoreFolder } from './realworld-score.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEV = path.resolve(ROOT, '../shared/realworld-dev');
const folders = [DEV, ...(process.env.REALWORLD_DIRS ?? '').split(':').filter(Boolean).map((d) => path.resolve(d))];

for (const folder of folders) {
  test(`real writing: ${path.relative(ROOT, folder)} meets the thresholds`, { skip: !existsSync(folder) && `${folder} is absent (the labelled texts live beside the project, in ../shared)` }, async () => {
    const score = await scoreFolder(folder);
    const misses = score.texts.flatMap((t) => t.misses.map((m) => `${t.file}: ${m}`)).join('\n');
    const report = `${score.line}\n${misses}`;
    assert.ok(score.texts.length > 0, `no labelled texts in ${folder}`);
    assert.equal(score.story, 1, `story text lost (a story passage lost or moved is a failure):\n${report}`);
    assert.ok(score.paratext >= 0.9, `paratext removed below 90 %:\n${report}`);
    assert.ok(score.headings >= 0.9 && score.falseHeadings <= 1, `headings below 90 % or more than one false:\n${report}`);
    assert.ok(score.breaksExact >= 0.9, `scene breaks exact in fewer than 90 % of the texts:\n${report}`);
    assert.ok(score.titles >= 0.8, `titles below 80 %:\n${report}`);
    for (const t of score.texts) assert.ok(!t.misses.some((m) => m.startsWith('build failed')), `${t.file}: ${t.misses.join('; ')}`);
    console.log(`# ${path.basename(folder)}: ${score.line}`);
  });
}
