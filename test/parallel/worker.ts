// The pool tests' worker entry: serves TEST_TASKS as pipeline/worker.ts serves quire's tasks.
import { serve } from '../../src/parallel/pool.ts';
import { TEST_TASKS } from './tasks.ts';

serve(TEST_TASKS);
