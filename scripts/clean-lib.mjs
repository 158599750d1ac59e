// `npm run build`'s first step: lib/ is emptied before tsc writes it, so a module whose source was deleted or moved does not live on in lib/ (and in the bundle, which imports from lib/). The build stamp goes with it: it is written again once the bundle is made.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './build-stamp.mjs';

await rm(path.join(ROOT, 'lib'), { recursive: true, force: true });
