// Stands in for `string-width` in the bundled command line (for yargs and the cliui and wrap-ansi it lays out its help with): string-width builds an Intl.Segmenter and its emoji patterns at load (≈ 25 ms), yet yargs lays out its help text, which it does for every command it runs, in printable ASCII, which needs neither. The real one (yargs' own version) is loaded at the first other text.
let real;

export default function stringWidth(string, options) {
  // string-width's own first rule: printable ASCII is as wide as it is long.
  if (typeof string === 'string' && /^[\u0020-\u007E]*$/.test(string)) return string.length;
  // Bundled, esbuild evaluates the module here, on the first call (unbundled, this file is never used).
  real ??= require('string-width').default;
  return real(string, options);
}
