// Fast validation of well-formed themes: the exact output of the zod theme schema (theme-schema.ts) for them, without loading zod; anything else is left to zod.
import type { ThemeData } from './theme-schema.js';

/** A field check: the output value, or DECLINE. */
type Check = (value: unknown) => unknown;
const DECLINE = Symbol('decline');

const finite = (ok: (n: number) => boolean): Check => (v) => (typeof v === 'number' && Number.isFinite(v) && ok(v) ? v : DECLINE);
const string: Check = (v) => (typeof v === 'string' ? v : DECLINE);
const nonEmpty: Check = (v) => (typeof v === 'string' && v.length >= 1 ? v : DECLINE);
const number = finite(() => true);
const positive = finite((n) => n > 0);
const nonNegative = finite((n) => n >= 0);
const atLeastHalf = finite((n) => n >= 0.5);
const countAtLeastOne = finite((n) => Number.isSafeInteger(n) && n >= 1);
const boolean: Check = (v) => (typeof v === 'boolean' ? v : DECLINE);
const oneOf = (...values: string[]): Check => (v) => (values.includes(v as string) ? v : DECLINE);
const pair: Check = (v) => (Array.isArray(v) && v.length === 2 && number(v[0]) !== DECLINE && number(v[1]) !== DECLINE ? [v[0], v[1]] : DECLINE);
const nonEmptyList = (item: Check): Check => (v) => {
  if (!Array.isArray(v) || v.length < 1) return DECLINE;
  const out = v.map(item);
  return out.includes(DECLINE) ? DECLINE : out;
};

/** Keys in the schema's order; `optional` ones may be absent. */
type Shape = Array<[key: string, check: Check | Shape, optional?: boolean]>;

const THEME: Shape = [
  ['fonts', [['family', string], ['regular', string], ['italic', string], ['bold', string], ['boldItalic', string], ['fallback', string, true]]],
  ['text', [['size', positive], ['leading', positive], ['indent', nonNegative], ['align', oneOf('justify', 'left')], ['hyphenate', boolean], ['widows', countAtLeastOne], ['orphans', countAtLeastOne]]],
  ['headings', [['bookTitle', number], ['storyTitle', number], ['chapterTitle', number], ['byline', number], ['runningHead', number], ['folio', number], ['letterSpacing', number]]],
  ['ornament', nonEmpty],
  ['sceneBreakSpace', nonNegative],
  ['page', [['outside', atLeastHalf], ['top', atLeastHalf], ['bottom', atLeastHalf], ['gutter', nonEmptyList(pair)]]],
];

function object(value: unknown, shape: Shape): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return DECLINE;
  const input = value as Record<string, unknown>;
  // Unknown keys (zod strips them) and explicit undefined values are left to zod.
  for (const key of Object.keys(input)) if (input[key] === undefined || !shape.some(([k]) => k === key)) return DECLINE;
  const out: Record<string, unknown> = {};
  for (const [key, check, optional] of shape) {
    if (!(key in input)) {
      if (optional) continue;
      return DECLINE;
    }
    const v = Array.isArray(check) ? object(input[key], check) : check(input[key]);
    if (v === DECLINE) return DECLINE;
    out[key] = v;
  }
  return out;
}

/** The theme as the zod schema's `parse(data)` returns it (same values, same key order), or undefined when zod must decide. */
export function fastTheme(data: unknown): ThemeData | undefined {
  const out = object(data, THEME);
  return out === DECLINE ? undefined : (out as ThemeData);
}
