import { AwsApiError } from '../../errors.js';
import type { HandlerContext } from '../registry.js';
import type { GuardDutyDetectorRecord } from './tables.js';
import { regionalKey } from './tables.js';

/*
 * GuardDuty's errors (botocore model guardduty 2017-11-28): BadRequestException (400) for every client mistake, its
 * JSON body `{"message","__type":"InvalidInputException"}` as AWS sends it; messages as AWS words them.
 */
export const badRequest = (message: string): AwsApiError => new AwsApiError('BadRequestException', message, 400);

export const invalidValue = (): AwsApiError =>
  badRequest('The request is rejected because an invalid or out-of-range value is specified as an input parameter.');

export const notOrganizationAdmin = (): AwsApiError =>
  badRequest('The request failed because you do not have required AWS Organization master permission.');

export function guardDutyErrorBody(err: AwsApiError): Record<string, unknown> {
  return err.code === 'BadRequestException'
    ? { message: err.message, __type: 'InvalidInputException' }
    : { message: err.message };
}

/** GuardDuty's service principal (trusted access, the Organizations delegated administrator). */
export const GUARDDUTY_PRINCIPAL = 'guardduty.amazonaws.com';

const DETECTOR_ID_RE = /^[0-9a-f]{32}$/;

/** The caller's own detector in this region named by the `DetectorId` path label. */
export function ownDetector(input: Record<string, unknown>, ctx: HandlerContext): GuardDutyDetectorRecord {
  const id = input.DetectorId;
  if (typeof id !== 'string' || id.length > 300 || !DETECTOR_ID_RE.test(id)) throw invalidValue();
  const detector = ctx.store.get('guarddutyDetectors', regionalKey(ctx.principal.accountId, ctx.region));
  if (detector?.id !== id)
    throw badRequest('The request is rejected because the input detectorId is not owned by the current account.');
  return detector;
}

/** An optional member of one JSON type, or the generic invalid-value error. */
export function optMember<T>(input: Record<string, unknown>, name: string, type: 'string' | 'boolean'): T | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== type) throw invalidValue();
  return v as T;
}

/** An optional enum member. */
export function optEnum<T extends string>(
  input: Record<string, unknown>,
  name: string,
  values: readonly T[],
): T | undefined {
  const v = optMember<string>(input, name, 'string');
  if (v !== undefined && !(values as readonly string[]).includes(v)) throw invalidValue();
  return v as T | undefined;
}

export const detectorArn = (d: GuardDutyDetectorRecord): string =>
  `arn:aws:guardduty:${d.region}:${d.accountId}:detector/${d.id}`;
