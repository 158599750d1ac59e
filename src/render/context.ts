// Contract shared by the renderers: the options and theme they read, beside the document model.
import type { Messages } from '../common/diagnostics.js';
import type { ShopName, TrimName } from '../config/schema.js';
import type { Theme } from '../templates/theme.js';

export interface RenderOptions {
  trim: TrimName;
  /** EPUB: embed the theme's font files. */
  embedFonts: boolean;
  /** PDF: the print-shop variant (PDF/X, no outline, links or tags). */
  print: boolean;
  /** PDF: add a 0.125 in bleed (on the edges the shop wants) and BleedBox. */
  bleed: boolean;
  /** PDF: follow this print shop's rules exactly; unset, a file KDP, IngramSpark and Lulu all accept. */
  shop?: ShopName;
  /** PDF: pad the page count to a multiple of this (2 or 4). */
  pad: 2 | 4;
  /** Fail on anything that would print wrongly, such as a single character no font has (`--strict`). */
  strict?: boolean;
  /** Cover image (absolute path) from the config, else a typographic cover is generated. */
  cover?: string;
}

export interface RenderContext {
  theme: Theme;
  /** Absolute path of the templates folder (CSS, cover SVG, EJS files live there too). */
  templatesDir: string;
  options: RenderOptions;
  messages: Messages;
}
