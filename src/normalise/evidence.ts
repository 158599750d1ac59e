// Rule `edge-note`: how strongly a paragraph reads as the author speaking to readers (voice, the story's own vocabulary, links, emoticons) rather than as story.
import { hasDialogue, hasLink, plainText, wordCount, wrappingEmphasis } from './text-features.js';

export interface Evidence {
  /** 3 or more: a note on its own; 1–2: a note only next to other notes before a break; 0 or less: story. */
  points: number;
  /** What was found, for the report: `"Discord"`, `"this chapter"`, `first person to readers`, `emoticon ":)"`. */
  reasons: string[];
  /** Only words about writing (chapter, review, canon…) were found: a story may use them too. */
  wordsOnly: boolean;
  /** Someone speaks to readers (second person, a plea, a link, an emoticon…): needed for a note on its own. */
  voice: boolean;
  /** The paragraph's text without markup, as the rules read it. */
  plain: string;
  /** The emphasis that wraps the whole paragraph (`**`, `*`), if any: notes are often set whole in bold or italics. */
  emphasis?: string;
}

// ASCII word boundaries and no `u` flag: these run on every paragraph at every edge, and are several times faster so.
// (Every word below starts and ends with an ASCII letter, so `\b` finds its edges in any of the story's languages.)
const B = '\\b';
const E = '\\b';
const re = (source: string, flags = 'i'): RegExp => new RegExp(source, flags);

/** Sites and fan-fiction words no story sentence needs (2 points). */
const PLATFORM = re(`${B}(?:fan-?fic(?:tion)?s?|fan\\s?fics?|fics?|one-?shots?|drabbles?|ficlets?|songfics?|ao3|ffn|ff\\.net|fanfiction\\.net|fanfiktion\\.de|fictionpress|wattpad|inkitt|royal\\s?road|quotev|tumblr|twitter|discord|patreon|ko-?fi|deviantart|livejournal|dreamwidth|subreddit|upvotes?|lurker|kudos|R\\s?&\\s?R|beta-?read(?:er|ers|ing)?|betas|my\\s+beta|ff)${E}`);
/** A pointer for readers to the site around the text: see the comments, link in my profile (2 points). */
const POINTER = re(`${B}(?:(?:on|in)\\s+my\\s+(?:profile|bio|page|blog|website|tumblr|twitter)|links?\\s+(?:is\\s+|are\\s+)?(?:in|on)\\s+my)${E}|(?:^|[.!?…]\\s+)(?:please\\s+)?(?:check|see|read)\\s+(?:out\\s+)?the\\s+comments\\b`);
/** The comments section named as a place (2 points, not a voice on its own: a story may say it too). */
const COMMENTS = re(`${B}(?:in|under|below)\\s+the\\s+comments${E}`);
/** The text speaking of itself: this chapter, my story, the next update, chapter 5 (2 points). */
const SELF = re(
  `${B}(?:(?:this|my)\\s+(?:chapters?|fic|fics|update|updates|one-?shot|installment|instalment|post)|(?:chapters?|updates?)\\s+\\d{1,3}|(?:see\\s+you|until|till)\\s+(?:in\\s+)?(?:the\\s+)?next\\s+(?:chapter|update|time|part)|` +
    `(?:dieses|meine[sn]?)\\s+(?:kapitel|fanfiction|ff|fic|update)|(?:ce|mon|mes|ces)\\s+(?:chapitres?|fic|fanfic|fanfiction|OS|one-?shot)|` +
    `(?:este|mi|mis)\\s+(?:capítulos?|fic|fanfic|fanfiction)|(?:kapitel|chapitre|capítulo)\\s+\\d{1,3})${E}`,
);
/** "This story", "my story": a narrator says it too (1 point). */
const STORY_SELF = re(`${B}(?:(?:this|my)\\s+(?:story|stories|series)|(?:diese|meine)\\s+(?:geschichte|story)|(?:cette|mon|ma)\\s+histoire|(?:esta|mi)\\s+historia)${E}`);
/** Thanks, pleas and wishes addressed to readers (2 points). */
const PLEA = re(
  `${B}(?:thanks?(?:\\s+(?:you|u))?(?:\\s+\\S+){0,3}?\\s+(?:for|to)\\s+(?:\\S+\\s+){0,3}?(?:reading|review(?:s|ing)?|kudos|comments?|commenting|support(?:ing)?|favs?|favou?rites?|follows?|following|patience|waiting|sticking|staying|beta(?:s|-?reading)?|editors?|readers|everyone|all\\s+(?:of\\s+)?you|clicking)|thanks?\\s+(?:you\\s+)?(?:all|everyone|everybody|you\\s+guys)|stay\\s+tuned|(?:please|pls|plz)\\s+(?:review|comment|vote|follow|fav|favou?rite|leave|let\\s+me\\s+know|tell\\s+me|check\\s+out|share|support|consider|don['’]t\\s+forget)|` +
    `let\\s+me\\s+know|(?:hope|hoping)\\s+(?:you|y['’]all|everyone|u)\\s+(?:all\\s+|guys\\s+)?(?:enjoy|like|liked|enjoyed|love|loved)|(?:enjoy|enjoyed)\\s+(?:the|this)\\s+(?:chapter|story|fic|read)|check\\s+out\\s+my|` +
    `feedback\\s+(?:(?:is|would\\s+be|very|always|much)\\s+)*(?:welcome|appreciated)|reviews?\\s+(?:are|=|is|make)|leave\\s+(?:a\\s+|me\\s+a\\s+)?(?:review|comment|kudos)|follow\\s+me\\s+on|vote\\s+for|sorry\\s+(?:for|about)\\s+(?:the\\s+)?(?:late|long|wait|delay|short|slow)|on\\s+hiatus|happy\\s+reading|` +
    `danke\\s+(?:fürs|für['’]?s|für\\s+(?:eure|die|alle))|bitte\\s+(?:beachtet|bedenkt|lest|schreibt|beachten\\s+sie|bedenken\\s+sie|lesen\\s+sie)|n['’]hésitez\\s+pas|veuillez\\s+noter|no\\s+duden\\s+en|tengan\\s+en\\s+cuenta|(?:lasst|hinterlasst)\\s+(?:mir\\s+)?(?:ein(?:e|en)?\\s+)?(?:review|kommentar)|viel\\s+spa(?:ß|ss)\\s+beim\\s+lesen|ich\\s+hoffe,?\\s+(?:es|euch|ihr)|` +
    `merci\\s+(?:pour|de|à)\\s+(?:vos|votre|la|tous|toutes|ceux)|laissez(?:-moi)?\\s+(?:une?\\s+)?(?:review|commentaire)|j['’]espère\\s+que\\s+(?:ça|cela|ce|vous)|bonne\\s+lecture|` +
    `gracias\\s+(?:por|a)|dejen(?:me)?\\s+(?:sus\\s+|un\\s+)?(?:reviews?|comentarios?|votos?)|espero\\s+que\\s+(?:les|os|te)\\s+(?:guste|haya)|disfruten)|` +
    `お読みいただき|読んでいただき|ありがとうございま|よろしくお願いします|感想|評価|ブックマーク|誤字`,
);
/** An update schedule: the next chapter will be posted on Sunday (2 points). */
const SCHEDULE = re(`${B}(?:(?:next|new)\\s+(?:chapter|update|part)\\s+(?:will|should|is|comes?|might|may|goes)|will\\s+be\\s+(?:posted|up(?:dated)?|out|uploaded)|(?:posted|updated?|uploading)\\s+(?:on|every|weekly|daily|soon)|updates?\\s+(?:every|on|soon|weekly)|(?:every|each)\\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week)|nächste[sn]?\\s+kapitel\\s+(?:kommt|wird|erscheint)|prochain\\s+chapitre\\s+(?:sera|arrive|dans)|próximo\\s+capítulo\\s+(?:será|estará|llegará))`);
/** Content and trigger warnings, ratings (2 points). */
const WARNING = re(`${B}(?:(?:trigger|content)\\s+warnings?|(?:TW|CW)\\s*:|this\\s+(?:story|chapter|fic)\\s+(?:contains|deals\\s+with|includes|is\\s+rated)|rated\\s+(?:M|T|K\\+?|MA|E|R|explicit|mature)${E}|triggerwarnung|avertissement\\s*:|advertencia\\s*:)`);
/** A sign-off standing alone: `~ Name`, `Love, Ann`, `Take care!`, `Bisous`, `Smiley xx` (2 points, short paragraphs only). */
const SIGN_OFF = new RegExp(`^(?:(?:~+\\s*|[–—]\\s*|-(?=\\p{Lu}))\\p{Lu}[\\p{L}\\p{N}_]*\\s*~*|(?:love|cheers|thanks|best|hugs|peace|ciao|bye+|until\\s+next\\s+time|see\\s+you(?:\\s+next\\s+time|\\s+soon)?|take\\s+care|regards|xoxo|much\\s+love|stay\\s+safe|bisous|gros\\s+bisous|à\\s+(?:bientôt|plus|la\\s+prochaine)|liebe\\s+grüße|lg|bis\\s+bald|bis\\s+zum\\s+nächsten\\s+mal|besos|saludos|nos\\s+leemos|hasta\\s+(?:luego|pronto|la\\s+próxima))(?![\\p{L}\\p{N}]).{0,40})$`, 'iu');
const EMOTICON = /(?:^|\s|[.!?,])(?:[:;=][-'^]?[)(DPpOo3\]\[|/\\*]+|[xX][Dd]+|<3+|\^[_.-]?\^|[Tt]_[Tt]|[oO]\.[oO]|\([:;]|xx+|xoxo|XOXO|（[^）]{1,6}）)(?=$|\s|[.!?,)])/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const HASHTAG = /(?:^|\s)#[\p{L}\d_]{2,}/u;
/** First person and second person together: someone speaking to readers (1 point; stories have it too). */
const FIRST_PERSON = re(`${B}(?:I|I['’]m|I['’]ve|I['’]ll|I['’]d|my|me|ich|mein(?:e|en|er)?|mir|mich|je|j['’]|mon|ma|mes|yo|mis?)${E}`);
const TO_READERS = re(`${B}(?:you|your|you\\s+guys|y['’]all|everyone|everybody|guys|folks|euch|eure?|Ihnen|Lesern?|Leserinnen|vous|votre|vos|lecteurs|lectrices|ustedes|vosotros|lectores|lectoras)${E}`);
const READERS = re(`${B}(?:(?:dear|my|lovely|amazing|wonderful|awesome)\\s+readers|you\\s+guys|y['’]all|(?:chers|chères)\\s+(?:lecteurs|lectrices)|liebe\\s+(?:leser|leserinnen)|queridos\\s+lectores|queridas\\s+lectoras)${E}`);
/** Words about writing and publishing (1 point each, at most 2). */
const META = re(
  `${B}(?:reviews?|reviewers?|comments?|votes?|feedback|updates?|updating|readers?|author|canon(?:ically)?|fandom|writing|wrote|posted|posting|published|publish|sequel|prequel|chapters?|cliffhanger|spoilers?|fiction|kapitel|lesern?|leserinnen|autor(?:in|s|en)?|fiktion|chapitres?|lecteurs?|lectrices?|auteure?|capítulos?|lectores?|autora?|histoire|geschichte|historia)${E}`,
  'gi',
);
/** Where the story stands in its canon: set after season two, takes place during book five (1 point). */
const SETTING = re(`${B}(?:(?:is|are|story\\s+is|fic\\s+is)\\s+set\\s+(?:after|before|during)|takes\\s+place\\s+(?:after|before|during)|(?:after|before|during)\\s+(?:season|book|episode|series|movie)\\s+\\w+|spoilers?\\s+for)${E}`);
/** Fan-fiction abbreviations, in capitals only (`au` is French, `oc` a syllable). */
const ABBREVIATION = /\b(?:AU|OCs?|OOC|WIP|POV)\b/;
const GREETING = re(`^(?:hi|hey|hello|hiya|howdy|greetings|hallo|salut|bonjour|coucou|hola|buenas)${E}[^.!?]{0,40}[,!]`);

const WINDOW = 600;

/** The 2-point features, and whether each speaks to readers. */
const FEATURES: ReadonlyArray<readonly [RegExp, boolean]> = [
  [PLATFORM, false],
  [POINTER, true],
  [COMMENTS, false],
  [SELF, false],
  [PLEA, true],
  [SCHEDULE, true],
  [WARNING, true],
  [READERS, true],
];

/** What in a paragraph says it is a note to readers, and what says it is story (dialogue). */
export function noteEvidence(text: string): Evidence {
  // A long paragraph is read at its start and end only: a note shows itself there, and narration costs less so.
  const read = text.length > WINDOW * 2 ? `${text.slice(0, WINDOW * 1.5)} … ${text.slice(-WINDOW / 2)}` : text;
  const words = wordCount(text);
  // Speech running on for a while is story: no need to read further (most chapter edges of a novel are such).
  if (words > 40 && hasDialogue(read)) return { points: -3, reasons: ['dialogue'], voice: false, wordsOnly: true, plain: read };
  const plain = plainText(read);
  const reasons: string[] = [];
  let points = 0;
  const add = (n: number, reason: string): void => {
    points += n;
    reasons.push(reason);
  };
  /** Someone is spoken to (a plea, "you", a link…); a 2-point feature was found (more than words about writing). */
  let addressed = false;
  let strongFeature = false;
  // Each feature counts once; its words are then set aside so the word list below does not count them again.
  let rest = plain;
  for (const [pattern, speaks] of FEATURES) {
    const m = pattern.exec(plain)?.[0]?.trim();
    if (!m) continue;
    add(2, `"${m}"`);
    rest = rest.replace(m, ' ');
    strongFeature = true;
    addressed ||= speaks;
  }
  const storySelf = STORY_SELF.exec(rest)?.[0];
  if (storySelf) add(1, `"${storySelf}"`);
  const first = FIRST_PERSON.test(plain);
  if (TO_READERS.test(plain)) {
    addressed = true;
    if (first && !READERS.test(plain)) add(1, 'first person to readers');
  }
  const signals = points;
  if (words <= 10 && SIGN_OFF.test(plain)) add(2, 'a sign-off');
  const emoticon = EMOTICON.exec(plain);
  if (emoticon) add(2, `emoticon "${emoticon[0].trim()}"`);
  else if (EMOJI.test(plain)) add(1, 'an emoji');
  if (hasLink(read)) add(2, 'a link');
  if (HASHTAG.test(plain)) add(1, 'a hashtag');
  if (GREETING.test(plain)) add(1, 'a greeting');
  if (points > signals) addressed = strongFeature = true;
  const meta = new Set([...rest.matchAll(META)].map((x) => x[0].toLowerCase()));
  const setting = SETTING.exec(rest);
  if (setting) meta.add(setting[0].toLowerCase());
  const abbreviation = ABBREVIATION.exec(rest);
  if (abbreviation) meta.add(abbreviation[0]);
  if (meta.size > 0) add(Math.min(2, meta.size), [...meta].slice(0, 2).map((w) => `"${w}"`).join(' + '));
  if (hasDialogue(text)) {
    points -= 3;
    reasons.push('but dialogue');
  }
  // A long paragraph with only words about writing is narration (an old narrator speaks to "you" too).
  if (words > 120 && !strongFeature) points -= 1;
  const emphasis = wrappingEmphasis(text);
  if (emphasis && points >= 2) add(1, `set whole in ${emphasis.length === 1 ? 'italics' : 'bold'}`);
  // A short line set whole in emphasis naming the site is how an author points readers on (`**More in the comments…**`).
  const voice = addressed || first || (emphasis !== undefined && points >= 3 && words <= 12);
  const wordsOnly = !addressed && !strongFeature;
  return { points, reasons, voice, wordsOnly, plain, ...(emphasis && { emphasis }) };
}
