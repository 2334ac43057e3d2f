import { createHash } from 'node:crypto';
import type { ManagedPolicy, ManagedPolicyCatalogue } from '../../../iam/managed-policies.js';
import { openManagedPolicyCatalogue } from '../../../iam/managed-policy-files.js';

/**
 * AWS managed IAM policies. Any of AWS's (about 1,600) can be read and attached, with AWS's own
 * documents from the same catalogue `bulkhead access` uses; ListPolicies lists the few below.
 */
export interface AwsManagedIamPolicy {
  arn: string;
  name: string;
  policyId: string;
  path: string;
  description: string;
  document: string;
  defaultVersionId: string;
}

const doc = (statement: unknown): string => JSON.stringify({ Version: '2012-10-17', Statement: statement });

export const AWS_MANAGED_IAM_POLICIES: readonly AwsManagedIamPolicy[] = [
  {
    arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    name: 'AdministratorAccess',
    policyId: 'ANPAIWMBCKSKIEE64ZLYK',
    path: '/',
    description: 'Provides full access to AWS services and resources.',
    document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
    defaultVersionId: 'v1',
  },
  {
    arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    name: 'ReadOnlyAccess',
    policyId: 'ANPAILL3HVNFSB6DCOWYQ',
    path: '/',
    description: 'Provides read-only access to AWS services and resources.',
    document: doc([
      {
        Effect: 'Allow',
        Action: ['iam:Get*', 'iam:List*', 'organizations:Describe*', 'organizations:List*', 's3:Get*', 's3:List*'],
        Resource: '*',
      },
    ]),
    defaultVersionId: 'v1',
  },
  {
    arn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    name: 'PowerUserAccess',
    policyId: 'ANPAJYRXTHIB4FOVS3ZXS',
    path: '/',
    description:
      'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    document: doc([{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }]),
    defaultVersionId: 'v1',
  },
];

const resolved = new Map<string, AwsManagedIamPolicy | undefined>();
let catalogue: ManagedPolicyCatalogue | undefined;

/** The catalogue `bulkhead access` uses (the IAM reference's file cache), opened on first use. */
function awsCatalogue(): ManagedPolicyCatalogue {
  catalogue ??= openManagedPolicyCatalogue().catalogue;
  return catalogue;
}

/** A stable policy id of AWS's shape (ANPA + 17 characters) for policies without a well-known one. */
function policyIdFor(arn: string): string {
  return `ANPA${createHash('sha256').update(arn).digest('hex').slice(0, 17).toUpperCase()}`;
}

export function awsManagedIamPolicy(arn: string): AwsManagedIamPolicy | undefined {
  if (resolved.has(arn)) return resolved.get(arn);
  const known = AWS_MANAGED_IAM_POLICIES.find((p) => p.arn === arn);
  let real: ManagedPolicy | undefined;
  try {
    real = /^arn:aws:iam::aws:policy\//.test(arn) ? awsCatalogue().get(arn) : undefined;
  } catch {
    real = undefined; // the catalogue could not be read: fall back to the built-in subset
  }
  const policy: AwsManagedIamPolicy | undefined =
    real === undefined || real.arn !== arn
      ? known
      : {
          arn: real.arn,
          name: real.name,
          policyId: known?.policyId ?? policyIdFor(real.arn),
          path: real.arn.slice('arn:aws:iam::aws:policy'.length, real.arn.length - real.name.length),
          description: known?.description ?? '',
          document: JSON.stringify(real.document),
          defaultVersionId: real.versionId,
        };
  resolved.set(arn, policy);
  return policy;
}
