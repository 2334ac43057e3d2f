import { AwsApiError } from '../../errors.js';

/** Organizations `ConstraintViolationException` with its documented `Reason`. */
export function constraintViolation(reason: string, message: string): AwsApiError {
  return new AwsApiError('ConstraintViolationException', message, 400, { Reason: reason });
}

/** Organizations `InvalidInputException` with its documented `Reason`. */
export function invalidInput(reason: string, message: string): AwsApiError {
  return new AwsApiError('InvalidInputException', message, 400, { Reason: reason });
}
