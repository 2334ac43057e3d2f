import type {
  AccessRequest,
  NamedPolicy,
  PolicyDocument,
  PolicySet,
  PolicyStatement,
  RequestPrincipal,
} from '../../access/index.js';
import { evaluate } from '../../access/index.js';
import type { Principal } from '../auth/credentials.js';
import type { RoleRecord } from '../services/iam/tables.js';

const trustPolicies = new WeakMap<RoleRecord, NamedPolicy>();

/** A role's trust policy as a resource-based policy (parsed once per role record). */
export function trustPolicyOf(role: RoleRecord): NamedPolicy {
  let p = trustPolicies.get(role);
  if (p === undefined) {
    // CreateRole and UpdateAssumeRolePolicy store only JSON objects with a Statement.
    const doc = JSON.parse(role.assumeRolePolicyDocument) as PolicyDocument;
    // AWS: a trust policy names no Resource; the role it is attached to is implied.
    const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).map((st: PolicyStatement) =>
      typeof st === 'object' && st !== null && st.Resource === undefined && st.NotResource === undefined
        ? { ...st, Resource: '*' }
        : st,
    );
    p = { name: `trust policy of ${role.name}`, document: { ...doc, Statement: statements } };
    trustPolicies.set(role, p);
  }
  return p;
}

/** Stands in for the caller's own permissions, so that only the trust policy decides. */
const ALLOW_ALL: NamedPolicy = {
  name: 'caller permissions (not part of the trust check)',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

/**
 * Whether the role's trust policy admits the caller for sts:AssumeRole, evaluated by Bulkhead's
 * evaluator (conditions included, e.g. sts:ExternalId, aws:PrincipalOrgID). The caller's own
 * permissions and SCPs are checked separately, before the operation runs.
 */
export function trustAdmits(
  role: RoleRecord,
  caller: Principal,
  roleArn: string,
  externalId: string | undefined,
  orgId: string | undefined,
): boolean {
  const principal: RequestPrincipal = { arn: caller.arn, accountId: caller.accountId };
  if (orgId !== undefined) principal.orgId = orgId;
  const request: AccessRequest = {
    principal,
    action: 'sts:AssumeRole',
    resource: roleArn,
    resourceAccount: role.accountId,
    context: {},
  };
  if (externalId !== undefined && request.context !== undefined) request.context['sts:ExternalId'] = externalId;
  if (caller.roleArn !== undefined && request.context !== undefined)
    request.context['aws:PrincipalArn'] = caller.roleArn;
  const set: PolicySet = { resourcePolicy: trustPolicyOf(role), identityPolicies: [ALLOW_ALL] };
  const result = evaluate(request, set);
  return result.ok && result.decision === 'allowed';
}
