// `quire build --watch`: rebuilds when the config, a story source or a template changes, reusing unchanged stories' normalised results and PDF layouts.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { StoryLayoutCache } from '../render/pdf/layout/story-cache.js';
import { DEFAULT_TEMPLATES_DIR } from '../templates/theme.js';
import { DEFAULT_CONFIG, resolveConfig } from './config.js';
import { runBuild, type BuildResult } from './index.js';
import { NormaliseCache } from './normalise-cache.js';
import type { BuildOptions } from './options.js';

/**
 * What one (re)build produced. `changed` lists the paths whose change triggered it (empty for the first build).
 * `reused`/`normalised`: stories whose normalised result was reused / computed; `layoutsReused`/`laidOut`: stories
 * whose PDF layout was reused / set again (both 0 when no PDF or zine is built).
 */
export type WatchEvent =
  | { ok: true; build: number; changed: string[]; seconds: number; result: BuildResult; reused: number; normalised: number; layoutsReused: number; laidOut: number }
  | { ok: false; build: number; changed: string[]; seconds: number; error: unknown };

export interface WatchBuildOptions {
  /** Wait this long after the last change before rebuilding (editors write in bursts). Default 100 ms. */
  debounceMs?: number;
}

export interface BuildWatcher {
  /** Stop watching; resolves after a build in progress has finished (its outputs are committed or aborted). */
  close(): Promise<void>;
  /** The files (config, stories, theme, cover) and folders (templates, recursively) watched now. */
  watched(): { files: string[]; folders: string[] };
}

/** What to watch: the config and everything it names, and the templates folder. */
async function watchTargets(options: BuildOptions, previous: Set<string>): Promise<{ files: Set<string>; folders: Set<string> }> {
  const files = new Set<string>();
  const folders = new Set<string>([path.resolve(options.templatesDir ?? DEFAULT_TEMPLATES_DIR)]);
  const configFile = options.config ?? ((options.files ?? []).length === 0 ? DEFAULT_CONFIG : undefined);
  if (configFile) files.add(path.resolve(configFile));
  try {
    const config = await resolveConfig(options);
    for (const s of config.stories) files.add(path.resolve(s.path));
    if (config.theme) files.add(path.resolve(config.theme));
    if (config.cover) files.add(path.resolve(config.cover));
  } catch {
    // An unreadable or invalid config: keep watching what was watched, so fixing it triggers a build.
    for (const f of previous) files.add(f);
  }
  return { files, folders };
}

/**
 * Build now, then again whenever a watched file changes, until `close()`. Builds never overlap: changes
 * during a build start one more build after it. A failed build is reported (`ok: false`) and watching goes on.
 * Unchanged stories are not normalised again (same bytes and options → the cached result), and their PDF
 * lines are not set again while the text width, theme and fonts stay the same.
 */
export function watchBuild(options: BuildOptions, onResult: (event: WatchEvent) => void, watchOptions: WatchBuildOptions = {}): BuildWatcher {
  const debounceMs = watchOptions.debounceMs ?? 100;
  const cache = new NormaliseCache();
  const layouts = new StoryLayoutCache();
  const dirWatchers = new Map<string, FSWatcher>();
  const folderWatchers = new Map<string, FSWatcher>();
  let files = new Set<string>();
  let folders = new Set<string>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  let count = 0;

  const changed = (file: string): void => {
    if (closed) return;
    pending.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!running) running = cycle();
    }, debounceMs);
  };

  const reconcile = (): void => {
    const dirs = new Set([...files].map((f) => path.dirname(f)));
    for (const [dir, w] of dirWatchers) if (!dirs.has(dir)) (w.close(), dirWatchers.delete(dir));
    for (const dir of dirs) {
      if (dirWatchers.has(dir)) continue;
      try {
        const w = watch(dir, (_event, name) => {
          if (!name) return changed(dir);
          const full = path.join(dir, name.toString());
          if (files.has(full)) changed(full);
        });
        w.on('error', () => dirWatchers.delete(dir));
        dirWatchers.set(dir, w);
      } catch {
        // A folder that does not exist (yet): the next build reports the missing file.
      }
    }
    for (const [dir, w] of folderWatchers) if (!folders.has(dir)) (w.close(), folderWatchers.delete(dir));
    for (const dir of folders) {
      if (folderWatchers.has(dir)) continue;
      try {
        const w = watch(dir, { recursive: true }, (_event, name) => changed(name ? path.join(dir, name.toString()) : dir));
        w.on('error', () => folderWatchers.delete(dir));
        folderWatchers.set(dir, w);
      } catch {
        // As above.
      }
    }
  };

  const cycle = async (): Promise<void> => {
    while (!closed) {
      const trigger = [...pending];
      pending.clear();
      // Watch before building, so that a change made during the build starts another one.
      ({ files, folders } = await watchTargets(options, files));
      if (closed) break;
      reconcile();
      const build_ = ++count;
      const start = performance.now();
      let event: WatchEvent;
      try {
        const result = await runBuild(options, { stories: cache, layouts });
        cache.sweep();
        layouts.sweep();
        const { hits, misses } = cache.takeCounts();
        const { reused, laidOut } = layouts.takeCounts();
        event = { ok: true, build: build_, changed: trigger, seconds: (performance.now() - start) / 1000, result, reused: hits, normalised: misses, layoutsReused: reused, laidOut };
      } catch (error) {
        cache.takeCounts();
        layouts.takeCounts();
        event = { ok: false, build: build_, changed: trigger, seconds: (performance.now() - start) / 1000, error };
      }
      if (closed) break;
      onResult(event);
      // Changes that arrived during the build are waiting for their debounce timer, which starts the next cycle.
      if (pending.size === 0 || timer) break;
    }
    running = undefined;
  };

  running = cycle();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of [...dirWatchers.values(), ...folderWatchers.values()]) w.close();
      dirWatchers.clear();
      folderWatchers.clear();
      await running;
    },
    watched() {
      return { files: [...files].sort(), folders: [...folders].sort() };
    },
  };
}
