// Reading a file of the templates folder (theme.yaml, matter/*.md, epub/*.ejs, cover.svg): through the one reader of user files, kept inside that folder by real path.
import { readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { readInputSync } from '../common/input-file.js';

/** Real paths of templates folders, by the path given (a build reads a dozen files from one folder). */
const realFolders = new Map<string, string>();

function realFolder(dir: string): string {
  let real = realFolders.get(dir);
  if (real === undefined) {
    try {
      real = realpathSync(dir);
    } catch {
      real = path.resolve(dir);
    }
    realFolders.set(dir, real);
  }
  return real;
}

/** A template's text (`relative` inside `templatesDir`); a QuireError naming the file when it is missing, no regular file, too large or outside the folder. */
export function readTemplateFile(templatesDir: string, relative: string): string {
  const file = path.join(templatesDir, relative);
  return readInputSync(file, { kind: 'template', display: file, within: realFolder(templatesDir) }).toString('utf8');
}

/** The files of a templates folder a build reads (no output may replace them). */
export function templateFiles(templatesDir: string): string[] {
  const inside = (folder: string): string[] => {
    try {
      return readdirSync(path.join(templatesDir, folder)).map((name) => path.join(templatesDir, folder, name));
    } catch {
      return [];
    }
  };
  return [path.join(templatesDir, 'theme.yaml'), path.join(templatesDir, 'cover.svg'), ...inside('matter'), ...inside('epub')];
}
