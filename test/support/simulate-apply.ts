import { costRunners } from './simulate-cost.js';
import { addressText } from '../../src/model/kinds.js';
import type { ObservedState } from '../../src/model/observed.js';
import type { Ref } from '../../src/model/payloads.js';
import type { Change, KindChange } from '../../src/plan/types.js';
import { FULL_AWS_ACCESS } from './simulate-observed.js';
import { identityRunners } from './simulate-identity.js';
import { securityRunners } from './simulate-security.js';
import { auditRunners } from './simulate-audit.js';
import { quotaRunners } from './simulate-quotas.js';
import { budgetRunners } from './simulate-budgets.js';

/**
 * A pure stand-in for `apply`: carries each change's typed payload out on a copy of the observed
 * state, the way AWS Organizations would, and refuses what AWS refuses (deleting a non-empty OU or
 * an attached policy, attaching twice, a ref nobody produced). Changes run in an order that respects
 * `dependsOn`; `pick` chooses among the changes that are ready, so a test can try several orders.
 */
export interface SimulateOptions {
  /** The management account an organization created here starts with. */
  managementAccount: { id: string; name: string; email: string };
  /** Index of the ready change to run next (default: the first, i.e. plan order). */
  pick?: (readyCount: number) => number;
}

/** An AWS refusal, named after the exception AWS Organizations answers with. */
export class SimulatedAwsError extends Error {
  constructor(
    readonly awsCode: string,
    message: string,
  ) {
    super(`${awsCode}: ${message}`);
    this.name = 'SimulatedAwsError';
  }
}

/** The changes in an order where each comes after everything it depends on. */
export function dependencyRespectingOrder(changes: readonly Change[], pick = (_n: number) => 0): Change[] {
  const ids = new Set(changes.map((c) => c.id));
  // Each change here is carried out whole, so what it awaits for its last step comes first too.
  const after = (c: Change) => [...c.dependsOn, ...(c.awaits ?? [])];
  for (const c of changes)
    for (const d of after(c)) if (!ids.has(d)) throw new Error(`${c.id} depends on ${d}, which the plan lacks`);
  const done = new Set<string>();
  const out: Change[] = [];
  let left = [...changes];
  while (left.length > 0) {
    const ready = left.filter((c) => after(c).every((d) => done.has(d)));
    if (ready.length === 0) throw new Error(`dependency cycle among ${left.map((c) => c.id).join(', ')}`);
    const next = ready[pick(ready.length) % ready.length]!;
    out.push(next);
    done.add(next.id);
    left = left.filter((c) => c !== next);
  }
  return out;
}

export function simulateApply(
  start: ObservedState,
  changes: readonly Change[],
  options: SimulateOptions,
): ObservedState {
  const state = structuredClone(start);
  const outputs = new Map<string, string>();
  let n = 0;
  const fresh = () => String(++n).padStart(8, '0');
  const resolve = (ref: Ref): string => {
    const id = ref.id ?? outputs.get(addressText(ref.address));
    if (!id) throw new Error(`no physical id for ${addressText(ref.address)}: its change has not run`);
    return id;
  };
  const root = () => {
    const org = state.organization[0];
    if (!org) throw new SimulatedAwsError('AWSOrganizationsNotInUseException', 'no organization');
    return org.root;
  };
  const scpEnabled = () => state['policy-type'].some((t) => t.type === 'SERVICE_CONTROL_POLICY');
  const isParent = (id: string) => id === root().id || state['organizational-unit'].some((o) => o.id === id);
  const isTarget = (id: string) => isParent(id) || state.account.some((a) => a.id === id);
  const ou = (id: string) => {
    const found = state['organizational-unit'].find((o) => o.id === id);
    if (!found) throw new SimulatedAwsError('OrganizationalUnitNotFoundException', id);
    return found;
  };
  const account = (id: string) => {
    const found = state.account.find((a) => a.id === id);
    if (!found) throw new SimulatedAwsError('AccountNotFoundException', id);
    return found;
  };
  const policy = (id: string) => {
    const found = state.policy.find((p) => p.id === id);
    if (!found) throw new SimulatedAwsError('PolicyNotFoundException', id);
    return found;
  };
  const parentMustExist = (id: string) => {
    if (!isParent(id)) throw new SimulatedAwsError('ParentNotFoundException', id);
  };
  const siblingNamed = (parentId: string, name: string, except?: string) =>
    state['organizational-unit'].some((o) => o.parentId === parentId && o.name === name && o.id !== except);

  const run: { [K in Change['kind']]: (c: KindChange<K>) => string | undefined } = {
    organization: () => {
      if (state.organization.length > 0) throw new SimulatedAwsError('AlreadyInOrganizationException', 'exists');
      const m = options.managementAccount;
      const rootId = `r-${fresh().slice(-4)}`;
      state.organization.push({
        id: 'o-sim',
        arn: `arn:aws:organizations::${m.id}:organization/o-sim`,
        managementAccountId: m.id,
        featureSet: 'ALL',
        root: { id: rootId, arn: `arn:aws:organizations::${m.id}:root/o-sim/${rootId}`, tags: {} },
      });
      state.account.push({
        id: m.id,
        arn: `arn:aws:organizations::${m.id}:account/o-sim/${m.id}`,
        name: m.name,
        email: m.email,
        status: 'ACTIVE',
        parentId: rootId,
        tags: {},
      });
      return rootId;
    },
    'policy-type': ({ payload }) => {
      const rootId = resolve(payload.root);
      if (rootId !== root().id) throw new SimulatedAwsError('RootNotFoundException', rootId);
      if (scpEnabled()) throw new SimulatedAwsError('PolicyTypeAlreadyEnabledException', payload.type);
      state['policy-type'].push({ type: payload.type, rootId });
      if (!state.policy.some((p) => p.id === FULL_AWS_ACCESS.id)) state.policy.push({ ...FULL_AWS_ACCESS });
      state['policy-attachment'].push({ policyId: FULL_AWS_ACCESS.id, policyName: 'FullAWSAccess', targetId: rootId });
      return undefined;
    },
    'organizational-unit': ({ payload: p }) => {
      switch (p.action) {
        case 'create': {
          const parentId = resolve(p.parent);
          parentMustExist(parentId);
          if (siblingNamed(parentId, p.name))
            throw new SimulatedAwsError('DuplicateOrganizationalUnitException', p.name);
          const id = `ou-sim-${fresh()}`;
          state['organizational-unit'].push({
            id,
            arn: `arn:ou/${id}`,
            name: p.name,
            parentId,
            path: '',
            tags: p.tags,
          });
          return id;
        }
        case 'update': {
          const found = ou(p.id);
          if (p.rename) {
            if (siblingNamed(found.parentId, p.name, found.id))
              throw new SimulatedAwsError('DuplicateOrganizationalUnitException', p.name);
            found.name = p.name;
          }
          found.tags = { ...found.tags, ...p.tags };
          return p.id;
        }
        case 'delete': {
          ou(p.id);
          if (
            state['organizational-unit'].some((o) => o.parentId === p.id) ||
            state.account.some((a) => a.parentId === p.id)
          )
            throw new SimulatedAwsError('OrganizationalUnitNotEmptyException', p.path);
          state['organizational-unit'] = state['organizational-unit'].filter((o) => o.id !== p.id);
          state['policy-attachment'] = state['policy-attachment'].filter((a) => a.targetId !== p.id);
          return undefined;
        }
      }
    },
    account: ({ payload: p }) => {
      switch (p.action) {
        case 'create': {
          if (state.account.some((a) => a.email.toLowerCase() === p.email.toLowerCase()))
            throw new SimulatedAwsError('EMAIL_ALREADY_EXISTS', p.email);
          const rootId = resolve(p.root);
          const parentId = p.ou === null ? rootId : resolve(p.ou);
          parentMustExist(parentId);
          const id = `3${fresh().padStart(11, '0')}`;
          state.account.push({
            id,
            arn: `arn:account/${id}`,
            name: p.name,
            email: p.email,
            status: 'ACTIVE',
            parentId,
            tags: p.tags,
          });
          return id;
        }
        case 'move': {
          const found = account(p.id);
          const to = resolve(p.to);
          parentMustExist(to);
          if (found.parentId !== p.fromParentId)
            throw new SimulatedAwsError('SourceParentNotFoundException', p.fromParentId);
          found.parentId = to;
          return p.id;
        }
        case 'update': {
          const found = account(p.id);
          found.tags = { ...found.tags, ...p.tags };
          return p.id;
        }
        case 'close': {
          const found = account(p.id);
          if (found.id === state.organization[0]?.managementAccountId)
            throw new SimulatedAwsError('ConstraintViolationException', 'the management account cannot be closed');
          found.status = 'SUSPENDED';
          return undefined;
        }
      }
    },
    policy: ({ payload: p }) => {
      switch (p.action) {
        case 'create': {
          if (state.policy.some((x) => x.name === p.name))
            throw new SimulatedAwsError('DuplicatePolicyException', p.name);
          const id = `p-sim${fresh()}`;
          const { action: _action, ...fields } = p;
          state.policy.push({ id, arn: `arn:policy/${id}`, awsManaged: false, ...fields });
          return id;
        }
        case 'update': {
          const found = policy(p.id);
          Object.assign(found, { name: p.name, description: p.description, content: p.content });
          found.tags = { ...found.tags, ...p.tags };
          return p.id;
        }
        case 'delete': {
          policy(p.id);
          if (state['policy-attachment'].some((a) => a.policyId === p.id))
            throw new SimulatedAwsError('PolicyInUseException', p.name);
          state.policy = state.policy.filter((x) => x.id !== p.id);
          return undefined;
        }
      }
    },
    'policy-attachment': ({ payload: p }) => {
      const attached = (policyId: string, targetId: string) =>
        state['policy-attachment'].some((a) => a.policyId === policyId && a.targetId === targetId);
      if (p.action === 'attach') {
        const policyId = resolve(p.policy);
        const targetId = resolve(p.target);
        if (!scpEnabled()) throw new SimulatedAwsError('PolicyTypeNotEnabledException', p.policyName);
        const found = policy(policyId);
        if (!isTarget(targetId)) throw new SimulatedAwsError('TargetNotFoundException', p.targetKey);
        if (attached(policyId, targetId))
          throw new SimulatedAwsError('DuplicatePolicyAttachmentException', p.targetKey);
        state['policy-attachment'].push({ policyId, policyName: found.name, targetId });
        return undefined;
      }
      policy(p.policyId);
      if (!isTarget(p.targetId)) throw new SimulatedAwsError('TargetNotFoundException', p.targetKey);
      if (!attached(p.policyId, p.targetId)) throw new SimulatedAwsError('PolicyNotAttachedException', p.targetKey);
      state['policy-attachment'] = state['policy-attachment'].filter(
        (a) => !(a.policyId === p.policyId && a.targetId === p.targetId),
      );
      return undefined;
    },
    ...identityRunners(state, resolve, fresh, options.managementAccount.id),
    ...securityRunners(state, resolve, options.managementAccount.id),
    ...auditRunners(state, resolve),
    ...quotaRunners(state, resolve),
    ...costRunners(state, resolve),
    ...budgetRunners(state, resolve),
  };

  for (const change of dependencyRespectingOrder(changes, options.pick)) {
    const physicalId = (run[change.kind] as (c: Change) => string | undefined)(change);
    if (physicalId) outputs.set(addressText({ kind: change.kind, key: change.key }), physicalId);
    recomputePaths(state);
  }
  return state;
}

/** OU paths follow names and parents, as refresh derives them. */
function recomputePaths(state: ObservedState): void {
  const byId = new Map(state['organizational-unit'].map((o) => [o.id, o]));
  const pathOf = (id: string): string => {
    const o = byId.get(id)!;
    const parent = byId.get(o.parentId);
    return parent ? `${pathOf(parent.id)}/${o.name}` : o.name;
  };
  for (const o of state['organizational-unit']) o.path = pathOf(o.id);
}
