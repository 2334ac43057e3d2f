/**
 * An error the emulated AWS service returns to the caller. Handlers throw it; the protocol layer
 * renders it as awsJson1_1 (`__type` + members) or awsQuery (`<ErrorResponse>`).
 */
export class AwsApiError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  /** Extra members of the error shape, e.g. `{ Reason: 'OU_DEPTH_LIMIT_EXCEEDED' }`. */
  readonly extras: Readonly<Record<string, string>>;
  /** awsQuery `<Type>`: Sender for client faults, Receiver for server faults. */
  readonly fault: 'Sender' | 'Receiver';

  constructor(code: string, message: string, httpStatus = 400, extras: Record<string, string> = {}) {
    super(message);
    this.name = 'AwsApiError';
    this.code = code;
    this.httpStatus = httpStatus;
    this.extras = extras;
    this.fault = httpStatus >= 500 ? 'Receiver' : 'Sender';
  }
}

/** awsQuery (IAM, STS) `ValidationError`, phrased as AWS phrases constraint failures. */
export function validationError(message: string): AwsApiError {
  return new AwsApiError('ValidationError', message, 400);
}
