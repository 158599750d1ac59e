// Worker-thread entry: runs the EPUB side of one build (epub-job.ts), its read-back when told, posts the outputs, audits, messages and timings back, and ends.
import { parentPort } from 'node:worker_threads';
import { Messages } from '../common/diagnostics.js';
import { adoptCovers } from '../render/epub/cover-thread.js';
import { runEpubJob, type EpubJob, type Stage } from './epub-job.js';
import type { AuditGo, FromWorker, ToWorker } from './epub-thread.js';
import { sendError } from './thread-error.js';
import { releaseMemory } from '../parallel/release-memory.js';

const port = parentPort;
if (!port) throw new Error('epub-worker runs only as a worker thread');

// Load the EPUB renderers while the book is still being cloned over (the job then finds them in the module cache).
const start = performance.now();
const preload = Promise.all([import('../render/epub/index.js'), import('../render/epub/text.js')]).then(
  () => (performance.now() - start) / 1000,
  () => 0,
);

// The first message is the job; with `deferAudit`, a second one (AuditGo) lets the EPUB's read-back start.
let go: () => void = () => undefined;
const auditMayStart = new Promise<void>((resolve) => (go = resolve));
let received = 0;
port.on('message', (message: ToWorker | AuditGo) => {
  if (received++ > 0) return go();
  const job = message as ToWorker;
  // Waiting to read the EPUB back: first give back the rendering's garbage (an idle thread does not collect it).
  const beforeAudit = job.deferAudit ? () => (releaseMemory(), auditMayStart) : undefined;
  // One job per worker: once it is answered the port closes, the thread ends and its memory is given back.
  void handle(job, beforeAudit).then((reply) => {
    port.postMessage(reply);
    port.close();
  });
});

async function handle(message: ToWorker, beforeAudit?: () => Promise<void>): Promise<FromWorker> {
  const timings: Record<string, number> = { load: await preload };
  const stage: Stage = async (name, fn) => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = (timings[name] ?? 0) + (performance.now() - t) / 1000;
    }
  };
  adoptCovers(message.covers);
  const messages = new Messages();
  const job: EpubJob = { ...message.job, ctx: { ...message.job.ctx, messages } };
  try {
    return { ok: true, result: await runEpubJob(job, stage, beforeAudit ? { beforeAudit } : {}), messages: messages.list, timings };
  } catch (error) {
    return { ok: false, error: sendError(error), messages: messages.list, timings };
  }
}
