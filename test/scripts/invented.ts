// Invented text in many scripts for the script tests: a long Japanese story from varied invented sentences (deterministic), and one paragraph per script.

/** Invented Japanese sentences (written for these tests), with the punctuation kinsoku governs: 。、「」『』（）ー and small kana. */
const SENTENCES = [
  'その朝、港の上には薄い霧がかかっていた。',
  '「もう行くのか」と老人は静かに尋ねた。',
  '彼女は窓の外を見つめたまま、しばらく何も言わなかった。',
  '小さな船が一艘、ゆっくりと岸を離れていった。',
  '『灯台守の日記』という古い本が、机の上に置いてあった。',
  '風は冷たく、波の音だけが聞こえていた。',
  '「ちょっと待って」と少年は叫び、坂道を駆け下りた。',
  '市場の角を曲がると、魚を焼く匂いがした。',
  '誰もいない駅のホームで、彼は最後の汽車を待っていた。',
  '母の手紙には、短い言葉がいくつか書かれているだけだった。',
  '（それは本当のことだろうか）と彼女は心の中で思った。',
  '雨が止むと、空はすぐに明るくなった。',
  'ノートの最後のページに、彼は小さな地図を描いた。',
  '遠くでカモメが鳴き、鐘が三度鳴った。',
  '「ありがとう」と言って、彼女はそっと笑った。',
  '夜になると、町の灯りがひとつずつ消えていった。',
];

/** A deterministic pseudo-random sequence (xorshift). */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/** A Japanese story of about `chars` characters: paragraphs of 2–7 invented sentences, chapters every 40 paragraphs. */
export function japaneseStory(chars: number, seed = 21): string {
  const next = random(seed);
  const out: string[] = ['海辺の町', ''];
  let n = 0;
  let paragraphs = 0;
  while (n < chars) {
    if (paragraphs % 40 === 0) out.push(`第${paragraphs / 40 + 1}章`, '');
    const count = 2 + Math.floor(next() * 6);
    let p = '';
    for (let i = 0; i < count; i++) p += SENTENCES[Math.floor(next() * SENTENCES.length)]!;
    out.push(p, '');
    n += p.length;
    paragraphs++;
  }
  return out.join('\n');
}

/** One invented paragraph per script, in the order the tests read them back. */
export const SCRIPT_PARAGRAPHS = {
  english: 'An English paragraph to begin with, plain and simple, the way most stories start.',
  russian: 'Русский абзац: «Мы шли по улице, и снег падал на наши плечи, тихо и медленно».',
  greek: 'Ελληνική παράγραφος: Η θάλασσα ήταν ήσυχη εκείνο το πρωί, και τα πλοία περίμεναν.',
  arabic: 'فقرة عربية: كان البحر هادئا في ذلك الصباح، والسفن تنتظر في الميناء القديم.',
  hebrew: 'פסקה בעברית: הים היה שקט באותו בוקר, והספינות חיכו בנמל הישן.',
  hindi: 'हिंदी अनुच्छेद: उस सुबह समुद्र शांत था, और जहाज़ पुराने बंदरगाह में प्रतीक्षा कर रहे थे।',
  chinese: '中文段落：那天早上海面很平静，船只在旧港口里等待着。',
  korean: '한국어 단락: 그날 아침 바다는 고요했고, 배들은 오래된 항구에서 기다리고 있었다.',
  japanese: '日本語の段落：その朝、海は静かで、船は古い港で待っていた。「行こう」と彼は言った。',
} as const;
