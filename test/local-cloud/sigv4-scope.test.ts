import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOrganizationCommand } from '@aws-sdk/client-organizations';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';
import { rawRequest, send, sha, signedHeaders } from './raw.js';

const LIST_ROLES = 'Action=ListRoles&Version=2010-05-08';
const OPEN_TRUST = encodeURIComponent(
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
  }),
);
const CREATE_ROLE = `Action=CreateRole&Version=2010-05-08&RoleName=Backdoor&AssumeRolePolicyDocument=${OPEN_TRUST}`;
const code = (body: string): string | undefined => /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? JSON.parse(body).__type;
const message = (body: string): string | undefined =>
  /<Message>([^<]+)<\/Message>/.exec(body)?.[1] ?? (JSON.parse(body) as { message?: string; Message?: string }).Message;

describe('SigV4: the signature covers the body, the scope and the Host', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.org.send(new CreateOrganizationCommand({}));
  });
  afterAll(async () => h.stop());

  const iam = (over: Partial<Parameters<typeof rawRequest>[0]> = {}) =>
    rawRequest({
      endpoint: h.cloud.endpoint,
      service: 'iam',
      body: LIST_ROLES,
      credentials: h.cloud.credentials,
      ...over,
    });

  async function expectNoBackdoor(): Promise<void> {
    expect(await awsError(() => h.iam.send(new GetRoleCommand({ RoleName: 'Backdoor' })))).toMatchObject({
      name: 'NoSuchEntityException',
    });
  }

  it('refuses a captured ListRoles signature replayed with a CreateRole body (x-amz-content-sha256 signed)', async () => {
    const captured = signedHeaders({
      endpoint: h.cloud.endpoint,
      service: 'iam',
      body: LIST_ROLES,
      credentials: h.cloud.credentials,
      headers: { 'x-amz-content-sha256': sha(LIST_ROLES) },
    });
    expect((await send(h.cloud.endpoint, captured, LIST_ROLES)).status).toBe(200); // the capture is valid
    const replay = await send(h.cloud.endpoint, captured, CREATE_ROLE);
    expect(replay.status).toBe(403);
    expect(code(replay.body)).toBe('SignatureDoesNotMatch');
    await expectNoBackdoor();
  });

  it('refuses the replay when x-amz-content-sha256 is added unsigned', async () => {
    const captured = signedHeaders({
      endpoint: h.cloud.endpoint,
      service: 'iam',
      body: LIST_ROLES,
      credentials: h.cloud.credentials,
    });
    const replay = await send(h.cloud.endpoint, { ...captured, 'x-amz-content-sha256': sha(LIST_ROLES) }, CREATE_ROLE);
    expect(replay.status).toBe(403);
    expect(code(replay.body)).toBe('SignatureDoesNotMatch');
    await expectNoBackdoor();
  });

  it('refuses UNSIGNED-PAYLOAD outside S3, in each protocol’s words', async () => {
    const unsigned = { signedPayloadHash: 'UNSIGNED-PAYLOAD', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };
    const q = await iam(unsigned);
    expect([q.status, code(q.body)]).toEqual([403, 'SignatureDoesNotMatch']);
    const j = await rawRequest({
      endpoint: h.cloud.endpoint,
      service: 'organizations',
      target: 'AWSOrganizationsV20161128.ListRoots',
      body: '{}',
      credentials: h.cloud.credentials,
      ...unsigned,
    });
    expect([j.status, code(j.body)]).toEqual([400, 'InvalidSignatureException']);
  });

  it('accepts x-amz-content-sha256 when it is the hash of the body sent (control)', async () => {
    expect((await iam({ headers: { 'x-amz-content-sha256': sha(LIST_ROLES) } })).status).toBe(200);
  });

  it('refuses a credential scope dated another day than x-amz-date', async () => {
    const res = await iam({ scope: { date: '20200101' } });
    expect([res.status, code(res.body)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(message(res.body)).toMatch(
      /^Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20200101' != '\d{8}'/,
    );
  });

  it('refuses a scope naming no AWS region, and accepts any real one', async () => {
    const res = await iam({ scope: { region: 'moon-base-1' } });
    expect([res.status, code(res.body)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(message(res.body)).toBe("Credential should be scoped to a valid region, not 'moon-base-1'.");
    expect((await iam({ scope: { region: 'eu-west-1' } })).status).toBe(200);
  });

  it('refuses a scope naming another service than the one addressed', async () => {
    const res = await rawRequest({
      endpoint: h.cloud.endpoint,
      service: 'organizations',
      target: 'AWSOrganizationsV20161128.ListRoots',
      body: '{}',
      credentials: h.cloud.credentials,
      scope: { service: 'iam' },
    });
    expect([res.status, code(res.body)]).toEqual([400, 'InvalidSignatureException']);
    expect(message(res.body)).toBe("Credential should be scoped to correct service: 'organizations'.");
  });

  it('refuses a Host that is not its own loopback address and port (DNS rebinding), the health probe included', async () => {
    const port = new URL(h.cloud.endpoint).port;
    const rebound = await iam({ host: `attacker.example:${port}` });
    expect(rebound.status).toBe(421);
    expect(code(rebound.body)).toBe('MisdirectedRequest');
    const health = (host: string) => send(h.cloud.endpoint, { host }, '', 'GET', '/_bulkhead/health');
    expect((await health(`attacker.example:${port}`)).status).toBe(421);
    expect((await health(`127.0.0.1:${Number(port) + 1}`)).status).toBe(421);
    expect((await health(`127.0.0.1:${port}`)).status).toBe(200);
    expect((await health(`localhost:${port}`)).status).toBe(200);
  });
});
