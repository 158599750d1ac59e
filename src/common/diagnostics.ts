// Diagnostics: vfile-style messages (file:line + reason) that stages collect instead of printing.

export type Severity = 'info' | 'warning' | 'error';

export interface Message {
  severity: Severity;
  /** Short stable rule name, e.g. `scene-break`, `mojibake`, `config`. */
  rule: string;
  reason: string;
  file?: string;
  line?: number;
}

/** Collects the messages of one build or one file. */
export class Messages {
  readonly list: Message[] = [];

  add(severity: Severity, rule: string, reason: string, file?: string, line?: number): Message {
    const message: Message = { severity, rule, reason, ...(file !== undefined && { file }), ...(line !== undefined && { line }) };
    this.list.push(message);
    return message;
  }
  info(rule: string, reason: string, file?: string, line?: number): Message {
    return this.add('info', rule, reason, file, line);
  }
  warn(rule: string, reason: string, file?: string, line?: number): Message {
    return this.add('warning', rule, reason, file, line);
  }
  get warnings(): Message[] {
    return this.list.filter((m) => m.severity === 'warning');
  }
}

/** `path:line: reason` — the one format every diagnostic is printed in. */
export function formatMessage(m: Pick<Message, 'file' | 'line' | 'reason'>): string {
  const where = m.file ? (m.line ? `${m.file}:${m.line}: ` : `${m.file}: `) : '';
  return `${where}${m.reason}`;
}

/** Exit code classes of the documented error model. */
export type ErrorKind = 'input' | 'usage';

/**
 * A failure the user can act on: printed as one line `file:line: reason`, exit 1 (input/build) or 2 (usage).
 * Anything else that is thrown is a bug and is printed with its stack only under --verbose.
 */
export class QuireError extends Error {
  readonly kind: ErrorKind;
  readonly file?: string;
  readonly line?: number;
  constructor(reason: string, options: { file?: string; line?: number; kind?: ErrorKind; cause?: unknown } = {}) {
    super(reason, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'QuireError';
    this.kind = options.kind ?? 'input';
    if (options.file !== undefined) this.file = options.file;
    if (options.line !== undefined) this.line = options.line;
  }
  get exitCode(): 1 | 2 {
    return this.kind === 'usage' ? 2 : 1;
  }
  format(): string {
    return formatMessage({ file: this.file, line: this.line, reason: this.message });
  }
}
