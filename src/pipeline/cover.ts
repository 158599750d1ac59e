// The cover: a configured image is read and its header checked before any work (a PNG or JPEG of a sane size), then decoded and scaled beside the build; the typographic cover is drawn once, early, beside the build, and kept in the cover cache.
import { readInput, type InputSpec } from '../common/input-file.js';
import { inputSpec } from '../config/load.js';
import type { AnthologyConfig } from '../config/schema.js';
import type { Scheduler } from '../parallel/pool.js';
import { checkCoverHeader, type CoverImage } from '../render/epub/cover-image.js';
import { coverJob, type CoverJob, type CoverMeta } from '../render/epub/cover.js';
import type { Theme } from '../templates/theme.js';
import { readCachedCover, storeCover } from './cover-cache.js';
import { displayPath } from './stories.js';

/** A cover to draw: resvg's input, and the templates folder (for the error of a template that is no SVG). */
export interface CoverDraw {
  job: CoverJob;
  templatesDir: string;
}

/** A cover image to decode and fit (render/epub/cover-image.ts): its bytes, and how messages name it. */
export interface CoverFile {
  bytes: Uint8Array;
  spec: InputSpec;
}

/**
 * The config's cover image, read (a regular file of at most 32 MB, inside the config's folder) and its header checked
 * (a PNG or JPEG of at most COVER_MAX_PIXELS): a QuireError naming the file otherwise, before any work is done.
 */
export async function readCoverImage(config: Pick<AnthologyConfig, 'cover' | 'confine' | 'origins'>): Promise<CoverFile | undefined> {
  if (!config.cover) return undefined;
  const spec = inputSpec(config, config.cover, 'cover', displayPath(config.cover));
  const bytes = await readInput(config.cover, spec);
  checkCoverHeader(bytes, spec);
  return { bytes, spec };
}

/** The cover image decoded and fitted for the EPUB, beside this thread (decoding a large JPEG takes a second). */
export function prepareCover(jobs: Scheduler<CoverFile, CoverImage>, file: CoverFile): Promise<CoverImage> {
  const done = jobs.worth(1, 1) ? jobs.beside(file) : jobs.here(file);
  done.catch(() => undefined); // awaited by the EPUB; a build without one never asks
  return done;
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
