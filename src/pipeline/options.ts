// Build options: what the library API and the CLI accept, with their defaults.
import type { FormatName, ShopName, TrimName } from '../config/schema.js';
import type { NotesPolicy } from '../model/types.js';

export interface BuildOptions {
  /** Path of an anthology config (YAML/JSON). Default: seeds/anthology.yaml when no files are given. */
  config?: string;
  /** Raw story files; each is one story (title from the file name). Used when no config is given. */
  files?: string[];
  title?: string;
  author?: string;
  lang?: string;
  /** Output folder (default `dist`). */
  out?: string;
  formats?: FormatName[];
  trim?: TrimName;
  notes?: NotesPolicy;
  embedFonts?: boolean;
  print?: boolean;
  bleed?: boolean;
  /** Follow one print shop's rules exactly (default: a PDF every one of them accepts). */
  shop?: ShopName;
  pad?: 2 | 4;
  /** Zine options. */
  sheet?: 'a4' | 'letter';
  duplex?: 'short' | 'long';
  creep?: number;
  signature?: number;
  marks?: boolean;
  /** Fail (instead of warn and skip) when a story is empty after normalising. */
  strict?: boolean;
  allowOutside?: boolean;
  /** Folder with theme.yaml, matter/, epub/ (default: the package's templates/). */
  templatesDir?: string;
  /** Seconds since the epoch for dates in outputs (default: env SOURCE_DATE_EPOCH). */
  sourceDateEpoch?: number;
  /** Skip the lossless audit (it is on by default). */
  audit?: boolean;
  /** Called at the start of each stage, for progress display. */
  onProgress?: (stage: string, detail?: string) => void;
  /** Called once the config is resolved, before any story is read: how many story files, and their size in bytes. */
  onSources?: (sources: { files: number; bytes: number }) => void;
}

export const DEFAULT_FORMATS: FormatName[] = ['epub', 'pdf', 'zine'];
