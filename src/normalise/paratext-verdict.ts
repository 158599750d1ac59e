// What the paratext rules decide about one block: its kind, the rule and the evidence, and any metadata it states.

/** What a block of paratext is, the rule that decided it and the evidence, and any metadata it states. */
export interface Verdict {
  kind: 'disclaimer' | 'authorNote' | 'metadata' | 'titleLine';
  rule: string;
  evidence: string;
  title?: string;
  author?: string;
  /** The block is (part of) the story's summary. */
  summary?: boolean;
}

/** A quotation of a line for an evidence string, cut at 40 characters. */
export function ellipsis(t: string): string {
  return t.length > 40 ? `${t.slice(0, 37)}…` : t;
}
