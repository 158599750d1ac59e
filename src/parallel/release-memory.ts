// Gives an idle worker thread's garbage back to the system: a full collection now and one more once it has swept.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * For a thread that has finished a big job and now waits: V8 collects garbage only when it allocates, so an idle
 * thread keeps its peak heap. Runs V8's gc() (exposed for this once: `--expose-gc` set at run time applies to
 * contexts made after it, as this one) now, and again on the next turn, when the first collection's sweeping is
 * done and the second can return the freed pages (measured: a 330 MB heap of garbage → 100 MB RSS; one
 * collection alone returned almost nothing).
 */
export function releaseMemory(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  if (!gc) return;
  gc();
  setTimeout(gc, 0);
}
