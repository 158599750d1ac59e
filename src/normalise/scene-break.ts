// Rule `scene-break`: which lines are scene-break separators (documented in docs/normaliser.md).

/** Separator symbols: a line made only of these (and spaces) is a scene break. */
const SYMBOLS = '*~=_+#•·◦∙○●◆◇♦❖✦✧★☆❦❧†‡§:|/<>—–−―─━^＊＃～〜□■△▲▽▼※✽✱✲✳✴✵✶✷✸✹✺✻✼❋⁂◎\\\\\\-';
const SYMBOL_LINE = new RegExp(`^[${SYMBOLS}]+$`, 'u');
/** o/O/x/X patterns: letters only when they alternate in case (oOo, xXx, OoO), or mixed with symbols (-o-o-, ~x~). */
const LETTER_PATTERN = /^(?:(?:oO)+o|(?:Oo)+O|(?:xX)+x|(?:Xx)+X|(?:o0)+o|(?:O0)+O)$/;
const MIXED_PATTERN = new RegExp(`^[${SYMBOLS}oOxX0]+$`, 'u');
/** ASCII (no `u` flag, so it is fast on long prose lines) plus common non-ASCII letters. */
const NOT_A_BREAK = /[a-np-wyzA-NP-WYZ1-9"'.,!?;()\[\]\u00C0-\u024F\u0370-\u04FF\u0590-\u06FF\u3040-\u9FFF]/;
/** ASCII characters a break line may contain. */
const ASCII_ALLOWED = new Uint8Array(128).map((_, c) => ("*~=_+#:|/<>^\\-oOxX0 \t".includes(String.fromCharCode(c)) ? 1 : 0));
const HAS_SYMBOL = new RegExp(`[${SYMBOLS}]`, 'u');

/** A break written out: `(line break)`, `[scene break]`, `~ Scene Change ~`, `-time skip-`, `[break]`. */
const NAMED_BREAK = /^[^\p{L}\p{N}]*(?:(?:scene|line|page|section|time|pov)[\s-]*(?:break|change|skip|shift|switch)|\[\s*break\s*\]|\(\s*break\s*\))[^\p{L}\p{N}]*$/iu;

/** A named break line (see NAMED_BREAK); cheap on long lines. */
function isNamedBreak(line: string): boolean {
  return /break|change|skip|shift|switch/i.test(line) && NAMED_BREAK.test(line.trim());
}

/**
 * A scene-break line: only separator symbols (`* * *`, `:::::`, `~*~`, `###`, `•••`, `—`), or an o/x pattern
 * (`oOo`, `xXx`, `-o-o-o-`), spaces anywhere, or a break named in words (`(line break)`, `[scene break]`). Not breaks: anything with a digit, a letter outside o/x patterns,
 * a quote or a period (`1`, `I.`, `...`, `"—"`), and one or two hyphens alone (a dialogue dash).
 */
export function isSceneBreakLine(line: string): boolean {
  return isSymbolBreak(line) || (line.length <= 40 && isNamedBreak(line));
}

function isSymbolBreak(line: string): boolean {
  // Fast rejection on the first visible character, then on any digit, quote, period or letter other than o/O/x/X.
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    if (c < 128 && !ASCII_ALLOWED[c]) return false;
    break;
  }
  if (NOT_A_BREAK.test(line)) return false;
  const s = line.replace(/\s+/g, '');
  if (!s || s.length > 400) return false;
  if (/^-{1,2}$/.test(s)) return false;
  if (SYMBOL_LINE.test(s)) return true;
  if (LETTER_PATTERN.test(s)) return true;
  return MIXED_PATTERN.test(s) && HAS_SYMBOL.test(s) && /[oOxX]/.test(s) && !/[oOxX]{3,}/.test(s.replace(/(?:oO)+o|(?:Oo)+O|(?:xX)+x|(?:Xx)+X/g, '-'));
}
