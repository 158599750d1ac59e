// The jobs that may run beside the main thread, by name: each task's module is imported when its first job comes (in a worker, or on the main thread when no worker can be had).
import type { TaskTable } from '../parallel/pool.js';

export const TASKS = {
  /** Normalise and parse one story (story-task.ts). */
  story: () => import('./story-task.js'),
  /** Set some stories of the PDF layout (render/pdf/layout/story-job.ts). */
  'set-stories': () => import('../render/pdf/layout/story-job.js'),
  /** Deflate a batch of PDF page streams (render/pdf/deflate.ts). */
  deflate: () => import('../render/pdf/deflate.js'),
  /** Render the EPUB formats; read an EPUB back for the audit (epub-task.ts). */
  epub: async () => (await import('./epub-task.js')).render,
  'epub-audit': async () => (await import('./epub-task.js')).audit,
  /** Read the print PDF's drawn story text back and compare its words (audits.ts). */
  'pdf-audit': async () => (await import('./audits.js')).pdfAudit,
  /** The review page's story sections: each story's source line by line with its decisions (review/index.ts). */
  review: async () => ({ run: (await import('../review/index.js')).storyBodies }),
  /** Draw the typographic cover (resvg). */
  cover: async () => ({ run: (await import('../render/epub/cover.js')).drawCover }),
  /** Decode and fit a cover image (render/epub/cover-image.ts). */
  'cover-image': async () => (await import('../render/epub/cover-image.js')).task,
} satisfies TaskTable;
