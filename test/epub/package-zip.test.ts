// The EPUB zip written without epub-gen-memory has the very entries, order and contents epub-gen-memory 1.1.2 writes for the same options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EPub } from 'epub-gen-memory';
import type JSZip from 'jszip';
import { packageZip, type PackageInput } from '../../src/render/epub/package-zip.ts';

const TEMPLATES = new URL('../../templates/epub/', import.meta.url);

/** The same input through epub-gen-memory, the way buildEpub used to call it. */
async function viaEpubGenMemory(input: PackageInput): Promise<JSZip> {
  const epub = new EPub(
    {
      title: input.title,
      author: [],
      description: input.description,
      lang: input.lang,
      version: 3,
      verbose: false,
      fonts: [],
      css: input.css,
      contentOPF: input.contentOPF,
      tocXHTML: input.tocXHTML,
      tocNCX: input.tocNCX,
      chapterXHTML: input.chapterXHTML,
      quire: input.quire,
    } as ConstructorParameters<typeof EPub>[0],
    input.chapters,
  );
  await epub.render();
  return (epub as unknown as { zip: JSZip }).zip;
}

async function entries(zip: JSZip): Promise<Array<[string, boolean, string, string | undefined]>> {
  return Promise.all(
    Object.entries(zip.files).map(async ([name, e]) => [name, e.dir, e.dir ? '' : await e.async('string'), (e.options as { compression?: string }).compression] as [string, boolean, string, string | undefined]),
  );
}

/** Templates that print what each one is given, besides quire's real ones. */
const PROBE_PAGE = '<%= lang %>|<%= title %>|<%= id %>|<%= filename %>|<%= url %>|<%= excludeFromToc %>|<%= beforeToc %>|<%= author.length %>|<%= content %>|<%= prependChapterTitles %>|<%= quire.n %>';
const PROBE_OPF = '<%= title %>|<%= lang %>|<%= description %>|<%= version %>|<%= author.length %>|<%= images.length %>|<%= fonts.length %>|<%= css.length %>|<% content.forEach(function (c) { %><%= c.id %>:<%= c.filename %>:<%= c.title %>,<% }) %>|<%= quire.n %>';

const CASES: Array<{ name: string; input: PackageInput }> = [
  {
    name: 'probe templates, awkward file names',
    input: {
      lang: 'fr',
      css: 'body { margin: 0 }',
      contentOPF: PROBE_OPF,
      tocXHTML: `nav ${PROBE_OPF}`,
      tocNCX: `ncx ${PROBE_OPF}`,
      chapterXHTML: PROBE_PAGE,
      title: 'Un titre & <plus>',
      description: 'Une description',
      quire: { n: 7 },
      chapters: [
        { title: 'Cover', filename: 'cover.xhtml', content: '', excludeFromToc: true, quire: { n: 1 } },
        { title: 'Chapter one', filename: 'p 002', content: '', excludeFromToc: true, quire: { n: 2 } },
        { title: 'Étoile', filename: 'étoile.xhtml', content: '', excludeFromToc: true, quire: { n: 3 } },
      ],
    },
  },
  {
    name: "quire's templates",
    input: {
      lang: 'en',
      css: readFileSync(new URL('style.css.ejs', TEMPLATES), 'utf8'),
      contentOPF: readFileSync(new URL('content.opf.ejs', TEMPLATES), 'utf8').replace(/<%[^%]*%>/g, ''),
      tocXHTML: readFileSync(new URL('nav.xhtml.ejs', TEMPLATES), 'utf8').replace(/<%[^%]*%>/g, ''),
      tocNCX: readFileSync(new URL('toc.ncx.ejs', TEMPLATES), 'utf8').replace(/<%[^%]*%>/g, ''),
      chapterXHTML: readFileSync(new URL('page.xhtml.ejs', TEMPLATES), 'utf8'),
      title: 'Four Words',
      description: '',
      quire: {},
      chapters: ['cover.xhtml', 'titlepage.xhtml', 's01.xhtml'].map((filename, i) => ({
        title: `Page ${i}`,
        filename,
        content: '',
        excludeFromToc: true,
        quire: { page: { title: `Page ${i}`, matter: 'bodymatter', html: `<p>Text ${i} &amp; more</p>` }, language: 'en', direction: 'ltr' },
      })),
    },
  },
];

for (const { name, input } of CASES) {
  test(`packageZip equals epub-gen-memory's zip: ${name}`, async () => {
    const mine = await entries(packageZip(input));
    const theirs = await entries(await viaEpubGenMemory(input));
    assert.deepEqual(mine, theirs);
    assert.ok(mine.length >= input.chapters.length + 6);
  });
}
