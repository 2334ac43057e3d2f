import { AwsApiError } from '../../errors.js';
import type { InvalidInput } from '../json-input.js';
import { jsonInput, smithyValidationMessage } from '../json-input.js';

/*
 * AWS Config's errors (botocore model config 2014-11-12): its exception shapes have no members, the code and message
 * travel as awsJson1_1 `__type` and `Message`. A broken member constraint is ValidationException, worded the Smithy way.
 */
export const configError = (code: string, message: string): AwsApiError => new AwsApiError(code, message, 400);

const invalid: InvalidInput = (_problem, message, detail) =>
  new AwsApiError('ValidationException', detail === undefined ? message : smithyValidationMessage(detail), 400);

export const configInput = jsonInput(invalid);

/** The service principal Config's organization aggregators use (trusted access, the delegated administrator). */
export const CONFIG_PRINCIPAL = 'config.amazonaws.com';
