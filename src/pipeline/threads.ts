// The build's worker pool (parallel/pool.ts) and the schedulers its stages are given.
import { defaultThreads, Pool } from '../parallel/pool.js';
import { workerModule } from '../parallel/worker-module.js';
import { TASKS } from './tasks.js';

/**
 * `QUIRE_WORKERS=off`: no worker threads (every job runs on the main thread); `all`: every job that can go beside
 * does, however small the work (the tests use it to send the seeds through the workers); otherwise work goes
 * beside when it is big enough to pay for it, given a second core.
 */
function threadsFromEnv(env = process.env.QUIRE_WORKERS): { threads: number; eager: boolean } {
  if (env === 'off') return { threads: 0, eager: false };
  if (env === 'all') return { threads: Math.max(2, defaultThreads()), eager: true };
  return { threads: defaultThreads(), eager: false };
}

/** The process's pool: its workers are started on first use and kept, idle, for later jobs (a watch session's next build). */
export const pool = new Pool(TASKS, { entry: workerModule('pipeline/worker'), ...threadsFromEnv() });
