// Fast validation of well-formed configs: the exact output of the zod schema (zod-schema.ts) for them, without loading zod; anything else is left to zod.
import { LANGUAGE_TAG, NOTES_POLICIES, TRIMS, type ConfigOutput, type StoryConfig } from './schema.js';

const CONFIG_KEYS = ['title', 'subtitle', 'editor', 'language', 'description', 'date', 'rights', 'publisher', 'notes', 'trim', 'cover', 'theme', 'stories'];
const STORY_KEYS = ['source', 'title', 'author', 'summary'];
const TRIMMED_OPTIONAL = new Set(['subtitle', 'editor', 'description', 'rights', 'publisher']);

/** Marks a value the fast path does not decide (zod will). */
const DECLINE = Symbol('decline');

function plainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Only known keys, none explicitly undefined. */
function knownKeys(value: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k) && value[k] !== undefined);
}

function trimmed(value: unknown, min: number): string | typeof DECLINE {
  if (typeof value !== 'string') return DECLINE;
  const t = value.trim();
  return t.length >= min ? t : DECLINE;
}

function story(value: unknown): StoryConfig | typeof DECLINE {
  if (!plainObject(value) || !knownKeys(value, STORY_KEYS)) return DECLINE;
  if (typeof value.source !== 'string' || value.source.length < 1) return DECLINE;
  const out: Record<string, unknown> = { source: value.source };
  if ('title' in value && (out.title = trimmed(value.title, 1)) === DECLINE) return DECLINE;
  if ('author' in value) {
    const a = value.author;
    if (Array.isArray(a)) {
      if (a.length < 1) return DECLINE;
      const list = a.map((x) => trimmed(x, 1));
      if (list.includes(DECLINE)) return DECLINE;
      out.author = list;
    } else if ((out.author = trimmed(a, 1)) === DECLINE) return DECLINE;
  }
  if ('summary' in value && (out.summary = trimmed(value.summary, 0)) === DECLINE) return DECLINE;
  return out as StoryConfig;
}

/**
 * The config as `configSchema.parse(raw)` returns it (same values, same key order), or undefined when `raw` is
 * anything but a plainly valid config: zod then validates it and words the error.
 */
export function fastConfig(raw: unknown): ConfigOutput | undefined {
  if (!plainObject(raw) || !knownKeys(raw, CONFIG_KEYS)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const has = key in raw;
    const value = raw[key];
    let v: unknown = DECLINE;
    if (key === 'title') v = trimmed(value, 1);
    else if (TRIMMED_OPTIONAL.has(key)) v = has ? trimmed(value, 0) : undefined;
    else if (key === 'language') v = !has ? 'en' : typeof value === 'string' && LANGUAGE_TAG.test(value) ? value : DECLINE;
    else if (key === 'date') v = !has ? undefined : typeof value === 'string' || (value instanceof Date && !Number.isNaN(value.getTime())) ? value : DECLINE;
    else if (key === 'notes') v = !has ? 'endnotes' : (NOTES_POLICIES as readonly unknown[]).includes(value) ? value : DECLINE;
    else if (key === 'trim') v = !has ? 'a5' : (TRIMS as readonly unknown[]).includes(value) ? value : DECLINE;
    else if (key === 'cover' || key === 'theme') v = !has ? undefined : typeof value === 'string' ? value : DECLINE;
    else if (key === 'stories') {
      if (!Array.isArray(value) || value.length < 1) return undefined;
      const stories = value.map(story);
      v = stories.includes(DECLINE) ? DECLINE : stories;
    }
    if (v === DECLINE) return undefined;
    if (v !== undefined) out[key] = v;
  }
  return out as ConfigOutput;
}
