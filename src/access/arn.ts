/** ARN parsing shared by resource matching, the Arn* condition operators and input checks. */

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/**
 * Splits an ARN into its six colon-delimited components; the resource part keeps any further colons.
 * Returns undefined for anything that is not `arn:partition:service:region:account:resource`.
 */
export function splitArn(arn: string): ArnParts | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const parts: string[] = [];
  let start = 4;
  for (let i = 0; i < 4; i++) {
    const next = arn.indexOf(':', start);
    if (next < 0) return undefined;
    parts.push(arn.slice(start, next));
    start = next + 1;
  }
  const [partition, service, region, account] = parts as [string, string, string, string];
  return { partition, service, region, account, resource: arn.slice(start) };
}

/** True for ARNs a request may name: a partition, a service and a resource part are required. */
export function isWellFormedArn(arn: string): boolean {
  const parts = splitArn(arn);
  return parts !== undefined && parts.partition !== '' && parts.service !== '' && parts.resource !== '';
}

export const ACCOUNT_ID = /^\d{12}$/;

export type PrincipalKind = 'user' | 'role' | 'assumed-role' | 'federated-user' | 'root' | 'service' | 'other';

export interface PrincipalInfo {
  kind: PrincipalKind;
  account: string;
  /** The user, role or federated-user name; for assumed roles, the role name. */
  name?: string;
  sessionName?: string;
  /** The ARN that `aws:PrincipalArn` reports: the role ARN for a role session, else the caller's ARN. */
  principalArn: string;
}

/** Classifies the caller's ARN (or service principal name such as `lambda.amazonaws.com`). */
export function describePrincipal(arn: string, accountId: string, roleArn?: string): PrincipalInfo {
  if (!arn.startsWith('arn:') && arn.endsWith('.amazonaws.com')) {
    return { kind: 'service', account: accountId, principalArn: arn };
  }
  const parts = splitArn(arn);
  if (parts === undefined) return { kind: 'other', account: accountId, principalArn: arn };
  const { partition, service, account, resource } = parts;
  if (service === 'iam' && resource === 'root') return { kind: 'root', account, principalArn: arn };
  if (service === 'iam' && resource.startsWith('user/')) {
    return { kind: 'user', account, name: resource.slice(resource.lastIndexOf('/') + 1), principalArn: arn };
  }
  if (service === 'iam' && resource.startsWith('role/')) {
    return { kind: 'role', account, name: resource.slice(resource.lastIndexOf('/') + 1), principalArn: arn };
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const [, roleName = '', ...session] = resource.split('/');
    return {
      kind: 'assumed-role',
      account,
      name: roleName,
      sessionName: session.join('/'),
      // AWS: for a role session, aws:PrincipalArn is the ARN of the role, with its path (which the session ARN
      // does not carry: the caller passes it as roleArn).
      principalArn: roleArn ?? `arn:${partition}:iam::${account}:role/${roleName}`,
    };
  }
  if (service === 'sts' && resource.startsWith('federated-user/')) {
    return { kind: 'federated-user', account, name: resource.slice('federated-user/'.length), principalArn: arn };
  }
  return { kind: 'other', account, principalArn: arn };
}
