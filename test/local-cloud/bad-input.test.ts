import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOrganizationCommand, ListRootsCommand } from '@aws-sdk/client-organizations';
import type { Harness } from './helpers.js';
import { startHarness } from './helpers.js';
import { rawRequest } from './raw.js';

describe('bad input never crashes the server', () => {
  let h: Harness;
  const org = (op: string, body: string) =>
    rawRequest({
      endpoint: h.cloud.endpoint,
      service: 'organizations',
      target: `AWSOrganizationsV20161128.${op}`,
      body,
      credentials: h.cloud.credentials,
    });
  const iam = (body: string) =>
    rawRequest({ endpoint: h.cloud.endpoint, service: 'iam', body, credentials: h.cloud.credentials });

  beforeAll(async () => {
    h = await startHarness();
    await h.org.send(new CreateOrganizationCommand({}));
  });
  afterAll(async () => h.stop());

  it('malformed JSON → SerializationException', async () => {
    const res = await org('ListRoots', '{"MaxResults": ');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ __type: 'SerializationException' });
    expect(res.headers['x-amzn-errortype']).toBe('SerializationException');
  });

  it('a JSON array or a wrongly typed member → SerializationException', async () => {
    expect(JSON.parse((await org('ListRoots', '[]')).body).__type).toBe('SerializationException');
    expect(JSON.parse((await org('ListRoots', '{"MaxResults":"ten"}')).body).__type).toBe('SerializationException');
    expect(JSON.parse((await org('CreateOrganizationalUnit', '{"ParentId":42,"Name":"x"}')).body).__type).toBe(
      'SerializationException',
    );
  });

  it('missing members → InvalidInputException INPUT_REQUIRED', async () => {
    const res = await org('CreateOrganizationalUnit', '{"Name":"x"}');
    expect(JSON.parse(res.body)).toMatchObject({ __type: 'InvalidInputException', Reason: 'INPUT_REQUIRED' });
  });

  it('unknown operations → UnknownOperationException / InvalidAction', async () => {
    const json = await org('DoesNotExist', '{}');
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body).__type).toBe('UnknownOperationException');
    const unknownPrefix = await rawRequest({
      endpoint: h.cloud.endpoint,
      service: 'organizations',
      target: 'NotAService.Op',
      body: '{}',
      credentials: h.cloud.credentials,
    });
    expect(JSON.parse(unknownPrefix.body).__type).toBe('UnknownOperationException');
    const query = await iam('Action=DoesNotExist&Version=2010-05-08');
    expect(query.status).toBe(400);
    expect(query.body).toContain('<Code>InvalidAction</Code>');
  });

  it('missing IAM parameters → ValidationError; garbage form bodies are still answered', async () => {
    const res = await iam('Action=GetRole&Version=2010-05-08');
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>ValidationError</Code>');
    expect(res.body).toContain("Value null at 'roleName'");
    const garbage = await iam('%%%&&&==&Action');
    expect(garbage.status).toBe(400);
  });

  it('oversized bodies → 413 in the protocol shape', async () => {
    const res = await org('ListRoots', `{"x":"${'a'.repeat(1024 * 1024 + 10)}"}`);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).__type).toBe('RequestEntityTooLargeException');
  });

  it('keeps serving after all of the above', async () => {
    expect((await h.org.send(new ListRootsCommand({}))).Roots).toHaveLength(1);
  });
});
