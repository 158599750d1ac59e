// The PDF's lossless audit: each story's laid-out text compared word by word with its normalised words (line-end hyphens rejoined).
import { auditText, type AuditResult } from '../audit/index.js';

/** Word comparison per story id of `expected`; a story with no laid-out text compares against nothing. */
export function auditPdfTexts(expected: Record<string, string[]>, texts: Map<string, string>): Record<string, AuditResult> {
  // PDF lines may end in a hyphen the layout added: rejoin those words.
  return Object.fromEntries(Object.entries(expected).map(([id, w]) => [id, auditText(w, texts.get(id) ?? '', { joinLineEndHyphens: true })]));
}
