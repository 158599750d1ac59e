// Carries an error from a worker thread to the main thread intact: QuireError stays a QuireError (kind, file, line), other errors keep class, name, message and stack.
import { QuireError, type ErrorKind } from '../common/diagnostics.js';

export type SentError =
  | { thrown: unknown }
  | { name: string; message: string; stack?: string; quire?: { kind: ErrorKind; file?: string; line?: number }; cause?: SentError };

const STANDARD: Record<string, ErrorConstructor> = { TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

/** A cloneable description of anything thrown (structured clone alone would turn a QuireError into a plain Error). */
export function sendError(error: unknown, depth = 0): SentError {
  if (!(error instanceof Error)) return { thrown: cloneable(error) };
  const sent: SentError = { name: error.name, message: error.message, ...(error.stack !== undefined && { stack: error.stack }) };
  if (error instanceof QuireError) sent.quire = { kind: error.kind, ...(error.file !== undefined && { file: error.file }), ...(error.line !== undefined && { line: error.line }) };
  if (error.cause !== undefined && depth < 4) sent.cause = sendError(error.cause, depth + 1);
  return sent;
}

/** The error `sendError` described, rebuilt on this thread (a non-Error throw comes back as its value). */
export function receiveError(sent: SentError): unknown {
  if ('thrown' in sent) return sent.thrown;
  const cause = sent.cause === undefined ? undefined : receiveError(sent.cause);
  const options = cause !== undefined ? { cause } : undefined;
  let error: Error;
  if (sent.quire) error = new QuireError(sent.message, { ...sent.quire, ...options });
  else {
    error = new (STANDARD[sent.name] ?? Error)(sent.message, options);
    error.name = sent.name;
  }
  if (sent.stack !== undefined) error.stack = sent.stack;
  return error;
}

function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}
