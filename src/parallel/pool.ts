// The worker pool: the one module that starts threads. A job is a task's name and its input; it runs in a worker
// beside this thread, or here when no worker can be had, through the same task function either way.
//
// One protocol: the pool posts { id, task, input } to an idle worker and the worker answers { id, ok, output } or
// { id, ok: false, error }; a worker says { ready } once its entry has loaded. One fallback: a pool that cannot
// start a worker (no worker_threads, the entry fails to load) runs its jobs here. A worker that dies in the middle
// of a job is an error of that job (WorkerCrash), never a silent second run.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { receiveError, sendError, type SentError } from './errors.js';

/** A task: what a worker (or this thread) runs for a job. A task module exports these. */
export interface Task<I = never, O = unknown> {
  run(input: I): O | Promise<O>;
  /** The output made ready for its trip to the main thread (flat data; buffers moved, not copied); `unpack` undoes it. */
  pack?(output: O): { message: unknown; transfer: ArrayBuffer[] };
  unpack?(message: unknown): O;
  /**
   * A big job: its worker ends after it, and the memory it leaves goes with the thread. (A worker left idle keeps its
   * peak heap: V8 collects only when it allocates. Two full collections gave it back too, but cost the large book
   * ≈ 0.2 s of CPU each, beside its paint; a new worker for the next job costs ≈ 0.1 s.)
   */
  big?: boolean;
}

/** Task name → the module that runs it (imported when the first job of that task comes). */
export type TaskTable = Record<string, () => Promise<Task<never, unknown>>>;

type TaskOf<T extends TaskTable, N extends keyof T> = Awaited<ReturnType<T[N]>>;
export type InputOf<T extends TaskTable, N extends keyof T> = TaskOf<T, N> extends Task<infer I, unknown> ? I : never;
export type OutputOf<T extends TaskTable, N extends keyof T> = Awaited<ReturnType<TaskOf<T, N>['run']>>;

/** What a stage is given to share its work: jobs of one task, run beside this thread or here. */
export interface Scheduler<I, O> {
  /** Whether `size` units of work (at least `min`) are worth handing to a worker, and one can run. */
  worth(size: number, min: number): boolean;
  /** Run a job beside this thread (in a worker; here when none can be had); `transfer`: input buffers to move, not copy. */
  beside(input: I, transfer?: ArrayBuffer[]): Promise<O>;
  /** Run a job on this thread. */
  here(input: I): Promise<O>;
}

/** A scheduler that never starts a thread. */
export function hereOnly<I, O>(run: (input: I) => O | Promise<O>): Scheduler<I, O> {
  const here = async (input: I): Promise<O> => run(input);
  return { worth: () => false, beside: here, here };
}

/** A worker died in the middle of a job: the job's error. */
export class WorkerCrash extends Error {
  constructor(task: string, cause: unknown) {
    super(`a worker thread stopped while running "${task}": ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'WorkerCrash';
  }
}

type JobMessage = { id: number; task: string; input: unknown };
/** A job's answer; `ends`: it was a big job, and the worker takes no other (the pool ends it). */
type ReplyMessage = { ready: true } | { id: number; ok: true; output: unknown; seconds: number; ends?: true } | { id: number; ok: false; error: SentError; seconds: number; ends?: true };

interface Job {
  id: number;
  task: string;
  input: unknown;
  transfer: readonly ArrayBuffer[];
  resolve(output: unknown): void;
  reject(error: unknown): void;
  /** Called with the worker's own seconds on the job. */
  seconds?: (s: number) => void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  job?: Job;
  /** Ends the worker once it has had no job for IDLE_EXIT_MS. */
  idle?: NodeJS.Timeout;
}

/**
 * A worker with no job for this long ends, and gives its memory back with it (a build's last jobs end while the
 * main thread still paints and imposes: two idle workers kept ≈ 50 MB more at the build's peak); the next job
 * starts another (≈ 0.1 s).
 */
const IDLE_EXIT_MS = 300;

export interface PoolOptions {
  /** The worker entry: a module that calls serve() with the same table (.ts files run through tsx's loader). */
  entry: string;
  /** At most this many workers (0: none, every job runs here). */
  threads: number;
  /** Whether every job worth nothing is still sent beside (tests: the seeds go through the workers). */
  eager?: boolean;
}

export class Pool<T extends TaskTable> {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** No worker can run here: every job runs on this thread. */
  private broken: boolean;

  constructor(
    private readonly tasks: T,
    private readonly options: PoolOptions,
  ) {
    this.broken = options.threads <= 0;
  }

  /** Whether jobs can go to a worker at all. */
  get available(): boolean {
    return !this.broken;
  }

  /** The scheduler of one task. */
  scheduler<N extends keyof T & string>(task: N, seconds?: (s: number) => void): Scheduler<InputOf<T, N>, OutputOf<T, N>> {
    return {
      worth: (size, min) => this.available && (size >= min || this.options.eager === true),
      beside: (input, transfer) => this.run(task, input, transfer, seconds),
      here: (input) => this.runHere(task, input),
    };
  }

  /** Run a job in a worker (here when no worker can be had); `transfer`: input buffers to move rather than copy. */
  run<N extends keyof T & string>(task: N, input: InputOf<T, N>, transfer: readonly ArrayBuffer[] = [], seconds?: (s: number) => void): Promise<OutputOf<T, N>> {
    if (this.broken) return this.runHere(task, input);
    return new Promise<OutputOf<T, N>>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, input, transfer, resolve: resolve as (o: unknown) => void, reject, ...(seconds && { seconds }) });
      this.dispatch();
    });
  }

  /** Run a job on this thread: the task's own function, as a worker runs it. */
  async runHere<N extends keyof T & string>(task: N, input: InputOf<T, N>): Promise<OutputOf<T, N>> {
    const t = await this.tasks[task]!();
    return (await t.run(input as never)) as OutputOf<T, N>;
  }

  /** Stop every worker (idle ones end with the process anyway: they do not keep it alive). */
  async close(): Promise<void> {
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      if (this.broken) {
        for (const job of this.queue.splice(0)) this.runHere(job.task, job.input as never).then(job.resolve, job.reject);
        return;
      }
      // A job moving buffers goes only to a worker whose entry has loaded (moved buffers cannot come back, should
      // the entry fail to load); any other job may wait in a starting worker's queue. Posted at once, it starts as
      // soon as the worker has loaded, even while this thread is busy and cannot hear that it has.
      const job = this.queue[0]!;
      const thread = this.threads.find((t) => !t.job && (t.ready || job.transfer.length === 0));
      if (!thread) {
        const starting = this.threads.filter((t) => !t.ready && !t.job).length;
        if (starting < this.queue.length && this.threads.length < this.options.threads && this.start()) continue;
        return;
      }
      this.queue.shift();
      clearTimeout(thread.idle);
      thread.job = job;
      thread.worker.ref();
      try {
        thread.worker.postMessage({ id: job.id, task: job.task, input: job.input } satisfies JobMessage, job.transfer as ArrayBuffer[]);
      } catch (error) {
        // The input cannot be cloned: an error of the job (it would fail here too, in another way).
        thread.job = undefined;
        thread.worker.unref();
        job.reject(error);
      }
    }
  }

  /** Start a worker (it takes jobs once its entry has loaded); false when none can start here. */
  private start(): boolean {
    let worker: Worker;
    try {
      worker = startWorker(this.options.entry);
    } catch {
      this.broken = true;
      return false;
    }
    const thread: Thread = { worker, ready: false };
    this.threads.push(thread);
    worker.on('message', (reply: ReplyMessage) => {
      if ('ready' in reply) {
        thread.ready = true;
        this.dispatch();
        this.idleUnlessBusy(thread);
        return;
      }
      const job = thread.job;
      if (!job || job.id !== reply.id) return;
      thread.job = undefined;
      job.seconds?.(reply.seconds);
      if (reply.ok) this.unpack(job.task, reply.output).then(job.resolve, job.reject);
      else job.reject(receiveError(reply.error));
      if (reply.ends) this.end(thread);
      this.dispatch();
      this.idleUnlessBusy(thread);
    });
    const gone = (cause: unknown): void => {
      const at = this.threads.indexOf(thread);
      if (at < 0) return;
      this.threads.splice(at, 1);
      const job = thread.job;
      thread.job = undefined;
      if (!thread.ready) {
        // The entry did not load: no worker will, so this pool runs everything here from now on, beginning with
        // the job that was waiting for this worker (it never ran).
        this.broken = true;
        if (job) this.queue.unshift(job);
      } else if (job) job.reject(new WorkerCrash(job.task, cause));
      this.dispatch();
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`exit code ${code}`)));
    return true;
  }

  /** A worker left without a job: it does not keep the process alive, and ends if no job comes for a while. */
  private idleUnlessBusy(thread: Thread): void {
    if (thread.job || !this.threads.includes(thread)) return;
    thread.worker.unref();
    clearTimeout(thread.idle);
    thread.idle = setTimeout(() => {
      if (!thread.job) this.end(thread);
    }, IDLE_EXIT_MS).unref();
  }

  /** End a worker that has no job: it takes no more, and its memory goes with it. */
  private end(thread: Thread): void {
    const at = this.threads.indexOf(thread);
    if (at < 0) return;
    this.threads.splice(at, 1);
    clearTimeout(thread.idle);
    void thread.worker.terminate();
  }

  private async unpack(task: string, message: unknown): Promise<unknown> {
    const t = await this.tasks[task]!();
    return t.unpack ? t.unpack(message) : message;
  }
}

/** Threads for a pool on this machine: none with one core; else one per other core, at least two. */
export function defaultThreads(cores = availableParallelism()): number {
  return cores < 2 ? 0 : Math.max(2, cores - 1);
}

/**
 * Start a worker on `entry` (a .js file, or a .ts file when quire runs from its sources under tsx: Node 20 does not
 * apply the main thread's loader hooks to a worker, so tsx's loader is registered in it first).
 */
function startWorker(entry: string): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry);
  const href = JSON.stringify(pathToFileURL(path.resolve(entry)).href);
  return new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${href}); })`, { eval: true });
}

/** The worker side: answer the pool's jobs with the tasks of `tasks`, one at a time, in the order they come. */
export function serve(tasks: TaskTable): void {
  const port = parentPort;
  if (!port) throw new Error('serve() runs in a worker thread');
  port.on('message', async ({ id, task, input }: JobMessage) => {
    const start = performance.now();
    // After a big job the pool ends this worker (Task.big).
    let ends: { ends?: true } = {};
    try {
      const t = tasks[task];
      if (!t) throw new Error(`no task "${task}"`);
      const module = await t();
      if (module.big) ends = { ends: true };
      const output = await module.run(input as never);
      const { message, transfer } = module.pack ? module.pack(output) : { message: output, transfer: [] };
      port.postMessage({ id, ok: true, output: message, seconds: (performance.now() - start) / 1000, ...ends } satisfies ReplyMessage, transfer);
    } catch (error) {
      port.postMessage({ id, ok: false, error: sendError(error), seconds: (performance.now() - start) / 1000, ...ends } satisfies ReplyMessage);
    }
  });
  port.postMessage({ ready: true } satisfies ReplyMessage);
}
