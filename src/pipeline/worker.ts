// The worker threads' entry: answers the pool's jobs (parallel/pool.ts) with the tasks of tasks.ts.
import { serve } from '../parallel/pool.js';
import { TASKS } from './tasks.js';

serve(TASKS);
