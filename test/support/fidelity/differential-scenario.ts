import * as I from '@aws-sdk/client-iam';
import * as O from '@aws-sdk/client-organizations';
import * as S from '@aws-sdk/client-sts';
import type { Step } from './differential.js';
import { record } from './differential.js';
import type { Clients, Credentials } from './sdk-clients.js';
import { poll, sdkClients } from './sdk-clients.js';

export interface Target {
  endpoint: string;
  region: string;
  credentials: Credentials;
}

const SCP = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const IAM_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});

/**
 * One call sequence, run unchanged against moto and against the local cloud: the same SDK
 * clients, the same inputs; only endpoint and credentials differ. Ids created on the way are
 * threaded through, so both servers see requests of the same form.
 */
export async function runDifferentialScenario(target: Target): Promise<Step[]> {
  const steps: Step[] = [];
  const { org, iam, sts } = sdkClients(target.endpoint, target.region, target.credentials);
  const rec = <T>(label: string, operation: string, call: Promise<T>) =>
    record(steps, label, operation, call) as Promise<T | undefined>;

  await rec('describe before create', 'DescribeOrganization', org.send(new O.DescribeOrganizationCommand({})));
  await rec(
    'create organization',
    'CreateOrganization',
    org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' })),
  );
  await rec(
    'create organization twice',
    'CreateOrganization',
    org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' })),
  );
  await rec('describe organization', 'DescribeOrganization', org.send(new O.DescribeOrganizationCommand({})));
  const roots = await rec('list roots', 'ListRoots', org.send(new O.ListRootsCommand({})));
  const rootId = roots?.Roots?.[0]?.Id ?? '';
  const unknownOu = `ou-${rootId.slice(2)}-zzzzzzzz`;
  await rec(
    'enable SCPs',
    'EnablePolicyType',
    org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })),
  );
  await rec(
    'enable SCPs twice',
    'EnablePolicyType',
    org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })),
  );

  const created = await rec(
    'create OU',
    'CreateOrganizationalUnit',
    org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' })),
  );
  const ou = created?.OrganizationalUnit?.Id ?? '';
  await rec(
    'duplicate OU',
    'CreateOrganizationalUnit',
    org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' })),
  );
  await rec(
    'OU name too long',
    'CreateOrganizationalUnit',
    org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'x'.repeat(129) })),
  );
  await rec(
    'OU under an unknown parent',
    'CreateOrganizationalUnit',
    org.send(new O.CreateOrganizationalUnitCommand({ ParentId: unknownOu, Name: 'Lost' })),
  );
  await rec(
    'describe OU',
    'DescribeOrganizationalUnit',
    org.send(new O.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ou })),
  );
  await rec(
    'describe unknown OU',
    'DescribeOrganizationalUnit',
    org.send(new O.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: unknownOu })),
  );
  await rec(
    'list OUs',
    'ListOrganizationalUnitsForParent',
    org.send(new O.ListOrganizationalUnitsForParentCommand({ ParentId: rootId })),
  );
  await rec(
    'rename OU',
    'UpdateOrganizationalUnit',
    org.send(new O.UpdateOrganizationalUnitCommand({ OrganizationalUnitId: ou, Name: 'Apps' })),
  );

  const started = await rec(
    'create account',
    'CreateAccount',
    org.send(new O.CreateAccountCommand({ Email: 'app-prod@example.com', AccountName: 'app-prod' })),
  );
  await rec(
    'create account with a bad email',
    'CreateAccount',
    org.send(new O.CreateAccountCommand({ Email: 'not-an-email', AccountName: 'bad' })),
  );
  const requestId = started?.CreateAccountStatus?.Id ?? '';
  // moto completes CreateAccount at once, the local cloud (like AWS) later: poll both.
  const accountId = await poll('account creation', async () => {
    const s = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId })))
      .CreateAccountStatus;
    return s?.State === 'IN_PROGRESS' ? undefined : (s?.AccountId ?? '');
  });
  await rec(
    'create account status',
    'DescribeCreateAccountStatus',
    org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId })),
  );
  await rec('describe account', 'DescribeAccount', org.send(new O.DescribeAccountCommand({ AccountId: accountId })));
  await rec(
    'describe unknown account',
    'DescribeAccount',
    org.send(new O.DescribeAccountCommand({ AccountId: '111111111111' })),
  );
  await rec('list accounts, first page', 'ListAccounts', org.send(new O.ListAccountsCommand({ MaxResults: 1 })));
  await rec(
    'move account',
    'MoveAccount',
    org.send(new O.MoveAccountCommand({ AccountId: accountId, SourceParentId: rootId, DestinationParentId: ou })),
  );
  await rec(
    'move account to an unknown parent',
    'MoveAccount',
    org.send(new O.MoveAccountCommand({ AccountId: accountId, SourceParentId: ou, DestinationParentId: unknownOu })),
  );
  await rec(
    'list accounts for parent',
    'ListAccountsForParent',
    org.send(new O.ListAccountsForParentCommand({ ParentId: ou })),
  );
  await rec('list parents', 'ListParents', org.send(new O.ListParentsCommand({ ChildId: accountId })));
  await rec(
    'list children',
    'ListChildren',
    org.send(new O.ListChildrenCommand({ ParentId: rootId, ChildType: 'ORGANIZATIONAL_UNIT' })),
  );
  // A throw-away OU with a child OU: a server that wrongly deletes it does not lose the OU used below.
  const parent =
    (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Parent' }))).OrganizationalUnit
      ?.Id ?? '';
  await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: parent, Name: 'Child' }));
  await rec(
    'delete non-empty OU',
    'DeleteOrganizationalUnit',
    org.send(new O.DeleteOrganizationalUnitCommand({ OrganizationalUnitId: parent })),
  );

  const policy = await rec(
    'create SCP',
    'CreatePolicy',
    org.send(
      new O.CreatePolicyCommand({
        Name: 'deny-leave',
        Description: 'no leaving',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: SCP,
      }),
    ),
  );
  const policyId = policy?.Policy?.PolicySummary?.Id ?? '';
  await rec('describe policy', 'DescribePolicy', org.send(new O.DescribePolicyCommand({ PolicyId: policyId })));
  await rec(
    'describe unknown policy',
    'DescribePolicy',
    org.send(new O.DescribePolicyCommand({ PolicyId: 'p-zzzzzzzz' })),
  );
  await rec('attach SCP', 'AttachPolicy', org.send(new O.AttachPolicyCommand({ PolicyId: policyId, TargetId: ou })));
  await rec(
    'attach SCP twice',
    'AttachPolicy',
    org.send(new O.AttachPolicyCommand({ PolicyId: policyId, TargetId: ou })),
  );
  await rec(
    'list policies for target',
    'ListPoliciesForTarget',
    org.send(new O.ListPoliciesForTargetCommand({ TargetId: ou, Filter: 'SERVICE_CONTROL_POLICY' })),
  );
  await rec(
    'list targets for policy',
    'ListTargetsForPolicy',
    org.send(new O.ListTargetsForPolicyCommand({ PolicyId: policyId })),
  );
  await rec('delete attached policy', 'DeletePolicy', org.send(new O.DeletePolicyCommand({ PolicyId: policyId })));
  await rec('detach SCP', 'DetachPolicy', org.send(new O.DetachPolicyCommand({ PolicyId: policyId, TargetId: ou })));
  await rec(
    'detach the last SCP',
    'DetachPolicy',
    org.send(new O.DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: ou })),
  );
  const tagPolicy = await rec(
    'create tag policy',
    'CreatePolicy',
    org.send(
      new O.CreatePolicyCommand({ Name: 'tags', Description: 'tags', Type: 'TAG_POLICY', Content: '{"tags":{}}' }),
    ),
  );
  await rec(
    'attach a policy whose type is not enabled',
    'AttachPolicy',
    org.send(new O.AttachPolicyCommand({ PolicyId: tagPolicy?.Policy?.PolicySummary?.Id ?? '', TargetId: ou })),
  );
  await rec('list policies', 'ListPolicies', org.send(new O.ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' })));

  await rec(
    'tag account',
    'TagResource',
    org.send(new O.TagResourceCommand({ ResourceId: accountId, Tags: [{ Key: 'env', Value: 'prod' }] })),
  );
  await rec('list tags', 'ListTagsForResource', org.send(new O.ListTagsForResourceCommand({ ResourceId: accountId })));
  await rec(
    'list tags of an unknown account',
    'ListTagsForResource',
    org.send(new O.ListTagsForResourceCommand({ ResourceId: '111111111111' })),
  );

  await rec('caller identity', 'GetCallerIdentity', sts.send(new S.GetCallerIdentityCommand({})));
  const assumed = await rec(
    'assume the access role',
    'AssumeRole',
    sts.send(
      new S.AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'differential',
      }),
    ),
  );
  const c = assumed?.Credentials;
  const member: Clients = sdkClients(target.endpoint, target.region, {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  });
  await rec('member caller identity', 'GetCallerIdentity', member.sts.send(new S.GetCallerIdentityCommand({})));

  await rec(
    'create role',
    'CreateRole',
    iam.send(
      new I.CreateRoleCommand({
        RoleName: 'deployer',
        Path: '/ci/',
        AssumeRolePolicyDocument: TRUST,
        Description: 'deploys',
      }),
    ),
  );
  await rec(
    'create role twice',
    'CreateRole',
    iam.send(new I.CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: TRUST })),
  );
  await rec('get role', 'GetRole', iam.send(new I.GetRoleCommand({ RoleName: 'deployer' })));
  await rec('list roles', 'ListRoles', iam.send(new I.ListRolesCommand({ PathPrefix: '/ci/' })));
  const managed = await rec(
    'create IAM policy',
    'CreatePolicy',
    iam.send(new I.CreatePolicyCommand({ PolicyName: 'read-objects', PolicyDocument: IAM_POLICY })),
  );
  const policyArn = managed?.Policy?.Arn ?? '';
  await rec(
    'attach role policy',
    'AttachRolePolicy',
    iam.send(new I.AttachRolePolicyCommand({ RoleName: 'deployer', PolicyArn: policyArn })),
  );
  await rec(
    'list attached role policies',
    'ListAttachedRolePolicies',
    iam.send(new I.ListAttachedRolePoliciesCommand({ RoleName: 'deployer' })),
  );
  await rec(
    'delete role with a policy attached',
    'DeleteRole',
    iam.send(new I.DeleteRoleCommand({ RoleName: 'deployer' })),
  );
  await rec(
    'detach role policy',
    'DetachRolePolicy',
    iam.send(new I.DetachRolePolicyCommand({ RoleName: 'deployer', PolicyArn: policyArn })),
  );
  await rec(
    'put inline policy',
    'PutRolePolicy',
    iam.send(new I.PutRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'inline', PolicyDocument: IAM_POLICY })),
  );
  await rec(
    'get inline policy',
    'GetRolePolicy',
    iam.send(new I.GetRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'inline' })),
  );
  await rec(
    'delete inline policy',
    'DeleteRolePolicy',
    iam.send(new I.DeleteRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'inline' })),
  );
  await rec('delete role', 'DeleteRole', iam.send(new I.DeleteRoleCommand({ RoleName: 'deployer' })));
  await rec('get deleted role', 'GetRole', iam.send(new I.GetRoleCommand({ RoleName: 'deployer' })));
  return steps;
}
