import * as I from '@aws-sdk/client-iam';
import * as O from '@aws-sdk/client-organizations';
import * as S from '@aws-sdk/client-sts';
import type { LocalCloud } from '../../../src/local-cloud/index.js';
import type { RecordingHandler } from './recording-handler.js';
import { wireErrorCode } from './response-validation.js';
import type { Clients } from './sdk-clients.js';
import { errorOf, poll, sdkClients } from './sdk-clients.js';

/** An error the scenario provokes on purpose, with the code AWS documents for it. */
export interface ErrorCase {
  label: string;
  service: 'organizations' | 'iam' | 'sts';
  operation: string;
  expected: string;
  got: string;
}

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const SCP = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: action, Resource: '*' }] });
const IAM_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});

/**
 * Calls every operation the local cloud implements with inputs that succeed, and a set of
 * documented failures, through SDK clients sharing `handler` (which records the raw responses).
 */
export async function runConformanceScenario(cloud: LocalCloud, handler: RecordingHandler): Promise<ErrorCase[]> {
  const clients = (c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Clients =>
    sdkClients(cloud.endpoint, cloud.region, c, handler);
  const { org, iam, sts } = clients(cloud.credentials);
  const errors: ErrorCase[] = [];
  const expectError = async (
    label: string,
    service: ErrorCase['service'],
    operation: string,
    expected: string,
    call: Promise<unknown>,
  ) => {
    await errorOf(call);
    // The code as sent on the wire (the SDK renames some, e.g. EntityAlreadyExists → EntityAlreadyExistsException).
    const last = handler.exchanges[handler.exchanges.length - 1];
    const got =
      last === undefined || last.operation !== operation
        ? 'no response recorded'
        : (wireErrorCode(last) ?? `HTTP ${last.status}`);
    errors.push({ label, service, operation, expected, got });
  };

  // --- organization lifecycle (DeleteOrganization needs an empty organization) ---
  await expectError(
    'no organization yet',
    'organizations',
    'DescribeOrganization',
    'AWSOrganizationsNotInUseException',
    org.send(new O.DescribeOrganizationCommand({})),
  );
  await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  await org.send(new O.DeleteOrganizationCommand({}));
  await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  await expectError(
    'second organization',
    'organizations',
    'CreateOrganization',
    'AlreadyInOrganizationException',
    org.send(new O.CreateOrganizationCommand({})),
  );
  await org.send(new O.DescribeOrganizationCommand({}));
  const rootId = (await org.send(new O.ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  await org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  await org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'TAG_POLICY' }));
  await org.send(new O.DisablePolicyTypeCommand({ RootId: rootId, PolicyType: 'TAG_POLICY' }));
  await expectError(
    'policy type already enabled',
    'organizations',
    'EnablePolicyType',
    'PolicyTypeAlreadyEnabledException',
    org.send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })),
  );
  await org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
  await org.send(new O.ListAWSServiceAccessForOrganizationCommand({}));

  // --- OUs ---
  const ou =
    (
      await org.send(
        new O.CreateOrganizationalUnitCommand({
          ParentId: rootId,
          Name: 'Workloads',
          Tags: [{ Key: 'tier', Value: 'apps' }],
        }),
      )
    ).OrganizationalUnit?.Id ?? '';
  await org.send(new O.UpdateOrganizationalUnitCommand({ OrganizationalUnitId: ou, Name: 'Apps' }));
  await org.send(new O.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ou }));
  await org.send(new O.ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
  const spare =
    (await org.send(new O.CreateOrganizationalUnitCommand({ ParentId: ou, Name: 'Spare' }))).OrganizationalUnit?.Id ??
    '';
  await expectError(
    'duplicate OU name',
    'organizations',
    'CreateOrganizationalUnit',
    'DuplicateOrganizationalUnitException',
    org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Apps' })),
  );
  await expectError(
    'OU name too long',
    'organizations',
    'CreateOrganizationalUnit',
    'InvalidInputException',
    org.send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'x'.repeat(129) })),
  );
  await expectError(
    'unknown parent',
    'organizations',
    'CreateOrganizationalUnit',
    'ParentNotFoundException',
    org.send(new O.CreateOrganizationalUnitCommand({ ParentId: `ou-${rootId.slice(2)}-zzzzzzzz`, Name: 'Nowhere' })),
  );
  await expectError(
    'OU with a child OU',
    'organizations',
    'DeleteOrganizationalUnit',
    'OrganizationalUnitNotEmptyException',
    org.send(new O.DeleteOrganizationalUnitCommand({ OrganizationalUnitId: ou })),
  );
  await org.send(new O.DeleteOrganizationalUnitCommand({ OrganizationalUnitId: spare }));

  // --- accounts (CreateAccount is asynchronous) ---
  const startCreate = async (name: string) =>
    (
      await org.send(
        new O.CreateAccountCommand({
          Email: `${name}@example.com`,
          AccountName: name,
          Tags: [{ Key: 'env', Value: name }],
        }),
      )
    ).CreateAccountStatus?.Id ?? '';
  const requests = [await startCreate('app-prod'), await startCreate('security')];
  const [prod, security] = await Promise.all(
    requests.map((id) =>
      poll(`CreateAccount ${id}`, async () => {
        const s = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id })))
          .CreateAccountStatus;
        return s?.State === 'SUCCEEDED' ? (s.AccountId ?? '') : undefined;
      }),
    ),
  );
  if (prod === undefined || security === undefined) throw new Error('account creation failed');
  await org.send(new O.ListCreateAccountStatusCommand({ States: ['SUCCEEDED'] }));
  await org.send(new O.DescribeAccountCommand({ AccountId: prod }));
  await org.send(new O.ListAccountsCommand({ MaxResults: 2 }));
  await org.send(new O.MoveAccountCommand({ AccountId: prod, SourceParentId: rootId, DestinationParentId: ou }));
  await org.send(new O.ListAccountsForParentCommand({ ParentId: ou }));
  await org.send(new O.ListParentsCommand({ ChildId: prod }));
  await org.send(new O.ListChildrenCommand({ ParentId: rootId, ChildType: 'ACCOUNT' }));
  await org.send(new O.ListChildrenCommand({ ParentId: rootId, ChildType: 'ORGANIZATIONAL_UNIT' }));
  await expectError(
    'unknown account',
    'organizations',
    'DescribeAccount',
    'AccountNotFoundException',
    org.send(new O.DescribeAccountCommand({ AccountId: '111111111111' })),
  );
  await expectError(
    'move to an unknown parent',
    'organizations',
    'MoveAccount',
    'DestinationParentNotFoundException',
    org.send(
      new O.MoveAccountCommand({
        AccountId: prod,
        SourceParentId: ou,
        DestinationParentId: `ou-${rootId.slice(2)}-zzzzzzzz`,
      }),
    ),
  );
  await expectError(
    'OU with an account',
    'organizations',
    'DeleteOrganizationalUnit',
    'OrganizationalUnitNotEmptyException',
    org.send(new O.DeleteOrganizationalUnitCommand({ OrganizationalUnitId: ou })),
  );

  // --- policies ---
  const policyId =
    (
      await org.send(
        new O.CreatePolicyCommand({
          Name: 'deny-leave',
          Description: 'no leaving',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: SCP('organizations:LeaveOrganization'),
        }),
      )
    ).Policy?.PolicySummary?.Id ?? '';
  await org.send(new O.DescribePolicyCommand({ PolicyId: policyId }));
  await org.send(new O.UpdatePolicyCommand({ PolicyId: policyId, Description: 'still no leaving' }));
  await org.send(new O.ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }));
  await expectError(
    'SCP with a Principal',
    'organizations',
    'UpdatePolicy',
    'MalformedPolicyDocumentException',
    org.send(
      new O.UpdatePolicyCommand({
        PolicyId: policyId,
        Content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }],
        }),
      }),
    ),
  );
  await org.send(new O.AttachPolicyCommand({ PolicyId: policyId, TargetId: ou }));
  await expectError(
    'attach twice',
    'organizations',
    'AttachPolicy',
    'DuplicatePolicyAttachmentException',
    org.send(new O.AttachPolicyCommand({ PolicyId: policyId, TargetId: ou })),
  );
  await org.send(new O.ListPoliciesForTargetCommand({ TargetId: ou, Filter: 'SERVICE_CONTROL_POLICY' }));
  await org.send(new O.ListTargetsForPolicyCommand({ PolicyId: policyId }));
  await expectError(
    'policy in use',
    'organizations',
    'DeletePolicy',
    'PolicyInUseException',
    org.send(new O.DeletePolicyCommand({ PolicyId: policyId })),
  );
  await org.send(new O.DetachPolicyCommand({ PolicyId: policyId, TargetId: ou }));
  await expectError(
    'detach the last SCP',
    'organizations',
    'DetachPolicy',
    'ConstraintViolationException',
    org.send(new O.DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: ou })),
  );
  // AWS: CreatePolicy accepts any type; attaching one whose type is not enabled in the root fails.
  const tagPolicy =
    (
      await org.send(
        new O.CreatePolicyCommand({ Name: 'tags', Description: 'd', Type: 'TAG_POLICY', Content: '{"tags":{}}' }),
      )
    ).Policy?.PolicySummary?.Id ?? '';
  await expectError(
    'policy type not enabled',
    'organizations',
    'AttachPolicy',
    'PolicyTypeNotEnabledException',
    org.send(new O.AttachPolicyCommand({ PolicyId: tagPolicy, TargetId: ou })),
  );
  const doomed =
    (
      await org.send(
        new O.CreatePolicyCommand({
          Name: 'doomed',
          Description: 'd',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: SCP('ec2:*'),
        }),
      )
    ).Policy?.PolicySummary?.Id ?? '';
  await org.send(new O.DeletePolicyCommand({ PolicyId: doomed }));

  // --- tags ---
  await org.send(new O.TagResourceCommand({ ResourceId: prod, Tags: [{ Key: 'owner', Value: 'platform' }] }));
  await org.send(new O.ListTagsForResourceCommand({ ResourceId: prod }));
  await org.send(new O.UntagResourceCommand({ ResourceId: prod, TagKeys: ['owner'] }));

  // --- invitations, delegated administrators, leaving ---
  const a = await cloud.createStandaloneAccount({ email: 'joiner@example.com', name: 'joiner' });
  const b = await cloud.createStandaloneAccount({ email: 'hesitant@example.com', name: 'hesitant' });
  const joiner = clients(a.credentials);
  const hesitant = clients(b.credentials);
  const invite = async (accountId: string) =>
    (
      await org.send(
        new O.InviteAccountToOrganizationCommand({ Target: { Id: accountId, Type: 'ACCOUNT' }, Notes: 'welcome' }),
      )
    ).Handshake?.Id ?? '';
  const h1 = await invite(a.accountId);
  await org.send(new O.DescribeHandshakeCommand({ HandshakeId: h1 }));
  await org.send(new O.ListHandshakesForOrganizationCommand({}));
  await joiner.org.send(new O.ListHandshakesForAccountCommand({}));
  await joiner.org.send(new O.AcceptHandshakeCommand({ HandshakeId: h1 }));
  await hesitant.org.send(new O.DeclineHandshakeCommand({ HandshakeId: await invite(b.accountId) }));
  await org.send(new O.CancelHandshakeCommand({ HandshakeId: await invite(b.accountId) }));
  await hesitant.org.send(new O.AcceptHandshakeCommand({ HandshakeId: await invite(b.accountId) }));
  await org.send(
    new O.RegisterDelegatedAdministratorCommand({ AccountId: security, ServicePrincipal: 'sso.amazonaws.com' }),
  );
  await org.send(new O.ListDelegatedAdministratorsCommand({}));
  await org.send(new O.ListDelegatedServicesForAccountCommand({ AccountId: security }));
  await org.send(
    new O.DeregisterDelegatedAdministratorCommand({ AccountId: security, ServicePrincipal: 'sso.amazonaws.com' }),
  );
  await org.send(new O.DisableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
  await joiner.org.send(new O.LeaveOrganizationCommand({}));
  await org.send(new O.RemoveAccountFromOrganizationCommand({ AccountId: b.accountId }));
  await expectError(
    'management account leaves',
    'organizations',
    'LeaveOrganization',
    'MasterCannotLeaveOrganizationException',
    org.send(new O.LeaveOrganizationCommand({})),
  );
  await org.send(new O.CloseAccountCommand({ AccountId: security }));

  // --- STS ---
  await sts.send(new S.GetCallerIdentityCommand({}));
  const assumed = await sts.send(
    new S.AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${prod}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'conformance',
    }),
  );
  const c = assumed.Credentials;
  await clients({
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  }).sts.send(new S.GetCallerIdentityCommand({}));
  await expectError(
    'assume a role that does not exist',
    'sts',
    'AssumeRole',
    'AccessDenied',
    sts.send(new S.AssumeRoleCommand({ RoleArn: `arn:aws:iam::${prod}:role/Nobody`, RoleSessionName: 'nobody' })),
  );
  await expectError(
    'unknown access key',
    'sts',
    'GetCallerIdentity',
    'InvalidClientTokenId',
    clients({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }).sts.send(new S.GetCallerIdentityCommand({})),
  );
  await expectError(
    'wrong secret',
    'organizations',
    'ListRoots',
    'InvalidSignatureException',
    clients({ accessKeyId: cloud.credentials.accessKeyId, secretAccessKey: 'wrong' }).org.send(
      new O.ListRootsCommand({}),
    ),
  );
  await expectError(
    'unknown access key',
    'organizations',
    'ListRoots',
    'UnrecognizedClientException',
    clients({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }).org.send(new O.ListRootsCommand({})),
  );

  // --- IAM ---
  await iam.send(
    new I.CreateRoleCommand({
      RoleName: 'deployer',
      Path: '/ci/',
      AssumeRolePolicyDocument: TRUST,
      Description: 'deploys',
      MaxSessionDuration: 7200,
      Tags: [{ Key: 'team', Value: 'platform' }],
    }),
  );
  await expectError(
    'duplicate role',
    'iam',
    'CreateRole',
    'EntityAlreadyExists',
    iam.send(new I.CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: TRUST })),
  );
  await expectError(
    'bad role name',
    'iam',
    'CreateRole',
    'ValidationError',
    iam.send(new I.CreateRoleCommand({ RoleName: 'no spaces allowed', AssumeRolePolicyDocument: TRUST })),
  );
  await expectError(
    'malformed trust policy',
    'iam',
    'CreateRole',
    'MalformedPolicyDocument',
    iam.send(new I.CreateRoleCommand({ RoleName: 'broken', AssumeRolePolicyDocument: '{not json' })),
  );
  await expectError(
    'trust policy without a Principal',
    'iam',
    'UpdateAssumeRolePolicy',
    'MalformedPolicyDocument',
    iam.send(
      new I.UpdateAssumeRolePolicyCommand({
        RoleName: 'deployer',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
        }),
      }),
    ),
  );
  await iam.send(new I.GetRoleCommand({ RoleName: 'deployer' }));
  await iam.send(new I.ListRolesCommand({ PathPrefix: '/' }));
  await iam.send(
    new I.UpdateRoleCommand({ RoleName: 'deployer', Description: 'deploys apps', MaxSessionDuration: 3600 }),
  );
  await iam.send(new I.UpdateAssumeRolePolicyCommand({ RoleName: 'deployer', PolicyDocument: TRUST }));
  await iam.send(new I.TagRoleCommand({ RoleName: 'deployer', Tags: [{ Key: 'cost-center', Value: '42' }] }));
  await iam.send(new I.ListRoleTagsCommand({ RoleName: 'deployer' }));
  await iam.send(new I.UntagRoleCommand({ RoleName: 'deployer', TagKeys: ['cost-center'] }));
  const policyArn =
    (
      await iam.send(
        new I.CreatePolicyCommand({
          PolicyName: 'read-objects',
          Path: '/ci/',
          PolicyDocument: IAM_POLICY,
          Description: 'reads',
          Tags: [{ Key: 'team', Value: 'platform' }],
        }),
      )
    ).Policy?.Arn ?? '';
  await iam.send(new I.GetPolicyCommand({ PolicyArn: policyArn }));
  await iam.send(new I.GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: 'v1' }));
  // Policy versions (added with the local cloud's CreatePolicyVersion family): leaves one version, so DeletePolicy below still succeeds.
  await iam.send(
    new I.CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: IAM_POLICY, SetAsDefault: true }),
  );
  await iam.send(new I.ListPolicyVersionsCommand({ PolicyArn: policyArn }));
  await iam.send(new I.SetDefaultPolicyVersionCommand({ PolicyArn: policyArn, VersionId: 'v2' }));
  await expectError(
    'delete the default version',
    'iam',
    'DeletePolicyVersion',
    'DeleteConflict',
    iam.send(new I.DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: 'v2' })),
  );
  await iam.send(new I.DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: 'v1' }));
  await iam.send(new I.ListPoliciesCommand({ Scope: 'Local' }));
  await iam.send(new I.AttachRolePolicyCommand({ RoleName: 'deployer', PolicyArn: policyArn }));
  await iam.send(new I.ListAttachedRolePoliciesCommand({ RoleName: 'deployer' }));
  await expectError(
    'role with attached policies',
    'iam',
    'DeleteRole',
    'DeleteConflict',
    iam.send(new I.DeleteRoleCommand({ RoleName: 'deployer' })),
  );
  await iam.send(new I.DetachRolePolicyCommand({ RoleName: 'deployer', PolicyArn: policyArn }));
  await iam.send(
    new I.PutRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'inline', PolicyDocument: IAM_POLICY }),
  );
  await iam.send(new I.GetRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'inline' }));
  await iam.send(new I.ListRolePoliciesCommand({ RoleName: 'deployer' }));
  await iam.send(new I.DeleteRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'inline' }));
  await iam.send(new I.DeletePolicyCommand({ PolicyArn: policyArn }));
  await iam.send(new I.DeleteRoleCommand({ RoleName: 'deployer' }));
  await expectError(
    'deleted role',
    'iam',
    'GetRole',
    'NoSuchEntity',
    iam.send(new I.GetRoleCommand({ RoleName: 'deployer' })),
  );
  await iam.send(
    new I.CreateRoleCommand({
      RoleName: 'bounded',
      AssumeRolePolicyDocument: TRUST,
      PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
    }),
  );
  await iam.send(
    new I.PutRolePermissionsBoundaryCommand({
      RoleName: 'bounded',
      PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    }),
  );
  await iam.send(new I.GetRoleCommand({ RoleName: 'bounded' }));
  await iam.send(new I.DeleteRolePermissionsBoundaryCommand({ RoleName: 'bounded' }));
  await expectError(
    'boundary that does not exist',
    'iam',
    'PutRolePermissionsBoundary',
    'NoSuchEntity',
    iam.send(
      new I.PutRolePermissionsBoundaryCommand({
        RoleName: 'bounded',
        PermissionsBoundary: `arn:aws:iam::${cloud.managementAccountId}:policy/missing`,
      }),
    ),
  );
  await iam.send(new I.DeleteRoleCommand({ RoleName: 'bounded' }));
  await iam.send(
    new I.CreateUserCommand({ UserName: 'alice', Path: '/people/', Tags: [{ Key: 'team', Value: 'platform' }] }),
  );
  await expectError(
    'duplicate user',
    'iam',
    'CreateUser',
    'EntityAlreadyExists',
    iam.send(new I.CreateUserCommand({ UserName: 'alice' })),
  );
  await iam.send(new I.GetUserCommand({ UserName: 'alice' }));
  await iam.send(new I.ListUsersCommand({}));
  await iam.send(new I.DeleteUserCommand({ UserName: 'alice' }));
  await expectError(
    'deleted user',
    'iam',
    'GetUser',
    'NoSuchEntity',
    iam.send(new I.GetUserCommand({ UserName: 'alice' })),
  );

  // --- guardrails: member-account calls are authorized (SCPs, identity policies), and the simulator shows why ---
  const denyUsers =
    (
      await org.send(
        new O.CreatePolicyCommand({
          Name: 'deny-users',
          Description: 'no IAM users',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: SCP('iam:CreateUser'),
        }),
      )
    ).Policy?.PolicySummary?.Id ?? '';
  await org.send(new O.AttachPolicyCommand({ PolicyId: denyUsers, TargetId: prod }));
  const member = clients({
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  });
  await expectError(
    'SCP denies iam:CreateUser',
    'iam',
    'CreateUser',
    'AccessDenied',
    member.iam.send(new I.CreateUserCommand({ UserName: 'bob' })),
  );
  await member.iam.send(
    new I.SimulatePrincipalPolicyCommand({
      PolicySourceArn: `arn:aws:iam::${prod}:role/OrganizationAccountAccessRole`,
      ActionNames: ['iam:CreateUser', 'iam:CreateRole'],
      ResourceArns: [`arn:aws:iam::${prod}:user/bob`],
    }),
  );
  await expectError(
    'simulate an unknown role',
    'iam',
    'SimulatePrincipalPolicy',
    'NoSuchEntity',
    member.iam.send(
      new I.SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${prod}:role/Nobody`,
        ActionNames: ['iam:GetRole'],
      }),
    ),
  );
  await iam.send(
    new I.SimulateCustomPolicyCommand({
      PolicyInputList: [IAM_POLICY],
      PermissionsBoundaryPolicyInputList: [IAM_POLICY],
      ActionNames: ['s3:GetObject', 's3:PutObject'],
      ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['192.0.2.1'], ContextKeyType: 'ip' }],
    }),
  );
  await expectError(
    'simulate a policy that is not JSON',
    'iam',
    'SimulateCustomPolicy',
    'InvalidInput',
    iam.send(new I.SimulateCustomPolicyCommand({ PolicyInputList: ['{not json'], ActionNames: ['s3:GetObject'] })),
  );
  await org.send(new O.DetachPolicyCommand({ PolicyId: denyUsers, TargetId: prod }));
  return errors;
}
