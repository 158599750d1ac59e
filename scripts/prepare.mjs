// `npm install`'s prepare step: builds lib/ (`npm run build`) unless it was built from exactly these sources, as it is when npx installs the project into its cache on a first `npx quire` (a full build there took 5.8 s of a 6 s first run).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BANNER, inputsHash, ROOT, STAMP } from './build-stamp.mjs';

const main = path.join(ROOT, 'lib', 'cli', 'main.js');
// Built means: the stamp of these sources, and the bin bundled (a plain tsc run leaves main.js unbundled).
const built = existsSync(STAMP) && existsSync(main) && readFileSync(main, 'utf8').includes(BANNER) && readFileSync(STAMP, 'utf8').trim() === inputsHash();
if (built) {
  console.log('quire: lib/ is built from these sources already (npm run build builds it anew)');
} else {
  const npm = process.env.npm_execpath;
  const r = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: ROOT, stdio: 'inherit' }) : spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exitCode = r.status ?? 1;
}
