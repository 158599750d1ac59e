// The one way quire reads YAML (a config, a theme, a chapter's front matter): plain data only — no custom or typed tags, no alias loops or alias bombs, no nesting deeper than a config needs — and every problem as a QuireError at its file and line.
import { isNode, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { QuireError } from '../common/diagnostics.js';

/** Tags that only say what a plain value is; any other (`!foo`, `!!js/function`, `!!binary`, `!!set`…) is refused. */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** Deeper than this is no config, theme or front matter quire writes or reads. */
const MAX_DEPTH = 32;

/** Aliases expanded at most this many times over (yaml's own guard against "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

export interface YamlData {
  data: unknown;
  /** The line (1-based) of the value at a path of keys and indexes, when it is in the file. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parse YAML text (or JSON, which is YAML) from `file` (as messages name it); `firstLine` is the file's line the
 * text starts on (a chapter's front matter starts on line 2).
 */
export function parseYaml(text: string, file: string, firstLine = 1): YamlData {
  const lines = new LineCounter();
  const at = (offset: number): number => lines.linePos(offset).line + firstLine - 1;
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    throw new QuireError(`invalid YAML: ${firstLineOf(error)}`, { file, line: firstLine });
  }
  const problem = doc.errors[0];
  if (problem) {
    const exhausted = problem.code === 'RESOURCE_EXHAUSTION';
    throw new QuireError(exhausted ? 'invalid YAML: nested too deeply' : `invalid YAML: ${firstLineOf(problem)}`, { file, line: at(problem.pos[0]) });
  }
  visit(doc, {
    Node(_key, node) {
      if (node.tag === undefined || PLAIN_TAGS.has(node.tag)) return;
      const line = node.range ? at(node.range[0]) : firstLine;
      throw new QuireError(`the tag ${node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: give plain text, numbers, true/false, lists and mappings (remove the tag)`, { file, line });
    },
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new QuireError(`invalid YAML: aliases (*name) expand too much: ${firstLineOf(error)}; write the values out`, { file, line: firstLine });
  }
  const deep = tooDeep(data);
  if (deep) {
    const node = doc.getIn(deep.path, true);
    const line = isNode(node) && node.range ? at(node.range[0]) : firstLine;
    throw new QuireError(deep.loop ? 'invalid YAML: an alias (*name) refers to a value that holds it; write the value out' : `invalid YAML: nested more than ${MAX_DEPTH} levels deep`, { file, line });
  }
  return {
    data,
    lineOf(path) {
      const node = doc.getIn(path as unknown[], true);
      return isNode(node) && node.range ? at(node.range[0]) : undefined;
    },
  };
}

function firstLineOf(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}

/** The path of a value that holds itself (an alias loop) or lies too deep, found without recursion; undefined for plain data. */
function tooDeep(root: unknown): { path: PropertyKey[]; loop: boolean } | undefined {
  const stack: Array<{ value: unknown; path: PropertyKey[]; ancestors: Set<unknown> }> = [{ value: root, path: [], ancestors: new Set() }];
  while (stack.length > 0) {
    const { value, path, ancestors } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (ancestors.has(value)) return { path, loop: true };
    if (path.length >= MAX_DEPTH) return { path, loop: false };
    const inside = new Set(ancestors).add(value);
    const entries: Array<[PropertyKey, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key], ancestors: inside });
  }
  return undefined;
}

/** A config's or theme's text from its bytes: UTF-8 (a BOM is dropped) or UTF-16 with a BOM; anything else is refused. */
export function yamlText(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new QuireError('not UTF-8 text: save it as UTF-8', { file });
  }
}
