// The cover: a configured image is checked before any work (it must exist and be a PNG or JPEG); the typographic cover is drawn once, early, beside the build, and kept in the cover cache.
import { open } from 'node:fs/promises';
import { describeFsError } from '../config/load.js';
import type { AnthologyConfig } from '../config/schema.js';
import { QuireError } from '../common/diagnostics.js';
import type { Scheduler } from '../parallel/pool.js';
import { coverJob, type CoverJob, type CoverMeta } from '../render/epub/cover.js';
import type { Theme } from '../templates/theme.js';
import { readCachedCover, storeCover } from './cover-cache.js';

/** A cover to draw: resvg's input, and the templates folder (for the error of a template that is no SVG). */
export interface CoverDraw {
  job: CoverJob;
  templatesDir: string;
}

export type ImageKind = 'png' | 'jpeg';

/** Sniff the first bytes; throw a QuireError naming the config key when it is not a usable image. */
export async function checkCoverImage(file: string, display: string): Promise<ImageKind> {
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      head = Buffer.alloc(8);
      const { bytesRead } = await handle.read(head, 0, 8, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new QuireError(`cover: cannot read "${file}": ${describeFsError(error)}`, { file: display });
  }
  if (head.length >= 8 && head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  throw new QuireError(`cover: "${file}" is not a PNG or JPEG image`, { file: display });
}

/** Covers drawn or started in this process, by their exact input (a watch session may change the title a few times). */
const started = new Map<string, Promise<Uint8Array>>();
const KEEP = 4;

/**
 * The typographic cover's PNG: the one drawn for this very input earlier in the process (see prefetchCover), else
 * the one the cache kept from an earlier build, else drawn (beside this thread when a worker is free) and kept in
 * the cache for the next build.
 */
export function coverPng(jobs: Scheduler<CoverDraw, Uint8Array>, templatesDir: string, meta: CoverMeta, theme: Theme): Promise<Uint8Array> {
  const job = coverJob(templatesDir, meta, theme);
  const key = JSON.stringify(job);
  let png = started.get(key);
  if (!png) {
    const cached = readCachedCover(job);
    png = cached ? Promise.resolve(cached) : drawAndKeep(jobs, { job, templatesDir });
    started.set(key, png);
    for (const k of started.keys()) if (started.size > KEEP) started.delete(k);
  }
  return png;
}

async function drawAndKeep(jobs: Scheduler<CoverDraw, Uint8Array>, draw: CoverDraw): Promise<Uint8Array> {
  const png = await (jobs.worth(1, 1) ? jobs.beside(draw) : jobs.here(draw));
  storeCover(draw.job, png);
  return png;
}

/**
 * Start on the typographic cover as soon as the config and theme are known, from the cover's inputs as the config
 * gives them (title, subtitle, editor, the stories' authors); coverPng takes it if the book's own cover turns out
 * the same (the normaliser may find other authors). No cover is drawn for a book with a cover image.
 */
export function prefetchCover(jobs: Scheduler<CoverDraw, Uint8Array>, templatesDir: string, config: Pick<AnthologyConfig, 'title' | 'subtitle' | 'editor' | 'stories' | 'cover'>, theme: Theme): void {
  if (config.cover) return;
  const meta: CoverMeta = {
    title: config.title,
    ...(config.subtitle && { subtitle: config.subtitle }),
    ...(config.editor && { editor: config.editor }),
    authors: [...new Set(config.stories.flatMap((s) => s.authors ?? []))],
  };
  try {
    coverPng(jobs, templatesDir, meta, theme).catch(() => undefined);
  } catch {
    // A missing or broken cover template is reported when the EPUB is rendered.
  }
}
