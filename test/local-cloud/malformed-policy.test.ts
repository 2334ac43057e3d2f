import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreatePolicyCommand as CreateIamPolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateOrganizationCommand,
  CreatePolicyCommand as CreateOrgPolicyCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import type { Harness } from './helpers.js';
import { awsError, startHarness } from './helpers.js';

/*
 * Policy documents are checked with `bulkhead validate`'s grammar checker (src/iam/policy) when stored, and
 * refused as AWS refuses them: IAM's MalformedPolicyDocument (HTTP 400, botocore shape
 * MalformedPolicyDocumentException) and Organizations' MalformedPolicyDocumentException. What AWS accepts
 * (no Version, an SCP statement without Resource, empty Condition blocks, Bool values IAM does not parse) is
 * stored.
 */

const doc = (...statements: Record<string, unknown>[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const trust = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

const IDENTITY_REFUSED: [string, string, string][] = [
  ['Effect in the wrong case', doc({ ...allow, Effect: 'allow' }), 'Statement[0].Effect'],
  ['a Principal', doc({ ...allow, Principal: '*' }), 'Policy document should not specify a principal.'],
  ['no Resource', doc({ Effect: 'Allow', Action: 's3:GetObject' }), 'Policy statement must contain resources.'],
  ['a Resource that is not an ARN', doc({ ...allow, Resource: 'my-bucket' }), 'Statement[0].Resource'],
  ['a Sid with a dash', doc({ ...allow, Sid: 'read-objects' }), 'must be alpha-numeric'],
  ['a duplicate Sid', doc({ ...allow, Sid: 'A' }, { ...allow, Sid: 'A' }), 'must be unique'],
  ['an unknown element', doc({ ...allow, Actions: 's3:GetObject' }), 'Syntax errors in policy.'],
  ['an unknown operator', doc({ ...allow, Condition: { StringEqualz: { 'aws:username': 'bob' } } }), 'StringEqualz'],
  [
    'a date that is not a date',
    doc({ ...allow, Condition: { DateLessThan: { 'aws:CurrentTime': 'soon' } } }),
    'legacy',
  ],
  ['an empty Statement list', doc(), 'Syntax errors in policy.'],
  ['text that is not JSON', '{"Version": "2012-10-17", ', 'This policy contains invalid Json'],
];

const IDENTITY_ACCEPTED: [string, string][] = [
  ['a well-formed policy', doc(allow)],
  ['no Version (a warning in validate)', JSON.stringify({ Statement: [allow] })],
  ['an empty Condition', doc({ ...allow, Condition: {} })],
  ['a Bool value IAM does not parse', doc({ ...allow, Condition: { Bool: { 'aws:SecureTransport': 'yes' } } })],
  ['an unknown action of a known service', doc({ ...allow, Action: 's3:GetObjectz' })],
];

describe('policy grammar in the local cloud', () => {
  let h: Harness;
  let scpId = '';
  beforeAll(async () => {
    h = await startHarness();
    await h.iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: doc(trust) }));
    await h.org.send(new CreateOrganizationCommand({}));
    const scp = await h.org.send(
      new CreateOrgPolicyCommand({
        Name: 'guard',
        Description: 'guard',
        Type: 'SERVICE_CONTROL_POLICY',
        Content: doc({ Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }),
      }),
    );
    scpId = scp.Policy?.PolicySummary?.Id ?? '';
  });
  afterAll(async () => h.stop());

  let n = 0;
  const createIam = (document: string) =>
    h.iam.send(new CreateIamPolicyCommand({ PolicyName: `p${++n}`, PolicyDocument: document }));

  it.each(IDENTITY_REFUSED)('IAM CreatePolicy refuses %s with MalformedPolicyDocument', async (_, document, says) => {
    const err = await awsError(() => createIam(document));
    expect(err).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    expect(err.message).toContain(says);
  });

  it.each(IDENTITY_ACCEPTED)('IAM CreatePolicy accepts %s', async (_, document) => {
    const created = await createIam(document);
    expect(created.Policy?.Arn).toMatch(/^arn:aws:iam::\d{12}:policy\/p\d+$/);
  });

  it('checks CreatePolicyVersion and PutRolePolicy with the identity grammar', async () => {
    const arn = (await createIam(doc(allow))).Policy?.Arn ?? '';
    const bad = doc({ ...allow, Principal: '*' });
    for (const call of [
      () => h.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: bad })),
      () => h.iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'inline', PolicyDocument: bad })),
    ]) {
      expect(await awsError(call)).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    }
    await h.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(allow) }));
    await h.iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'inline', PolicyDocument: doc(allow) }));
  });

  it('checks trust policies with their own grammar: Principal required, no Resource', async () => {
    const refused: [string, string][] = [
      [doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'Missing required field Principal.'],
      [doc({ ...trust, Resource: '*' }), 'Has prohibited field Resource.'],
      [doc({ ...trust, Principal: { AWS: 'arn:aws:iam::123456789012:role/*' } }), 'Invalid principal in policy.'],
    ];
    for (const [document, says] of refused) {
      const create = await awsError(() =>
        h.iam.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: document })),
      );
      expect(create).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
      expect(create.message).toContain(says);
      const update = await awsError(() =>
        h.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: document })),
      );
      expect(update).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    }
    const wellFormed = doc({ ...trust, Principal: { AWS: '123456789012' } });
    await h.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: wellFormed }));
    const role = await h.iam.send(new GetRoleCommand({ RoleName: 'app' }));
    expect(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '')).toBe(wellFormed);
  });

  it('checks SCPs on Organizations CreatePolicy and UpdatePolicy', async () => {
    const create = (Name: string, Content: string) =>
      h.org.send(new CreateOrgPolicyCommand({ Name, Description: Name, Type: 'SERVICE_CONTROL_POLICY', Content }));
    const refused = [
      doc({ Effect: 'Deny', Action: '*', Resource: '*', Principal: '*' }),
      doc({ Effect: 'Denied', Action: '*', Resource: '*' }),
    ];
    for (const content of refused) {
      const err = await awsError(() => create('bad', content));
      expect(err).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
      expect(err.message).toMatch(/^The provided policy document does not meet the requirements/);
      const update = await awsError(() => h.org.send(new UpdatePolicyCommand({ PolicyId: scpId, Content: content })));
      expect(update).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    }
    // AWS accepts an SCP statement without Resource (validate warns).
    const noResource = await create('no-resource', doc({ Effect: 'Deny', Action: 'iam:CreateUser' }));
    expect(noResource.Policy?.Content).toBe(doc({ Effect: 'Deny', Action: 'iam:CreateUser' }));
  });
});
