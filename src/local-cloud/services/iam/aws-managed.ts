/** The AWS managed IAM policies the local cloud knows (a small, commonly used subset). */
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
    document: doc([{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'organizations:Describe*', 'organizations:List*', 's3:Get*', 's3:List*'], Resource: '*' }]),
    defaultVersionId: 'v1',
  },
  {
    arn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    name: 'PowerUserAccess',
    policyId: 'ANPAJYRXTHIB4FOVS3ZXS',
    path: '/',
    description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    document: doc([{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }]),
    defaultVersionId: 'v1',
  },
];

export function awsManagedIamPolicy(arn: string): AwsManagedIamPolicy | undefined {
  return AWS_MANAGED_IAM_POLICIES.find((p) => p.arn === arn);
}
