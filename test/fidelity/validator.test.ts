import { describe, expect, it } from 'vitest';
import { loadModel } from '../support/fidelity/botocore-model.js';
import { validateResponse, wireErrorCode } from '../support/fidelity/response-validation.js';
import { parseXml } from '../support/fidelity/xml.js';

/* The validator must reject what AWS would not send; otherwise the conformance suite proves nothing. */

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: JSON.stringify(body),
});
const xml = (body: string, status = 200) => ({ status, headers: {}, body });
const problems = (
  service: 'organizations' | 'iam' | 'sts',
  op: string,
  res: { status: number; headers: Record<string, string>; body: string },
) => validateResponse(loadModel(service), op, res).map((v) => `${v.path}: ${v.problem}`);

const ou = {
  Id: 'ou-ab12-abcd1234',
  Arn: 'arn:aws:organizations::111111111111:ou/o-abcdefghij/ou-ab12-abcd1234',
  Name: 'Apps',
};
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const RID = '<ResponseMetadata><RequestId>0f9ec6a2-1b7b-4c55-9d1d-6a3c1f2d9e41</RequestId></ResponseMetadata>';
const role = (extra = '') =>
  `<member><Path>/</Path><RoleName>r</RoleName><RoleId>AROAEXAMPLEEXAMPLE12</RoleId><Arn>arn:aws:iam::111111111111:role/r</Arn><CreateDate>2024-01-02T03:04:05Z</CreateDate>${extra}</member>`;

describe('awsJson1_1 responses', () => {
  it('accepts a conforming body', () => {
    expect(problems('organizations', 'DescribeOrganizationalUnit', json({ OrganizationalUnit: ou }))).toEqual([]);
  });

  it('reports unknown members, wrong types, enum values, patterns and ISO timestamps where epoch seconds belong', () => {
    const bad = json({
      CreateAccountStatus: {
        Id: 'car-0123456789abcdef',
        State: 'DONE',
        AccountName: 'x',
        RequestedTimestamp: '2024-01-01T00:00:00Z',
        Extra: 1,
        AccountId: '12',
      },
    });
    expect(problems('organizations', 'DescribeCreateAccountStatus', bad)).toEqual([
      expect.stringMatching(/^CreateAccountStatus\.State: "DONE" is not one of/),
      expect.stringMatching(/^CreateAccountStatus\.RequestedTimestamp: expected epoch seconds/),
      'CreateAccountStatus.Extra: not a member of CreateAccountStatus',
      expect.stringMatching(/^CreateAccountStatus\.AccountId: "12" does not match/),
    ]);
  });

  it('reports a missing required member and a body for an operation without output', () => {
    expect(
      problems(
        'organizations',
        'ListRoots',
        json({ Roots: [{ Id: 'r-ab12', Name: 'Root', PolicyTypes: [{ Type: 'NOPE' }] }] }),
      ),
    ).toEqual([expect.stringMatching(/^Roots\[0\]\.PolicyTypes\[0\]\.Type: "NOPE" is not one of/)]);
    expect(problems('organizations', 'MoveAccount', json({ ok: true }))).toEqual([
      ': the operation has no output, but the body is not {}',
    ]);
  });

  it('checks error codes against the operation and the error shape', () => {
    expect(
      problems(
        'organizations',
        'CreateOrganizationalUnit',
        json({ __type: 'DuplicateOrganizationalUnitException', Message: 'dup' }, 400),
      ),
    ).toEqual([]);
    expect(
      problems(
        'organizations',
        'CreateOrganizationalUnit',
        json({ __type: 'AccountNotFoundException', Message: 'x' }, 400),
      ),
    ).toEqual(['code: AccountNotFoundException is neither an error of CreateOrganizationalUnit nor a common error']);
    expect(
      problems(
        'organizations',
        'DetachPolicy',
        json({ __type: 'ConstraintViolationException', Message: 'x', Reason: 'TOO_FEW' }, 400),
      ),
    ).toEqual([expect.stringMatching(/^Reason: "TOO_FEW" is not one of/)]);
    expect(
      problems(
        'organizations',
        'ListRoots',
        json({ __type: 'UnrecognizedClientException', message: 'x' }, 400, {
          'x-amzn-errortype': 'ThrottlingException',
        }),
      ),
    ).toEqual(['x-amzn-ErrorType: header ThrottlingException differs from __type UnrecognizedClientException']);
  });
});

describe('awsQuery responses', () => {
  it('accepts a conforming document', () => {
    const body = `<ListRolesResponse xmlns="${IAM_NS}"><ListRolesResult><Roles>${role()}</Roles><IsTruncated>false</IsTruncated></ListRolesResult>${RID}</ListRolesResponse>`;
    expect(problems('iam', 'ListRoles', xml(body))).toEqual([]);
  });

  it('reports wrong wrappers, list entries, booleans, timestamps and a missing RequestId', () => {
    const body =
      `<ListRolesResponse xmlns="https://example.com/"><ListRolesResult><Roles><Role>${role()}</Role>${role('<MaxSessionDuration>1h</MaxSessionDuration>')}</Roles>` +
      `<IsTruncated>no</IsTruncated></ListRolesResult></ListRolesResponse>`;
    expect(problems('iam', 'ListRoles', xml(body))).toEqual([
      `xmlns: namespace https://example.com/, not ${IAM_NS}`,
      'Roles[0]: list entries are <member>, not <Role>',
      'Roles[1].MaxSessionDuration: "1h" is not a number',
      'IsTruncated: "no" is not true or false',
      'ResponseMetadata: missing',
    ]);
    const date = `<GetRoleResponse xmlns="${IAM_NS}"><GetRoleResult><Role>${role()
      .replace('2024-01-02T03:04:05Z', '1704164645')
      .replace(/<\/?member>/g, '')}</Role></GetRoleResult>${RID}</GetRoleResponse>`;
    expect(problems('iam', 'GetRole', xml(date))).toEqual([
      'Role.CreateDate: "1704164645" is not an ISO 8601 timestamp',
    ]);
  });

  it('checks error codes, HTTP status and fault type', () => {
    const err = (code: string, type = 'Sender') =>
      `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>m</Message></Error><RequestId>0f9ec6a2-1b7b-4c55-9d1d-6a3c1f2d9e41</RequestId></ErrorResponse>`;
    expect(problems('iam', 'GetRole', xml(err('NoSuchEntity'), 404))).toEqual([]);
    expect(problems('iam', 'GetRole', xml(err('NoSuchEntity'), 400))).toEqual([
      'status: NoSuchEntity must have HTTP status 404, not 400',
    ]);
    expect(problems('iam', 'GetRole', xml(err('NoSuchEntityException'), 404))).toEqual([
      'code: NoSuchEntityException is neither an error of GetRole nor a common error',
    ]);
    expect(problems('sts', 'GetCallerIdentity', xml(err('InvalidClientTokenId', 'Receiver'), 403))).toEqual([
      'Error.Type: Receiver, expected Sender',
    ]);
    expect(wireErrorCode(xml(err('NoSuchEntity'), 404))).toBe('NoSuchEntity');
  });
});

describe('the XML reader', () => {
  it('decodes entities and rejects malformed documents', () => {
    expect(parseXml('<a x="1"><b>&lt;&amp;&#65;&#x42;</b></a>').children[0]?.text).toBe('<&AB');
    expect(() => parseXml('<a><b></a>')).toThrow(/does not match/);
    expect(() => parseXml('<a>')).toThrow(/unclosed/);
  });
});
