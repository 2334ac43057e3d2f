/** Where an error came from: the user's input, AWS (or the local cloud), or a bug of ours. */
export type ErrorSource = 'user' | 'aws' | 'internal';

/**
 * The one error base class. Codes are stable and lowercase-kebab; messages name the wrong
 * value and the hint says what to change. Only the CLI maps these to exit codes.
 */
export class BulkheadError extends Error {
  readonly code: string;
  readonly source: ErrorSource;
  readonly hint?: string;

  constructor(code: string, message: string, options: { source?: ErrorSource; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BulkheadError';
    this.code = code;
    this.source = options.source ?? 'user';
    if (options.hint !== undefined) this.hint = options.hint;
  }

  static is(value: unknown): value is BulkheadError {
    return (
      value instanceof BulkheadError ||
      (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'BulkheadError')
    );
  }
}

/** A usage mistake on the command line (unknown flag, bad value): exit 2. */
export class UsageError extends BulkheadError {
  constructor(message: string, hint?: string) {
    super('usage', message, hint === undefined ? { source: 'user' } : { source: 'user', hint });
    this.name = 'BulkheadError';
  }
}
