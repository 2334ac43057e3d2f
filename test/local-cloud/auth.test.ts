import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOrganizationCommand, ListRootsCommand } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';
import { rawRequest } from './raw.js';

describe('SigV4 authentication', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.org.send(new CreateOrganizationCommand({}));
  });
  afterAll(async () => h.stop());

  it('accepts the admin key on every service and names the caller', async () => {
    const id = await h.sts.send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({
      Account: h.cloud.managementAccountId,
      Arn: `arn:aws:iam::${h.cloud.managementAccountId}:root`,
    });
    expect((await h.iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
    expect((await h.org.send(new ListRootsCommand({}))).Roots).toHaveLength(1);
  });

  it('answers a wrong secret with InvalidSignatureException (JSON) and SignatureDoesNotMatch (query)', async () => {
    const bad = h.clientsFor({ accessKeyId: h.cloud.credentials.accessKeyId, secretAccessKey: 'wrong-secret' });
    expect(await awsError(() => bad.org.send(new ListRootsCommand({})))).toMatchObject({
      name: 'InvalidSignatureException',
      status: 400,
    });
    expect(await awsError(() => bad.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    expect(await awsError(() => bad.iam.send(new ListRolesCommand({})))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
  });

  it('answers an unknown key with UnrecognizedClientException (JSON) and InvalidClientTokenId (query)', async () => {
    const unknown = h.clientsFor({ accessKeyId: 'AKIAUNKNOWNUNKNOWN12', secretAccessKey: 'x' });
    expect(await awsError(() => unknown.org.send(new ListRootsCommand({})))).toMatchObject({
      name: 'UnrecognizedClientException',
    });
    expect(await awsError(() => unknown.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
    });
  });

  it('answers unsigned requests with MissingAuthenticationToken in the protocol’s shape', async () => {
    const json = await rawRequest({
      endpoint: h.cloud.endpoint,
      service: 'organizations',
      target: 'AWSOrganizationsV20161128.ListRoots',
      body: '{}',
    });
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body)).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    expect(json.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    const query = await rawRequest({
      endpoint: h.cloud.endpoint,
      service: 'sts',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(query.status).toBe(403);
    expect(query.body).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(query.body).toMatch(/<ErrorResponse xmlns="[^"]+"><Error><Type>Sender<\/Type>/);
  });

  it('rejects a body changed after signing', async () => {
    const res = await rawRequest({
      endpoint: h.cloud.endpoint,
      service: 'organizations',
      target: 'AWSOrganizationsV20161128.ListRoots',
      body: '{}',
      credentials: h.cloud.credentials,
      headers: { 'x-amz-content-sha256': '0'.repeat(64) },
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).__type).toBe('InvalidSignatureException');
  });

  it('signs correctly with the test signer (control for the tampering test)', async () => {
    const res = await rawRequest({
      endpoint: h.cloud.endpoint,
      service: 'organizations',
      target: 'AWSOrganizationsV20161128.ListRoots',
      body: '{}',
      credentials: h.cloud.credentials,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
  });
});
