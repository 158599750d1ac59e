// Remembers each story's laid-out PDF section (its flow of set lines) across watch rebuilds, keyed by the story and every setting that can change its lines.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Book, Story } from '../../../model/types.js';
import type { Theme } from '../../../templates/theme.js';
import type { FontKey } from '../types.js';
import type { FontSet } from './text/fonts.js';
import type { Geometry } from './page/geometry.js';
import type { FlowItem } from './page/paginate.js';

/** What is cached per story: the section `storySection` made (structurally the same as page/sections.ts's Section). */
export interface CachedStorySection {
  flow: FlowItem[];
}

interface Entry<S> {
  section: S;
  /** Texts (face, then text) with characters no face has, that setting the story measured: replayed into the next layout's FontSet. */
  missing: Array<[FontKey, string]>;
}

/** The settings of one layout (one `layoutBook` call) that are not per pass: everything but the page geometry. */
export interface LayoutSettings {
  theme: Theme;
  language: string;
  notesPolicy: Book['notesPolicy'];
  /** Not print mode: note links and destinations are set into the lines. */
  interactive: boolean;
}

/**
 * A story layout memory for watch mode (opt-in: a one-shot build has none, so it never hashes its stories).
 * A section is reused when the story's content (id, title, opener, blocks, notes), the theme, the font files'
 * bytes, the language, the notes policy, interactive/print mode and the pass's geometry (text width, leading,
 * lines per page) are all the same. Cached sections are deep-frozen: no later stage may change them (a
 * change would throw rather than corrupt the next build). `sweep()` after a successful build forgets entries
 * not used since the previous sweep; `takeCounts()` says how many stories were reused and laid out.
 *
 * State lives in private fields so that cloning a render context into a worker does not copy the entries.
 */
export class StoryLayoutCache {
  #entries = new Map<string, Entry<unknown>>();
  #used = new Set<string>();
  #reused = new Set<string>();
  #laidOut = new Set<string>();
  /** Font file digests by path, with the size and mtime they were computed for. */
  #fontDigests = new Map<string, { stamp: string; digest: string }>();

  /** Begin one layout: digests each story once (its passes only add the geometry). */
  layout<S extends CachedStorySection>(stories: readonly Story[], settings: LayoutSettings): StoryLayouts<S> {
    const fonts = Object.entries(settings.theme.fontFiles)
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([key, file]) => [key, file, this.#fontDigest(file)]);
    const base = digest(JSON.stringify([settings.theme, fonts, settings.language, settings.notesPolicy, settings.interactive]));
    const keys = stories.map((s) => `${digest(JSON.stringify([s.id, s.title, s.opener, s.blocks, s.notes]))}:${base}`);
    return new StoryLayouts<S>(this, stories, keys);
  }

  /** @internal The entry for a key (marked as used), or undefined. */
  get(key: string): Entry<unknown> | undefined {
    const entry = this.#entries.get(key);
    if (entry) this.#used.add(key);
    return entry;
  }

  /** @internal Keep an entry (frozen) under its key. */
  set(key: string, entry: Entry<unknown>): void {
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
export class StoryLayouts<S extends CachedStorySection> {
  constructor(
    private readonly cache: StoryLayoutCache,
    private readonly stories: readonly Story[],
    private readonly keys: string[],
  ) {}

  private key(i: number, g: Geometry): string {
    return `${this.keys[i]}:${g.recto.width}:${g.leading}:${g.lines}`;
  }

  /** The cached section of story `i` for this geometry; its missing characters are counted into `fonts` as setting it would. */
  reuse(i: number, g: Geometry, fonts: FontSet): S | undefined {
    const entry = this.cache.get(this.key(i, g));
    if (!entry) return undefined;
    for (const [face, text] of entry.missing) fonts.segments(text, face);
    this.cache.count(this.stories[i]!.id, true);
    return entry.section as S;
  }

  /** Set story `i` here with `set` (given the fonts to set with) and keep the section. */
  setAndKeep(i: number, g: Geometry, fonts: FontSet, set: (fonts: FontSet) => S): S {
    const missing = new Map<string, [FontKey, string]>();
    const section = set(recordingFonts(fonts, missing));
    this.cache.set(this.key(i, g), { section, missing: [...missing.values()] });
    this.cache.count(this.stories[i]!.id, false);
    return section;
  }

  /**
   * Keep a section set elsewhere (the story worker). Its missing characters are taken from its runs' texts, so
   * the counts of a later reuse may differ a little from a fresh build's (which characters are missing does not).
   */
  keep(i: number, g: Geometry, fonts: FontSet, section: S): void {
    const missing = new Map<string, [FontKey, string]>();
    for (const item of section.flow) {
      const lines = item.kind === 'block' ? item.lines : [item.ornament];
      for (const l of lines) for (const r of l.line.runs) if (hasMissing(fonts, r.text, r.font)) missing.set(`${r.font}\u0000${r.text}`, [r.font, r.text]);
    }
    this.cache.set(this.key(i, g), { section, missing: [...missing.values()] });
    this.cache.count(this.stories[i]!.id, false);
  }
}

/**
 * The same fonts (same caches, same missing-glyph counts), also noting every text measured that has a
 * character no face has: replaying those texts into a later layout's FontSet counts them exactly as setting
 * the story again would (a text is counted once per FontSet, whichever story measures it first).
 */
function recordingFonts(fonts: FontSet, record: Map<string, [FontKey, string]>): FontSet {
  const view = Object.create(fonts) as FontSet;
  view.segments = (text, key) => {
    if (hasMissing(fonts, text, key)) record.set(`${key}\u0000${text}`, [key, text]);
    return fonts.segments(text, key);
  };
  return view;
}

/** Has `text` a character (beyond ASCII) that neither the face nor the fallback has? */
function hasMissing(fonts: FontSet, text: string, key: FontKey): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) <= 0x7e) continue;
    const cp = text.codePointAt(i)!;
    if (!fonts.has(key, cp) && !fonts.has('fallback', cp)) return true;
    if (cp > 0xffff) i++;
  }
  return false;
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
