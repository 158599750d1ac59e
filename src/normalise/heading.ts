// Rule `heading`: which lines are chapter headings inside a story (Chapter 1, CHAPTER IV., Chapter One: Title, Prologue, Part II, …).

const NUMBER_WORD = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final)';
const NUMERAL = `(?:\\d{1,4}|[IVXLCDM]{1,8}|${NUMBER_WORD}(?:[- ]${NUMBER_WORD})*)`;
/** After the number: nothing, or a separator (`:`, `.`, `-`, `—`) and a short title. */
const TITLE_TAIL = '(?:\\s*[.:]?\\s*$|\\s*(?:[.:]|\\s[-–—]|[-–—]\\s|—)\\s*\\S.{0,100})$';
const CHAPTER = new RegExp(`^(?:chapter|chap\\.|ch\\.|part|book|volume|vol\\.)\\s+${NUMERAL}\\b${TITLE_TAIL}`, 'iu');
const NAMED = new RegExp(`^(?:prologue|epilogue|interlude|afterword|foreword|preface|introduction|(?:first|second|third) epilogue)\\b${TITLE_TAIL}`, 'iu');
/** Roman numeral, period, and an all-capitals title: `I. A SCANDAL IN BOHEMIA`. */
const NUMBERED_CAPS = /^[IVXLC]{1,7}\.\s+[\p{Lu}\d][\p{Lu}\d\s'’,.\-–—&!?]{2,100}$/u;

/** A chapter heading: short, on its own, in one of the forms above. Sentences that start with "Chapter 1 was…" are not. */
export function isHeadingText(text: string): boolean {
  const t = text.trim();
  if (t.length > 120 || t.length < 4) return false;
  return CHAPTER.test(t) || NAMED.test(t) || NUMBERED_CAPS.test(t);
}
