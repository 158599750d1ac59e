// Remembers each story's laid-out PDF section (its flow of set lines) across watch rebuilds, keyed by the story and every setting that can change its lines.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Story } from '../../../model/types.js';
import type { StorySettings } from './book.js';
import type { Section } from './page/sections.js';
import type { FontSet } from './text/fonts.js';
import type { Geometry } from './page/geometry.js';
import { countMissing, hasMissing, recordingFonts, type MissingText } from './missing-texts.js';

interface Entry {
  section: Section;
  /** Texts with characters no face has that setting the story measured: counted into the next layout's FontSet. */
  missing: MissingText[];
}

/**
 * A story layout memory for watch mode (a one-shot build has none, so it never hashes its stories); the story
 * setter of a watch build (story-share.ts) takes sections from it and keeps the sections it sets.
 * A section is reused when the story's content (id, title, opener, blocks, notes), the theme, the font files'
 * bytes, the language, the notes policy, interactive/print mode and the pass's geometry (text width, leading,
 * lines per page) are all the same. Cached sections are deep-frozen: no later stage may change them (a
 * change would throw rather than corrupt the next build). `sweep()` after a successful build forgets entries
 * not used since the previous sweep; `takeCounts()` says how many stories were reused and laid out.
 */
export class StoryLayoutCache {
  #entries = new Map<string, Entry>();
  #used = new Set<string>();
  #reused = new Set<string>();
  #laidOut = new Set<string>();
  /** Font file digests by path, with the size and mtime they were computed for. */
  #fontDigests = new Map<string, { stamp: string; digest: string }>();

  /** Begin one layout: digests each story once (its passes only add the geometry). */
  layout(stories: readonly Story[], settings: StorySettings): StoryLayouts {
    const fonts = Object.entries(settings.theme.fontFiles)
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([key, file]) => [key, file, this.#fontDigest(file)]);
    const base = digest(JSON.stringify([settings.theme, fonts, settings.language, settings.notesPolicy, settings.interactive]));
    const keys = stories.map((s) => `${digest(JSON.stringify([s.id, s.title, s.opener, s.blocks, s.notes]))}:${base}`);
    return new StoryLayouts(this, stories, keys);
  }

  /** @internal The entry for a key (marked as used), or undefined. */
  get(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry) this.#used.add(key);
    return entry;
  }

  /** @internal Keep an entry (frozen) under its key. */
  set(key: string, entry: Entry): void {
    deepFreeze(entry);
    this.#entries.set(key, entry);
    this.#used.add(key);
  }

  /** @internal Count one story as reused or laid out (a story set in any pass of a build counts as laid out). */
  count(storyId: string, hit: boolean): void {
    (hit ? this.#reused : this.#laidOut).add(storyId);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Forget entries not used since the last sweep (call after a successful build). */
  sweep(): void {
    for (const key of this.#entries.keys()) if (!this.#used.has(key)) this.#entries.delete(key);
    this.#used.clear();
  }

  /** Stories whose layout was reused in every pass, and stories set again, since the last call; resets both. */
  takeCounts(): { reused: number; laidOut: number } {
    let reused = 0;
    for (const id of this.#reused) if (!this.#laidOut.has(id)) reused++;
    const counts = { reused, laidOut: this.#laidOut.size };
    this.#reused.clear();
    this.#laidOut.clear();
    return counts;
  }

  #fontDigest(file: string): string {
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
    } catch {
      return 'unreadable';
    }
    const known = this.#fontDigests.get(file);
    if (known?.stamp === stamp) return known.digest;
    const value = digest(readFileSync(file));
    this.#fontDigests.set(file, { stamp, digest: value });
    return value;
  }
}

/** One layout's view of the cache: look a story up for a pass's geometry, or set it and keep the result. */
export class StoryLayouts {
  constructor(
    private readonly cache: StoryLayoutCache,
    private readonly stories: readonly Story[],
    private readonly keys: string[],
  ) {}

  private key(i: number, g: Geometry): string {
    return `${this.keys[i]}:${g.recto.width}:${g.leading}:${g.lines}`;
  }

  /** The cached section of story `i` for this geometry; its missing characters are counted into `fonts` as setting it would. */
  reuse(i: number, g: Geometry, fonts: FontSet): Section | undefined {
    const entry = this.cache.get(this.key(i, g));
    if (!entry) return undefined;
    countMissing(fonts, entry.missing);
    this.cache.count(this.stories[i]!.id, true);
    return entry.section;
  }

  /** Set story `i` here with `set` (given the fonts to set with) and keep the section. */
  setAndKeep(i: number, g: Geometry, fonts: FontSet, set: (fonts: FontSet) => Section): Section {
    const missing = new Map<string, MissingText>();
    const section = set(recordingFonts(fonts, missing));
    this.cache.set(this.key(i, g), { section, missing: [...missing.values()] });
    this.cache.count(this.stories[i]!.id, false);
    return section;
  }

  /**
   * Keep a section set elsewhere (a story job). Its missing characters are taken from its runs' texts, so
   * the counts of a later reuse may differ a little from a fresh build's (which characters are missing does not).
   */
  keep(i: number, g: Geometry, fonts: FontSet, section: Section): void {
    const missing = new Map<string, MissingText>();
    for (const item of section.flow) {
      const lines = item.kind === 'block' ? item.lines : [item.ornament];
      for (const l of lines) for (const r of l.line.runs) if (hasMissing(fonts, r.text, r.font)) missing.set(`${r.font}\u0000${r.text}`, [r.font, r.text]);
    }
    this.cache.set(this.key(i, g), { section, missing: [...missing.values()] });
    this.cache.count(this.stories[i]!.id, false);
  }
}

function digest(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url');
}

function deepFreeze(value: unknown): void {
  // Typed arrays cannot be frozen (and no layout structure holds one today): leave them as they are.
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
