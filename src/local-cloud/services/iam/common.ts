import { AwsApiError } from '../../errors.js';
import type { RoleRecord } from './tables.js';
import type { Store } from '../../store/store.js';
import { qOpt, qReq, tagList } from '../query-input.js';
import { roleKey } from './provision.js';
import { iamMalformedMessage, refusedPolicyProblem } from '../policy-grammar.js';
import type { PolicyKind } from '../../../iam/policy/index.js';

export const NAME_RE = /^[\w+=,.@-]+$/;

export const noSuchEntity = (message: string): AwsApiError => new AwsApiError('NoSuchEntity', message, 404);
export const alreadyExists = (message: string): AwsApiError => new AwsApiError('EntityAlreadyExists', message, 409);
export const limitExceeded = (message: string): AwsApiError => new AwsApiError('LimitExceeded', message, 409);
export const deleteConflict = (message: string): AwsApiError => new AwsApiError('DeleteConflict', message, 409);
export const malformedPolicy = (message: string): AwsApiError =>
  new AwsApiError('MalformedPolicyDocument', message, 400);

/** An IAM managed policy ARN: `arn:aws:iam::<account>|aws:policy/<path><name>`. */
export const POLICY_ARN_RE = /^arn:aws:iam::(\d{12}|aws):policy\/[\x21-\x7E]+$/;

/**
 * A policy ARN member (`arnType`: 20..2048 characters, no pattern in the model, so a length error is a
 * ValidationError); an ARN that is not a policy's is IAM's `InvalidInput` "ARN … is not valid.".
 */
export function readPolicyArn(input: Record<string, unknown>, name = 'PolicyArn'): string {
  const arn = qReq(input, name, { min: 20, max: 2048 });
  if (!POLICY_ARN_RE.test(arn)) throw new AwsApiError('InvalidInput', `ARN ${arn} is not valid.`);
  return arn;
}

export function readRoleName(input: Record<string, unknown>): string {
  return qReq(input, 'RoleName', { min: 1, max: 64, pattern: NAME_RE });
}

export function readPath(input: Record<string, unknown>, name = 'Path'): string {
  const path = qOpt(input, name, { min: 1, max: 512 }) ?? '/';
  if (!(path === '/' || /^\/[\u0021-\u007E]+\/$/.test(path))) {
    throw new AwsApiError(
      'ValidationError',
      `The specified value for ${name.charAt(0).toLowerCase() + name.slice(1)} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
    );
  }
  return path;
}

export function findRole(store: Store, accountId: string, name: string): RoleRecord {
  const role = store.get('roles', roleKey(accountId, name));
  if (role === undefined) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

export const roleArn = (r: RoleRecord): string => `arn:aws:iam::${r.accountId}:role${r.path}${r.name}`;

/** IAM returns policy documents URL-encoded (RFC 3986) inside the XML. */
export const encodeDocument = (doc: string): string => encodeURIComponent(doc);

export function roleShape(r: RoleRecord, full: boolean): Record<string, unknown> {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.roleId,
    Arn: roleArn(r),
    CreateDate: new Date(r.createdAt),
    AssumeRolePolicyDocument: encodeDocument(r.assumeRolePolicyDocument),
    Description: r.description === '' ? undefined : r.description,
    MaxSessionDuration: r.maxSessionDuration,
    PermissionsBoundary:
      full && r.permissionsBoundaryArn !== undefined
        ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: r.permissionsBoundaryArn }
        : undefined,
    Tags: full && Object.keys(r.tags).length > 0 ? tagList(r.tags) : undefined,
    RoleLastUsed: full ? {} : undefined,
  };
}

/**
 * A policy document within IAM's size quota and IAM's grammar for its kind (`identity` for managed and inline
 * policies, `trust` for role trust policies); IAM answers MalformedPolicyDocument otherwise.
 */
export function checkPolicyDocument(doc: string, maxChars: number, what: string, kind: PolicyKind): void {
  if (doc.replace(/\s/g, '').length > maxChars) {
    throw limitExceeded(`Cannot exceed quota for ${what}: ${maxChars}`);
  }
  const problem = refusedPolicyProblem(doc, kind);
  if (problem !== undefined) throw malformedPolicy(iamMalformedMessage(problem));
}
