import { AwsApiError } from '../errors.js';

/**
 * Readers for awsJson1_1 input members, shared by every JSON service. A member of the wrong JSON type
 * is a SerializationException (what AWS's JSON front end answers, whatever the service); a missing,
 * too long or malformed value is the service's own invalid-input error, built by the `InvalidInput`
 * function the service passes in (Organizations: `InvalidInputException` with a `Reason`).
 */
export type InputProblem =
  | 'INPUT_REQUIRED'
  | 'MIN_LENGTH_EXCEEDED'
  | 'MAX_LENGTH_EXCEEDED'
  | 'INVALID_ENUM'
  | 'INVALID_PATTERN'
  | 'MIN_VALUE_EXCEEDED'
  | 'MAX_VALUE_EXCEEDED'
  | 'INVALID_NEXT_TOKEN';

/** The member, the value refused and the constraint broken, for services that word it the Smithy way. */
export interface InvalidDetail {
  member: string;
  value: unknown;
  /** e.g. `Member must have length less than or equal to 32`. */
  constraint: string;
}

/** How a service words an invalid member; `problem` may also be a rule's own `patternReason`. */
export type InvalidInput = (
  problem: InputProblem | (string & {}),
  message: string,
  detail?: InvalidDetail,
) => AwsApiError;

/**
 * The wording of AWS's Smithy-based JSON services (sso-admin, Identity Store…): `1 validation error detected:
 * Value 'x' at 'name' failed to satisfy constraint: Member must …`, the member named in lower camel case.
 */
export function smithyValidationMessage(detail: InvalidDetail): string {
  const value = detail.value === undefined || detail.value === null ? 'null' : `'${String(detail.value)}'`;
  const member = detail.member.charAt(0).toLowerCase() + detail.member.slice(1);
  return `1 validation error detected: Value ${value} at '${member}' failed to satisfy constraint: ${detail.constraint}`;
}

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The problem reported when the pattern does not match (default INVALID_PATTERN). */
  patternReason?: string;
  values?: readonly string[];
}

export function typeError(name: string, expected: string): AwsApiError {
  return new AwsApiError('SerializationException', `Unexpected value type for ${name}: expected ${expected}.`);
}

export interface JsonInput {
  optString(input: Record<string, unknown>, name: string, rule?: StringRule): string | undefined;
  reqString(input: Record<string, unknown>, name: string, rule?: StringRule): string;
  optInt(input: Record<string, unknown>, name: string): number | undefined;
  optObject(input: Record<string, unknown>, name: string): Record<string, unknown> | undefined;
  optList(input: Record<string, unknown>, name: string): unknown[] | undefined;
  optStringList(input: Record<string, unknown>, name: string): string[] | undefined;
}

/** The member readers of a JSON service whose invalid-input error `invalid` builds. */
export function jsonInput(invalid: InvalidInput): JsonInput {
  const optString = (input: Record<string, unknown>, name: string, rule: StringRule = {}): string | undefined => {
    const v = input[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw typeError(name, 'a string');
    const detail = (constraint: string): InvalidDetail => ({ member: name, value: v, constraint });
    if (rule.min !== undefined && v.length < rule.min)
      throw invalid(
        'MIN_LENGTH_EXCEEDED',
        `You provided a value that does not meet the required minimum length for ${name}.`,
        detail(`Member must have length greater than or equal to ${rule.min}`),
      );
    if (rule.max !== undefined && v.length > rule.max)
      throw invalid(
        'MAX_LENGTH_EXCEEDED',
        `You provided a value that exceeds the maximum allowed length for ${name}.`,
        detail(`Member must have length less than or equal to ${rule.max}`),
      );
    if (rule.values !== undefined && !rule.values.includes(v))
      throw invalid(
        'INVALID_ENUM',
        `You specified an invalid value for ${name}: ${v}.`,
        detail(`Member must satisfy enum value set: [${rule.values.join(', ')}]`),
      );
    if (rule.pattern !== undefined && !rule.pattern.test(v))
      throw invalid(
        rule.patternReason ?? 'INVALID_PATTERN',
        `You specified a value for ${name} that is not valid: ${v}.`,
        detail(`Member must satisfy regular expression pattern: ${rule.pattern.source.replace(/^\^|\$$/g, '')}`),
      );
    return v;
  };
  const optList = (input: Record<string, unknown>, name: string): unknown[] | undefined => {
    const v = input[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw typeError(name, 'a list');
    return v;
  };
  return {
    optString,
    reqString: (input, name, rule = {}) => {
      const v = optString(input, name, rule);
      if (v === undefined)
        throw invalid('INPUT_REQUIRED', `You must specify a value for ${name}.`, {
          member: name,
          value: null,
          constraint: 'Member must not be null',
        });
      return v;
    },
    optInt: (input, name) => {
      const v = input[name];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(name, 'an integer');
      return v;
    },
    optObject: (input, name) => {
      const v = input[name];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'object' || Array.isArray(v)) throw typeError(name, 'a structure');
      return v as Record<string, unknown>;
    },
    optList,
    optStringList: (input, name) => {
      const list = optList(input, name);
      if (list === undefined) return undefined;
      for (const item of list) if (typeof item !== 'string') throw typeError(`${name} member`, 'a string');
      return list as string[];
    },
  };
}
