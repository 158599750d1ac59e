// Test helper: an invented story of about 600 KB as chapter markdown: a part heading right before a chapter's, chapters
// in capitals, a chapter far over a file's size with scene breaks, one with none, one unbroken paragraph of 70,000
// characters, and notes referred to from several chapters (one twice, in two files).

const WORDS = (
  'the harbour light kept its slow turn over the water while she counted boats and wrote their names in a small ' +
  'book with a green cover because nobody else remembered them any more and the wind came in cold off the grey ' +
  'sea carrying salt and the smell of tar from the yard where old Mr Ellis still mended nets by hand'
).split(' ');

/** A small deterministic random source (mulberry32), so the story is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A paragraph of about `chars` characters of sentences, now and then a word in italics. */
function paragraph(next: () => number, chars: number): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < chars) {
    const n = 6 + Math.floor(next() * 14);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const w = WORDS[Math.floor(next() * WORDS.length)]!;
      words.push(next() < 0.02 ? `*${w}*` : w);
    }
    const s = words.join(' ');
    const sentence = `${s[0]!.toUpperCase()}${s.slice(1)}${next() < 0.2 ? '?' : '.'}`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}

export interface LongStory {
  markdown: string;
  /** Bytes of the story's text. */
  bytes: number;
}

/** The story as a chapter file (front matter with its notes, body, note definitions). */
export function longStory(): LongStory {
  const next = random(20);
  const body: string[] = [];
  const text = (chars: number, count: number, breakEvery = 0): void => {
    for (let i = 0; i < count; i++) {
      if (breakEvery && i > 0 && i % breakEvery === 0) body.push('* * *');
      body.push(paragraph(next, chars));
    }
  };
  body.push('## PART ONE: THE HARBOUR', '## CHAPTER I. THE LIGHT');
  text(900, 30);
  body.push(`${paragraph(next, 300)}[^n1]`);
  text(900, 10);
  // Far over a file's size, with a scene break every 40 paragraphs (about 36 KB).
  body.push('## CHAPTER II. THE NIGHT OF THE STORM');
  text(900, 300, 40);
  body.push(`${paragraph(next, 300)}[^n2] And again.[^n1]`);
  // Over a file's size without a single scene break.
  body.push('## Chapter III. Morning');
  text(1000, 260);
  // One paragraph far longer than any file should be.
  body.push('## Chapter IV. The Letter', paragraph(next, 70_000), paragraph(next, 400));
  body.push(`${paragraph(next, 200)}[^n3]`);
  const markdown = [
    '---',
    'title: "The Harbour Light"',
    'author: Ann Example',
    'notes:',
    '  - { id: "n1", position: inline, line: 1 }',
    '  - { id: "n2", position: inline, line: 1 }',
    '  - { id: "n3", position: inline, line: 1 }',
    '  - { id: "n4", position: end, line: 1 }',
    '---',
    '',
    body.join('\n\n'),
    '',
    '[^n1]: The light is real; I saw it in 2019.',
    '',
    '[^n2]: Written on a train.',
    '',
    '[^n3]: Thanks to everyone who read this far.',
    '',
    '[^n4]: See you next summer.',
    '',
  ].join('\n');
  return { markdown, bytes: Buffer.byteLength(body.join('\n\n'), 'utf8') };
}
