import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateOrganizationCommand,
  DeleteOrganizationCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListRootsCommand,
  EnableAWSServiceAccessCommand,
  ListAWSServiceAccessForOrganizationCommand,
  DisableAWSServiceAccessCommand,
} from '@aws-sdk/client-organizations';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';

describe('organization lifecycle', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.stop());

  it('reports AWSOrganizationsNotInUseException before an organization exists', async () => {
    const err = await awsError(() => h.org.send(new DescribeOrganizationCommand({})));
    expect(err.name).toBe('AWSOrganizationsNotInUseException');
    expect(err.status).toBe(400);
  });

  it('creates, describes and deletes an organization with AWS-shaped ids and ARNs', async () => {
    const created = await h.org.send(new CreateOrganizationCommand({}));
    const org = created.Organization;
    const mgmt = h.cloud.managementAccountId;
    expect(org?.Id).toMatch(/^o-[a-z0-9]{10}$/);
    expect(org?.FeatureSet).toBe('ALL');
    expect(org?.Arn).toBe(`arn:aws:organizations::${mgmt}:organization/${org?.Id}`);
    expect(org?.MasterAccountArn).toBe(`arn:aws:organizations::${mgmt}:account/${org?.Id}/${mgmt}`);
    expect(org?.MasterAccountId).toBe(mgmt);

    const again = await awsError(() => h.org.send(new CreateOrganizationCommand({})));
    expect(again.name).toBe('AlreadyInOrganizationException');

    const described = await h.org.send(new DescribeOrganizationCommand({}));
    expect(described.Organization?.Id).toBe(org?.Id);
    const roots = await h.org.send(new ListRootsCommand({}));
    expect(roots.Roots).toHaveLength(1);
    expect(roots.Roots?.[0]?.Arn).toBe(`arn:aws:organizations::${mgmt}:root/${org?.Id}/${roots.Roots?.[0]?.Id}`);
    expect(roots.Roots?.[0]?.PolicyTypes).toEqual([]);
    const accounts = await h.org.send(new ListAccountsCommand({}));
    expect(accounts.Accounts?.[0]).toMatchObject({ Id: mgmt, Status: 'ACTIVE', State: 'ACTIVE' });

    await h.org.send(new DeleteOrganizationCommand({}));
    expect((await awsError(() => h.org.send(new DescribeOrganizationCommand({})))).name).toBe(
      'AWSOrganizationsNotInUseException',
    );
  });

  it('supports CONSOLIDATED_BILLING and rejects unknown feature sets', async () => {
    const bad = await awsError(() => h.org.send(new CreateOrganizationCommand({ FeatureSet: 'SOME' as 'ALL' })));
    expect(bad).toMatchObject({ name: 'InvalidInputException', Reason: 'INVALID_ENUM' });
    const created = await h.org.send(new CreateOrganizationCommand({ FeatureSet: 'CONSOLIDATED_BILLING' }));
    expect(created.Organization?.FeatureSet).toBe('CONSOLIDATED_BILLING');
  });

  it('denies member accounts the management operations', async () => {
    await h.org.send(new CreateOrganizationCommand({}));
    const other = await h.cloud.createStandaloneAccount({ email: 'outsider@example.com', name: 'outsider' });
    const outsider = h.clientsFor(other.credentials);
    expect((await awsError(() => outsider.org.send(new ListAccountsCommand({})))).name).toBe(
      'AWSOrganizationsNotInUseException',
    );
  });

  it('enables, lists and disables trusted service access', async () => {
    await h.org.send(new CreateOrganizationCommand({}));
    await h.org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    await h.org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'cloudtrail.amazonaws.com' }));
    const listed = await h.org.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(listed.EnabledServicePrincipals?.map((s) => s.ServicePrincipal).sort()).toEqual([
      'cloudtrail.amazonaws.com',
      'sso.amazonaws.com',
    ]);
    expect(listed.EnabledServicePrincipals?.[0]?.DateEnabled).toBeInstanceOf(Date);
    await h.org.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    const after = await h.org.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(after.EnabledServicePrincipals?.map((s) => s.ServicePrincipal)).toEqual(['cloudtrail.amazonaws.com']);
    const bad = await awsError(() =>
      h.org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'not-a-service' })),
    );
    expect(bad).toMatchObject({ name: 'InvalidInputException', Reason: 'UNRECOGNIZED_SERVICE_PRINCIPAL' });
  });
});
