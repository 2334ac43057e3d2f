import type { NamedPolicy, PolicyDocument } from '../../access/index.js';
import { awsManagedIamPolicy } from '../services/iam/aws-managed.js';
import type { ManagedPolicyRecord, RoleRecord } from '../services/iam/tables.js';
import type { Store } from '../store/store.js';

/** How IAM's policy simulator names a policy's origin (`PolicySourceType`). */
export type PolicySourceType = 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

/** What a policy in a policy set is, beyond its document: for error messages and the simulator. */
export interface PolicyOrigin {
  /** The simulator's `SourcePolicyId`: the policy name (inline or managed), `PolicyInputList.N` for input. */
  id: string;
  source: PolicySourceType;
  /** Managed policies only: AWS names it in explicit-deny messages. */
  arn?: string;
}

/** Identity policies of an IAM role, with the origin of each by `NamedPolicy.name`. */
export interface RolePolicies {
  identity: NamedPolicy[];
  boundary?: NamedPolicy;
  origins: Map<string, PolicyOrigin>;
}

const awsManagedDocs = new Map<string, PolicyDocument>();
const customerDocs = new WeakMap<ManagedPolicyRecord, PolicyDocument>();
const inlineDocs = new WeakMap<RoleRecord, Map<string, PolicyDocument>>();

/** The default version of a managed policy visible in `accountId`: AWS managed, or customer managed there. */
export function managedPolicyDocument(store: Store, accountId: string, arn: string): PolicyDocument | undefined {
  const aws = awsManagedIamPolicy(arn);
  if (aws !== undefined) {
    let doc = awsManagedDocs.get(arn);
    if (doc === undefined) {
      doc = JSON.parse(aws.document) as PolicyDocument;
      awsManagedDocs.set(arn, doc);
    }
    return doc;
  }
  const p = store.get('managedPolicies', arn);
  if (p === undefined || p.accountId !== accountId) return undefined;
  let doc = customerDocs.get(p);
  if (doc === undefined) {
    const text = p.versions.find((v) => v.versionId === p.defaultVersionId)?.document ?? '{"Statement":[]}';
    doc = JSON.parse(text) as PolicyDocument;
    customerDocs.set(p, doc);
  }
  return doc;
}

function inlineDocument(role: RoleRecord, name: string, text: string): PolicyDocument {
  let docs = inlineDocs.get(role);
  if (docs === undefined) {
    docs = new Map();
    inlineDocs.set(role, docs);
  }
  let doc = docs.get(name);
  if (doc === undefined) {
    doc = JSON.parse(text) as PolicyDocument;
    docs.set(name, doc);
  }
  return doc;
}

const policyName = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** AWS: a role's permissions are its attached managed policies and its inline policies, capped by its permissions boundary. */
export function rolePolicies(store: Store, role: RoleRecord): RolePolicies {
  const identity: NamedPolicy[] = [];
  const origins = new Map<string, PolicyOrigin>();
  for (const arn of role.attachedPolicyArns) {
    const document = managedPolicyDocument(store, role.accountId, arn);
    if (document === undefined) continue;
    identity.push({ name: arn, document });
    origins.set(arn, {
      id: policyName(arn),
      source: arn.startsWith('arn:aws:iam::aws:') ? 'aws-managed' : 'user-managed',
      arn,
    });
  }
  for (const [name, text] of Object.entries(role.inlinePolicies)) {
    const key = `inline:${name}`;
    identity.push({ name: key, document: inlineDocument(role, name, text) });
    origins.set(key, { id: name, source: 'role' });
  }
  const out: RolePolicies = { identity, origins };
  const boundaryArn = role.permissionsBoundaryArn;
  if (boundaryArn !== undefined) {
    const document = managedPolicyDocument(store, role.accountId, boundaryArn);
    // A boundary whose policy is gone allows nothing, as an empty boundary would.
    out.boundary = { name: boundaryArn, document: document ?? { Version: '2012-10-17', Statement: [] } };
    origins.set(boundaryArn, {
      id: policyName(boundaryArn),
      source: boundaryArn.startsWith('arn:aws:iam::aws:') ? 'aws-managed' : 'user-managed',
      arn: boundaryArn,
    });
  }
  return out;
}
