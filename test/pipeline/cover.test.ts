// The cover stage: the typographic cover drawn once (beside the build when a worker is free) and kept in the cover cache, keyed by everything that decides its pixels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_TEMPLATES_DIR, loadTheme } from '../../src/templates/theme.ts';
import { coverJob, drawCover, renderCoverPng, type CoverJob, type CoverMeta } from '../../src/render/epub/cover.ts';
import { cacheDir, coverCacheFile, isWholePng, KEEP_COVERS, readCachedCover, storeCover } from '../../src/pipeline/cover-cache.ts';
import { coverPng, prefetchCover, type CoverDraw } from '../../src/pipeline/cover.ts';
import { hereOnly, type Scheduler } from '../../src/parallel/pool.ts';
import { pool } from '../../src/pipeline/threads.ts';

const theme = loadTheme();
const root = mkdtempSync(path.join(tmpdir(), 'quire-cover-cache-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
// Every cover this file draws or reads goes through this folder.
process.env.QUIRE_CACHE_DIR = path.join(root, 'cache');

/** A stand-in PNG (signature … IEND) that no drawing would produce: finding it proves it came from the cache. */
function fakePng(tag: string): Uint8Array {
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.from(tag), 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
}

/** Cover jobs run here, counted. */
function counted(): { jobs: Scheduler<CoverDraw, Uint8Array>; draws: () => number } {
  let draws = 0;
  return { jobs: hereOnly((draw: CoverDraw) => (draws++, drawCover(draw))), draws: () => draws };
}

const here = counted();

test('the cache folder: QUIRE_CACHE_DIR, else the platform cache folder', () => {
  const home = (): string => '/home/ann';
  assert.equal(cacheDir({ QUIRE_CACHE_DIR: '/tmp/c' }, 'linux', home), path.resolve('/tmp/c'));
  assert.equal(cacheDir({ QUIRE_CACHE_DIR: '' }, 'linux', home), undefined);
  assert.equal(cacheDir({}, 'linux', home), path.join('/home/ann', '.cache', 'quire'));
  assert.equal(cacheDir({ XDG_CACHE_HOME: '/var/cache/ann' }, 'linux', home), path.join('/var/cache/ann', 'quire'));
  assert.equal(cacheDir({}, 'darwin', home), path.join('/home/ann', 'Library', 'Caches', 'quire'));
  // No home folder: no cache, and no error.
  assert.equal(cacheDir({}, 'linux', () => { throw new Error('no home'); }), undefined);
  assert.equal(cacheDir({ LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'win32', home), path.join('C:\\Users\\ann\\AppData\\Local', 'quire', 'Cache'));
  assert.equal(cacheDir({}, 'win32', home), undefined);
});

test('a drawn cover is kept, and the next build takes it from the cache instead of drawing it', async () => {
  const meta: CoverMeta = { title: 'Kept Once', authors: ['Ann Example'] };
  const job = coverJob(DEFAULT_TEMPLATES_DIR, meta, theme);
  const file = coverCacheFile(job)!;
  assert.ok(file.startsWith(path.join(root, 'cache', 'covers')));
  const drawn = await coverPng(here.jobs, DEFAULT_TEMPLATES_DIR, meta, theme);
  assert.ok(Buffer.from(readFileSync(file)).equals(Buffer.from(drawn)), 'the drawn PNG was kept');
  assert.ok(Buffer.from(drawn).equals(Buffer.from(renderCoverPng(DEFAULT_TEMPLATES_DIR, meta, theme))));
  // What the cache holds is what the next build (another process) uses: a stand-in here, so it cannot have been drawn.
  writeFileSync(file, fakePng('cached'));
  assert.deepEqual(readCachedCover(job), fakePng('cached'));
});

test('a prefetch finds a cached cover and draws nothing', async () => {
  const meta: CoverMeta = { title: 'Prefetched From Disk', authors: ['B'] };
  const job = coverJob(DEFAULT_TEMPLATES_DIR, meta, theme);
  storeCover(job, fakePng('prefetched'));
  const jobs = counted();
  prefetchCover(jobs.jobs, DEFAULT_TEMPLATES_DIR, { title: meta.title, stories: [{ source: 'a.txt', path: '/a.txt', authors: ['B'] }] }, theme);
  assert.deepEqual(await coverPng(jobs.jobs, DEFAULT_TEMPLATES_DIR, meta, theme), fakePng('prefetched'));
  assert.equal(jobs.draws(), 0);
});

test('a prefetched cover is taken only when the book\'s cover is the same', async () => {
  const jobs = counted();
  // Prefetched from a config whose cover differs from the book's (the book's subtitle is not in it).
  prefetchCover(jobs.jobs, DEFAULT_TEMPLATES_DIR, { title: 'Prefetched', stories: [{ source: 'a.txt', path: '/a.txt', authors: ['X'] }] }, theme);
  const book: CoverMeta = { title: 'Prefetched', subtitle: 'But the book has a subtitle', authors: ['X'] };
  assert.deepEqual(Buffer.from(await coverPng(jobs.jobs, DEFAULT_TEMPLATES_DIR, book, theme)), Buffer.from(renderCoverPng(DEFAULT_TEMPLATES_DIR, book, theme)));
  assert.equal(jobs.draws(), 2, 'the prefetched cover and the book\'s');
  // The same cover: the prefetched one is taken, not drawn again.
  const same: CoverMeta = { title: 'Prefetched', authors: ['X'] };
  assert.deepEqual(Buffer.from(await coverPng(jobs.jobs, DEFAULT_TEMPLATES_DIR, same, theme)), Buffer.from(renderCoverPng(DEFAULT_TEMPLATES_DIR, same, theme)));
  assert.equal(jobs.draws(), 2);
});

test('a cover drawn by a worker is the one drawn here, and is kept', { skip: !pool.available && 'no worker threads here' }, async () => {
  const meta: CoverMeta = { title: 'Drawn Beside', authors: ['E'] };
  const job = coverJob(DEFAULT_TEMPLATES_DIR, meta, theme);
  assert.equal(readCachedCover(job), undefined);
  const png = await coverPng(pool.scheduler('cover'), DEFAULT_TEMPLATES_DIR, meta, theme);
  assert.ok(Buffer.from(png).equals(Buffer.from(renderCoverPng(DEFAULT_TEMPLATES_DIR, meta, theme))));
  assert.deepEqual(readCachedCover(job), png);
});

test('a broken cache file is not used: the cover is drawn again and the file repaired', async () => {
  const meta: CoverMeta = { title: 'Cut Short', authors: ['C'] };
  const job = coverJob(DEFAULT_TEMPLATES_DIR, meta, theme);
  const file = coverCacheFile(job)!;
  const whole = renderCoverPng(DEFAULT_TEMPLATES_DIR, meta, theme);
  storeCover(job, whole);
  writeFileSync(file, whole.subarray(0, whole.length - 100)); // a write cut short
  assert.equal(readCachedCover(job), undefined);
  const png = await coverPng(here.jobs, DEFAULT_TEMPLATES_DIR, meta, theme);
  assert.ok(Buffer.from(png).equals(Buffer.from(whole)));
  assert.ok(isWholePng(readFileSync(file)), 'repaired');
  // Nothing that is not a whole PNG is ever written.
  storeCover(coverJob(DEFAULT_TEMPLATES_DIR, { title: 'Not A Png', authors: [] }, theme), new Uint8Array([1, 2, 3]));
  assert.equal(readCachedCover(coverJob(DEFAULT_TEMPLATES_DIR, { title: 'Not A Png', authors: [] }, theme)), undefined);
});

test('the key covers everything that decides the pixels: the SVG, the options and the font files themselves', () => {
  const job = coverJob(DEFAULT_TEMPLATES_DIR, { title: 'Keyed', authors: ['D'] }, theme);
  const other = coverJob(DEFAULT_TEMPLATES_DIR, { title: 'Keyed', subtitle: 'Again', authors: ['D'] }, theme);
  assert.notEqual(coverCacheFile(job), coverCacheFile(other));
  assert.equal(coverCacheFile(job), coverCacheFile(coverJob(DEFAULT_TEMPLATES_DIR, { title: 'Keyed', authors: ['D'] }, theme)));
  // The same font path with a new file behind it (a package upgrade) is a new key.
  const font = path.join(root, 'Face.ttf');
  copyFileSync(theme.fontFiles.regular, font);
  const withFont: CoverJob = { ...job, options: { ...job.options, font: { ...job.options.font, fontFiles: [font] } } };
  const before = coverCacheFile(withFont);
  utimesSync(font, new Date(2001, 0, 1), new Date(2001, 0, 1));
  assert.notEqual(coverCacheFile(withFont), before);
  // A missing font file: no key (the drawing reports it).
  rmSync(font);
  assert.equal(coverCacheFile(withFont), undefined);
  // No cache folder: nothing is kept.
  assert.equal(coverCacheFile(job, ''), undefined);
});

test('the cache keeps the newest covers only', () => {
  const dir = path.join(root, 'bounded');
  const job = coverJob(DEFAULT_TEMPLATES_DIR, { title: 'Many', authors: [] }, theme);
  for (let i = 0; i < KEEP_COVERS + 5; i++) storeCover({ ...job, svg: `${job.svg}<!-- ${i} -->` }, fakePng(String(i)), dir);
  const kept = readdirSync(path.join(dir, 'covers'));
  assert.equal(kept.length, KEEP_COVERS);
  assert.ok(kept.every((f) => f.endsWith('.png')));
  assert.deepEqual(readCachedCover({ ...job, svg: `${job.svg}<!-- ${KEEP_COVERS + 4} -->` }, dir), fakePng(String(KEEP_COVERS + 4)), 'the newest is kept');
});
