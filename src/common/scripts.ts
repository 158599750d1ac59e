// Writing systems of characters: which script face draws a character the book face lacks, which language and direction a run of text is in, where CJK text may break.

/** The faces the theme names for scripts the book face lacks (templates/theme.yaml `fonts.scripts`). */
export const SCRIPT_FACES = ['japanese', 'chinese', 'korean', 'arabic', 'hebrew', 'devanagari', 'emoji'] as const;
export type ScriptFace = (typeof SCRIPT_FACES)[number];

/** A script a character belongs to, as far as quire tells them apart. */
export type Script = 'latin' | 'greek' | 'cyrillic' | 'han' | 'kana' | 'hangul' | 'cjk' | 'arabic' | 'hebrew' | 'devanagari' | 'emoji' | 'other';

/** The script of a code point ('cjk': CJK punctuation and full-width forms; 'other': anything common or unknown). */
export function scriptOf(cp: number): Script {
  if (cp < 0x370) return cp < 0x41 ? 'other' : 'latin';
  if (cp < 0x400) return 'greek';
  if (cp < 0x530) return 'cyrillic';
  if (cp >= 0x590 && cp < 0x600) return 'hebrew';
  if ((cp >= 0x600 && cp < 0x700) || (cp >= 0x750 && cp < 0x780) || (cp >= 0x8a0 && cp < 0x900) || (cp >= 0xfb50 && cp < 0xfe00) || (cp >= 0xfe70 && cp < 0xff00)) return 'arabic';
  if ((cp >= 0x900 && cp < 0x980) || (cp >= 0xa8e0 && cp < 0xa900)) return 'devanagari';
  if (cp >= 0xfb1d && cp < 0xfb50) return 'hebrew';
  if (cp >= 0x1f00 && cp < 0x2000) return 'greek';
  if ((cp >= 0x1100 && cp < 0x1200) || (cp >= 0x3130 && cp < 0x3190) || (cp >= 0xac00 && cp < 0xd7b0)) return 'hangul';
  if ((cp >= 0x3040 && cp < 0x3100) || (cp >= 0x31f0 && cp < 0x3200) || (cp >= 0xff66 && cp < 0xffa0)) return 'kana';
  if ((cp >= 0x3400 && cp < 0x4dc0) || (cp >= 0x4e00 && cp < 0xa000) || (cp >= 0xf900 && cp < 0xfb00) || (cp >= 0x20000 && cp < 0x323b0)) return 'han';
  if ((cp >= 0x3000 && cp < 0x3040) || (cp >= 0x3200 && cp < 0x3400) || (cp >= 0xfe30 && cp < 0xfe50) || (cp >= 0xff00 && cp < 0xff66) || (cp >= 0xffe0 && cp < 0xfff0)) return 'cjk';
  if ((cp >= 0x1f000 && cp < 0x1fb00) || (cp >= 0x2600 && cp < 0x27c0) || (cp >= 0x2b00 && cp < 0x2c00)) return 'emoji';
  if (cp >= 0x1e00 && cp < 0x1f00) return 'latin';
  return 'other';
}

/** Japanese, Chinese or Korean: which face draws Han characters and CJK punctuation. */
export type HanFace = 'japanese' | 'chinese' | 'korean';

/** The Han face for a BCP 47 language tag (Chinese unless the language is Japanese or Korean). */
export function hanFaceFor(language: string): HanFace {
  const primary = language.toLowerCase().split('-')[0];
  return primary === 'ja' ? 'japanese' : primary === 'ko' ? 'korean' : 'chinese';
}

/**
 * The script faces that may draw `cp`, best first (empty for characters of the book face's scripts): Han in the
 * face of `han` (kana in the text makes it Japanese), then Chinese, whose Han set is the largest.
 */
export function facesFor(cp: number, han: HanFace): readonly ScriptFace[] {
  switch (scriptOf(cp)) {
    case 'han':
    case 'cjk':
      return han === 'chinese' ? CHINESE : han === 'japanese' ? JAPANESE_FIRST : KOREAN_FIRST;
    case 'kana':
      return JAPANESE_FIRST;
    case 'hangul':
      return KOREAN;
    case 'arabic':
      return ARABIC;
    case 'hebrew':
      return HEBREW;
    case 'devanagari':
      return DEVANAGARI;
    case 'emoji':
      return EMOJI;
    default:
      return cp >= 0x2000 ? SYMBOLS : NONE;
  }
}
const NONE: readonly ScriptFace[] = [];
const CHINESE: readonly ScriptFace[] = ['chinese', 'japanese'];
const JAPANESE_FIRST: readonly ScriptFace[] = ['japanese', 'chinese'];
const KOREAN_FIRST: readonly ScriptFace[] = ['korean', 'chinese', 'japanese'];
const KOREAN: readonly ScriptFace[] = ['korean'];
const ARABIC: readonly ScriptFace[] = ['arabic'];
const HEBREW: readonly ScriptFace[] = ['hebrew'];
const DEVANAGARI: readonly ScriptFace[] = ['devanagari'];
const EMOJI: readonly ScriptFace[] = ['emoji'];
/** Symbols and punctuation beyond Latin-1 the book face may lack: the emoji face (then the fallback face). */
const SYMBOLS: readonly ScriptFace[] = ['emoji'];

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, N'Ko, their presentation forms; astral RTL blocks). */
export const RTL_CHARS = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;

/** Letters beyond Latin (and Latin's punctuation; a high surrogate: an astral character): only a text with one can hold a run of another script. One class, no alternation: a fast scan. */
const BEYOND_LATIN = /[\u0370-\u1dff\u2c00-\udbff\uf900-\ufdff\ufe70-\ufefc\uff00-\uffef]/;

/** Languages written right to left (BCP 47 primary subtags). */
const RTL_LANGUAGES = ['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb'];

/** Is `language` (a BCP 47 tag) written right to left? */
export function isRtlLanguage(language: string): boolean {
  return RTL_LANGUAGES.includes(language.toLowerCase().split('-')[0] ?? '');
}

/** Han, kana and CJK punctuation: text that breaks between characters, not at spaces. */
export const CJK_CHARS = /[\u3000-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]|[\ud840-\ud87f][\udc00-\udfff]/;

/** The language of a text's letters when they are of one script other than the story's, and its direction. */
export interface TextLanguage {
  /** Absent when the script does not tell the language (Latin letters in a right-to-left story). */
  lang?: string;
  dir?: 'rtl' | 'ltr';
}

/** The usual language of a script's text when nothing else says (a story's own language wins where it fits). */
const SCRIPT_LANGUAGE: Partial<Record<Script, string>> = { greek: 'el', cyrillic: 'ru', han: 'zh', kana: 'ja', hangul: 'ko', arabic: 'ar', hebrew: 'he', devanagari: 'hi' };

/** Which scripts a language is written in (the ones quire tells apart). */
function scriptsOfLanguage(language: string): Script[] {
  const primary = language.toLowerCase().split('-')[0]!;
  switch (primary) {
    case 'ja':
      return ['han', 'kana', 'cjk'];
    case 'zh':
      return ['han', 'cjk'];
    case 'ko':
      return ['hangul', 'han', 'cjk'];
    case 'ar':
    case 'fa':
    case 'ur':
    case 'ps':
      return ['arabic'];
    case 'he':
    case 'yi':
      return ['hebrew'];
    case 'hi':
    case 'mr':
    case 'ne':
    case 'sa':
      return ['devanagari'];
    case 'ru':
    case 'uk':
    case 'be':
    case 'bg':
    case 'sr':
    case 'mk':
    case 'kk':
      return ['cyrillic'];
    case 'el':
      return ['greek'];
    default:
      return ['latin'];
  }
}

/**
 * The language a text is in when most of its letters are of a script its context's language (`context`) is not
 * written in, with `dir: 'rtl'` for Hebrew and Arabic and `dir: 'ltr'` for a left-to-right text in a right-to-left
 * context; undefined when the text fits its context. Decided by the letters' majority script.
 */
export function detectLanguage(text: string, context: string): TextLanguage | undefined {
  if (!BEYOND_LATIN.test(text) && scriptsOfLanguage(context)[0] === 'latin') return undefined;
  const counts = new Map<Script, number>();
  let letters = 0;
  for (const ch of text) {
    const s = scriptOf(ch.codePointAt(0)!);
    if (s === 'other' || s === 'emoji' || s === 'cjk') continue;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    letters++;
  }
  if (letters === 0) return undefined;
  let best: Script = 'other';
  let most = 0;
  for (const [s, n] of counts) if (n > most) [best, most] = [s, n];
  const own = scriptsOfLanguage(context);
  if (own.includes(best)) return undefined;
  // Japanese text is mostly Han with kana between: kana anywhere makes Han-majority text Japanese.
  const lang = best === 'han' && counts.has('kana') ? 'ja' : best === 'han' && counts.has('hangul') ? 'ko' : SCRIPT_LANGUAGE[best];
  if (best === 'arabic' || best === 'hebrew') return { lang: lang!, dir: 'rtl' };
  if (isRtlLanguage(context)) return lang ? { lang, dir: 'ltr' } : { dir: 'ltr' };
  return lang ? { lang } : undefined;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** A stretch of a text (UTF-16 offsets) in another script than its context's language, with its language and direction. */
export interface ForeignRun extends TextLanguage {
  start: number;
  end: number;
}

/**
 * The runs of a text whose letters are of a script its context language (`context`) is not written in: a run is
 * the words of one script (Han, kana and CJK punctuation counted as one) between words of other scripts;
 * numbers join the run around them. A run whose language the script does not tell (Latin) is left out.
 */
export function foreignRuns(text: string, context: string): ForeignRun[] {
  if (scriptsOfLanguage(context)[0] === 'latin' && !BEYOND_LATIN.test(text)) return [];
  const own = scriptsOfLanguage(context);
  const runs: ForeignRun[] = [];
  let open: { script: Script; start: number; end: number } | undefined;
  const close = (): void => {
    if (!open) return;
    const found = detectLanguage(text.slice(open.start, open.end), context);
    if (found?.lang) runs.push({ start: open.start, end: open.end, ...found });
    open = undefined;
  };
  for (const m of text.matchAll(WORD)) {
    let script = scriptOf(m[0].codePointAt(0)!);
    if (script === 'other') {
      if (open) open.end = m.index + m[0].length;
      continue;
    }
    if (script === 'kana' || script === 'cjk') script = 'han';
    const foreign = !own.includes(script);
    if (open && (!foreign || open.script !== script)) close();
    if (!foreign) continue;
    if (open) open.end = m.index + m[0].length;
    else open = { script, start: m.index, end: m.index + m[0].length };
  }
  close();
  return runs;
}
