// The PDF's lossless audit: each story's laid-out text compared word by word with its normalised text (line-end hyphens rejoined).
import { auditTexts, type AuditResult } from '../audit/index.js';

/** Word comparison per story id of `expected` (normalised texts); a story with no laid-out text compares against nothing. */
export function auditPdfTexts(expected: Record<string, string>, texts: Map<string, string>): Record<string, AuditResult> {
  // PDF lines may end in a hyphen the layout added: rejoin those words.
  return Object.fromEntries(Object.entries(expected).map(([id, t]) => [id, auditTexts(t, texts.get(id) ?? '', { joinLineEndHyphens: true })]));
}
