// Scores labelled real-world texts as a reader sees the book: each is built to an EPUB by quire and its story files read back
// (a TypeScript port of ../shared/tools/score-normaliser.py; the label format is in ../shared/realworld-dev/README.md).
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../../src/pipeline/index.ts';
import { openEpub } from '../epub/read.ts';

export interface Labels {
  language?: string;
  paratext?: string[];
  paratext_until?: string;
  paratext_from?: string;
  story?: string[];
  headings?: string[];
  breaks?: number;
  title?: string | null;
}

export interface TextScore {
  file: string;
  paratext: [number, number];
  story: [number, number];
  headings: [number, number];
  falseHeadings: number;
  breaks: [number, number];
  /** undefined when the text states no title. */
  title?: boolean;
  misses: string[];
}

const MATTER = /(^|\/)(cover|halftitle|titlepage|copyright|toc|nav|notes|colophon)[^/]*\.x?html$/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (NAMED[e.toLowerCase()] ?? m),
  );
}

/** Letters and digits, lower case: typography and markup do not matter. */
export function skeleton(s: string): string {
  return [...unescapeHtml(s).normalize('NFKC').toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c)).join('');
}

function tokens(s: string): string[] {
  return unescapeHtml(s).normalize('NFKC').toLowerCase().replace(/_/g, ' ').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

function contains(haySkeleton: string, hayTokens: string, needle: string): boolean {
  const sk = skeleton(needle);
  if (!sk) return true;
  if (sk.length >= 10) return haySkeleton.includes(sk);
  return hayTokens.includes(` ${tokens(needle).join(' ')} `);
}

function decode(raw: Buffer): string {
  if ((raw[0] === 0xff && raw[1] === 0xfe) || (raw[0] === 0xfe && raw[1] === 0xff)) return new TextDecoder(raw[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(raw.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw).replace(/^\uFEFF/, '');
  } catch {
    return raw.toString('latin1');
  }
}

const count = (hay: string, needle: string): number => (needle ? hay.split(needle).length - 1 : 0);

/** The story files of the EPUB: body text with chapter headings, the headings, scene breaks, story titles. */
async function storyParts(bytes: Uint8Array): Promise<{ body: string; heads: string[]; breaks: number; titles: string[] }> {
  const epub = await openEpub(bytes);
  const opfPath = /full-path="([^"]+)"/.exec(await epub.text('META-INF/container.xml'))![1]!;
  const opf = await epub.text(opfPath);
  const base = path.posix.dirname(opfPath);
  const items = new Map<string, string>();
  for (const tag of opf.match(/<item\b[^>]*>/g) ?? []) {
    const id = /\bid="([^"]+)"/.exec(tag)?.[1];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (id && href) items.set(id, href);
  }
  const body: string[] = [];
  const heads: string[] = [];
  const titles: string[] = [];
  let breaks = 0;
  for (const [, idref] of opf.matchAll(/<itemref\b[^>]*idref="([^"]+)"/g)) {
    const href = items.get(idref!) ?? '';
    if (!/\.x?html$/.test(href) || MATTER.test(href)) continue;
    let x = await epub.text(path.posix.normalize(path.posix.join(base, href)));
    if (!x.includes('bodymatter') && !x.includes('epub:type="chapter"')) continue;
    for (const [, t] of x.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)) titles.push(t!.replace(/<[^>]+>/g, ''));
    x = x.replace(/<header\b[\s\S]*?<\/header>/g, ' ');
    x = x.replace(/<p\b[^>]*class="[^"]*note-link[^"]*"[^>]*>[\s\S]*?<\/p>/g, ' ').replace(/<a\b[^>]*noteref[^>]*>[\s\S]*?<\/a>/g, ' ').replace(/<sup\b[^>]*>[\s\S]*?<\/sup>/g, ' ');
    for (const [, h] of x.matchAll(/<h[2-6]\b[^>]*>([\s\S]*?)<\/h[2-6]>/g)) heads.push(h!.replace(/<[^>]+>/g, '').trim());
    breaks += (x.match(/<hr\b/g) ?? []).length;
    x = x.replace(/<head\b[\s\S]*?<\/head>/g, ' ').replace(/<\/(p|h[1-6]|li|div|blockquote|pre|td|dd|dt)>|<br\s*\/?>|<hr\b[^>]*>/g, '\n\n');
    body.push(x.replace(/<[^>]+>/g, ' '));
  }
  return { body: body.join('\n\n'), heads, breaks, titles };
}

/** Build one labelled text on its own (EPUB only, the text's language) and score it. */
export async function scoreText(textPath: string, labels: Labels): Promise<TextScore> {
  const name = path.basename(textPath).replace(/\.[^.]+$/, '');
  const work = mkdtempSync(path.join(tmpdir(), 'quire-score-'));
  const res: TextScore = { file: path.basename(textPath), paratext: [0, 0], story: [0, 0], headings: [0, 0], falseHeadings: 0, breaks: [0, labels.breaks ?? 0], misses: [] };
  try {
    const src = path.join(work, `${name}.txt`);
    copyFileSync(textPath, src);
    const out = path.join(work, 'out');
    const result = await build({ files: [src], title: 'Scored', formats: ['epub'], lang: labels.language ?? 'en', out });
    const epubFile = result.files.find((f) => f.endsWith('.epub') && !f.endsWith('.kepub.epub'))!;
    const raw = decode(readFileSync(textPath)).replace(/\r\n?/g, '\n');
    const lines = raw.split('\n').filter((l) => l.trim());
    const para = [...(labels.paratext ?? [])];
    if (labels.paratext_from) para.push(labels.paratext_from, lines[lines.length - 1]!.trim().slice(0, 60));
    if (labels.paratext_until) para.push(labels.paratext_until, lines[0]!.trim().slice(0, 60));
    const story = labels.story ?? [];
    const heads = labels.headings ?? [];
    res.paratext[1] = para.length;
    res.story[1] = story.length;
    res.headings[1] = heads.length;
    const parts = await storyParts(readFileSync(epubFile));
    const all = `${parts.body}\n\n${parts.heads.join('\n\n')}`;
    const hs = skeleton(all);
    const ht = ` ${tokens(all).join(' ')} `;
    const shortBlocks = all.split(/\n\s*\n/).map(skeleton).filter((b) => b && b.length <= 40);
    const seen = new Map<string, number>();
    for (const p of para) {
      seen.set(p, (seen.get(p) ?? 0) + 1);
      const sk = skeleton(p);
      const left = sk.length >= 10 ? count(hs, sk) : shortBlocks.filter((b) => b.includes(sk)).length;
      const total = para.filter((q) => q === p).length;
      const gone = left === 0 || (sk.length >= 10 && left <= total - seen.get(p)!);
      if (gone) res.paratext[0]++;
      else res.misses.push(`paratext left in story: ${JSON.stringify(p)}`);
    }
    for (const s of story) {
      if (contains(hs, ht, s)) res.story[0]++;
      else res.misses.push(`STORY TEXT LOST: ${JSON.stringify(s)}`);
    }
    const headSkeletons = parts.heads.map(skeleton);
    const matched = new Set<number>();
    for (const h of heads) {
      const sk = skeleton(h);
      const hit = headSkeletons.findIndex((g, i) => !matched.has(i) && g !== '' && (g === sk || (sk.length >= 4 && (g.includes(sk) || sk.includes(g)))));
      if (hit >= 0) {
        matched.add(hit);
        res.headings[0]++;
      } else res.misses.push(`heading missed: ${JSON.stringify(h)}`);
    }
    res.falseHeadings = parts.heads.length - matched.size;
    parts.heads.forEach((g, i) => matched.has(i) || res.misses.push(`heading that is not one: ${JSON.stringify(g)}`));
    res.breaks[0] = parts.breaks;
    if (parts.breaks !== res.breaks[1]) res.misses.push(`scene breaks: ${parts.breaks} for ${res.breaks[1]}`);
    if (labels.title) {
      const want = skeleton(labels.title);
      res.title = parts.titles.some((t) => want !== '' && (skeleton(t) === want || skeleton(t).includes(want)));
      if (!res.title) res.misses.push(`title ${JSON.stringify(labels.title)} not taken (got ${JSON.stringify(parts.titles.slice(0, 1))})`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return res;
}

export interface FolderScore {
  texts: TextScore[];
  paratext: number;
  story: number;
  headings: number;
  falseHeadings: number;
  breaksExact: number;
  titles: number;
  line: string;
}

/** Score every `NAME.labels.json` + `NAME.*` text in a folder; totals as ratios (1 when there is nothing to count). */
export async function scoreFolder(folder: string): Promise<FolderScore> {
  const texts: TextScore[] = [];
  for (const lab of readdirSync(folder).filter((f) => f.endsWith('.labels.json')).sort()) {
    const stem = lab.slice(0, -'.labels.json'.length);
    const text = readdirSync(folder).find((f) => f.startsWith(`${stem}.`) && !f.endsWith('.labels.json'));
    if (!text) continue;
    texts.push(await scoreText(path.join(folder, text), JSON.parse(readFileSync(path.join(folder, lab), 'utf8')) as Labels));
  }
  const sum = (k: 'paratext' | 'story' | 'headings'): [number, number] => [texts.reduce((n, t) => n + t[k][0], 0), texts.reduce((n, t) => n + t[k][1], 0)];
  const ratio = ([a, b]: [number, number]): number => (b === 0 ? 1 : a / b);
  const pct = (x: [number, number]): string => `${x[0]}/${x[1]} (${Math.round(100 * ratio(x))}%)`;
  const [pr, st, hd] = [sum('paratext'), sum('story'), sum('headings')];
  const falseHeadings = texts.reduce((n, t) => n + t.falseHeadings, 0);
  const exact = texts.filter((t) => t.breaks[0] === t.breaks[1]).length;
  const titled = texts.filter((t) => t.title !== undefined);
  const titlesOk = titled.filter((t) => t.title).length;
  return {
    texts,
    paratext: ratio(pr),
    story: ratio(st),
    headings: ratio(hd),
    falseHeadings,
    breaksExact: texts.length ? exact / texts.length : 1,
    titles: titled.length ? titlesOk / titled.length : 1,
    line: `${texts.length} texts | paratext removed ${pct(pr)} | story kept ${pct(st)} | headings ${pct(hd)}, ${falseHeadings} false | breaks exact ${exact}/${texts.length} | titles ${titlesOk}/${titled.length}`,
  };
}
