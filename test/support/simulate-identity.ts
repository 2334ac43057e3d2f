import type { ObservedState } from '../../src/model/observed.js';
import type { Ref } from '../../src/model/payloads.js';
import type { KindChange } from '../../src/plan/types.js';
import { SimulatedAwsError } from './simulate-apply.js';

type IdentityKind =
  'identity-center' | 'sso-user' | 'sso-group' | 'sso-group-membership' | 'permission-set' | 'account-assignment';

/**
 * Identity Center as the apply simulator carries it out: what sso-admin and identitystore would do
 * with each payload, refusing what they refuse (no instance, duplicate names, unknown principals,
 * deleting a permission set that still has assignments).
 */
export function identityRunners(
  state: ObservedState,
  resolve: (ref: Ref) => string,
  fresh: () => string,
  managementAccountId: string,
): { [K in IdentityKind]: (c: KindChange<K>) => string | undefined } {
  const center = () => {
    if (!state['identity-center'][0]) throw new SimulatedAwsError('ResourceNotFoundException', 'no instance');
  };
  const user = (id: string) => {
    const u = state['sso-user'].find((x) => x.userId === id);
    if (!u) throw new SimulatedAwsError('ResourceNotFoundException', `user ${id}`);
    return u;
  };
  const group = (id: string) => {
    const g = state['sso-group'].find((x) => x.groupId === id);
    if (!g) throw new SimulatedAwsError('ResourceNotFoundException', `group ${id}`);
    return g;
  };
  const permissionSet = (arn: string) => {
    const p = state['permission-set'].find((x) => x.arn === arn);
    if (!p) throw new SimulatedAwsError('ResourceNotFoundException', `permission set ${arn}`);
    return p;
  };
  return {
    'identity-center': () => {
      if (state['identity-center'].length > 0) throw new SimulatedAwsError('ConflictException', 'instance exists');
      const instanceArn = `arn:aws:sso:::instance/ssoins-${fresh()}`;
      state['identity-center'].push({
        instanceArn,
        identityStoreId: `d-${fresh()}`,
        ownerAccountId: managementAccountId,
        region: 'eu-west-1',
      });
      return instanceArn;
    },
    'sso-user': ({ payload: p }) => {
      center();
      switch (p.action) {
        case 'create': {
          if (state['sso-user'].some((u) => u.userName === p.userName))
            throw new SimulatedAwsError('ConflictException', p.userName);
          const { action: _a, ...fields } = p;
          const userId = `u-${fresh()}`;
          state['sso-user'].push({ userId, ...fields });
          return userId;
        }
        case 'update': {
          const { action: _a, userId: _id, ...fields } = p;
          Object.assign(user(p.userId), fields);
          return p.userId;
        }
        case 'delete':
          user(p.userId);
          state['sso-user'] = state['sso-user'].filter((u) => u.userId !== p.userId);
          state['sso-group-membership'] = state['sso-group-membership'].filter((m) => m.userId !== p.userId);
          return undefined;
      }
    },
    'sso-group': ({ payload: p }) => {
      center();
      switch (p.action) {
        case 'create': {
          if (state['sso-group'].some((g) => g.name === p.name))
            throw new SimulatedAwsError('ConflictException', p.name);
          const groupId = `g-${fresh()}`;
          state['sso-group'].push({ groupId, name: p.name, ...(p.description ? { description: p.description } : {}) });
          return groupId;
        }
        case 'update':
          group(p.groupId).description = p.description ?? '';
          return p.groupId;
        case 'delete':
          group(p.groupId);
          state['sso-group'] = state['sso-group'].filter((g) => g.groupId !== p.groupId);
          state['sso-group-membership'] = state['sso-group-membership'].filter((m) => m.groupId !== p.groupId);
          return undefined;
      }
    },
    'sso-group-membership': ({ payload: p }) => {
      center();
      if (p.action === 'delete') {
        if (!state['sso-group-membership'].some((m) => m.membershipId === p.membershipId))
          throw new SimulatedAwsError('ResourceNotFoundException', p.membershipId);
        state['sso-group-membership'] = state['sso-group-membership'].filter((m) => m.membershipId !== p.membershipId);
        return undefined;
      }
      const g = group(resolve(p.group));
      const u = user(resolve(p.user));
      if (state['sso-group-membership'].some((m) => m.groupId === g.groupId && m.userId === u.userId))
        throw new SimulatedAwsError('ConflictException', `${u.userName} in ${g.name}`);
      const membershipId = `m-${fresh()}`;
      state['sso-group-membership'].push({
        membershipId,
        groupId: g.groupId,
        groupName: g.name,
        userId: u.userId,
        userName: u.userName,
      });
      return membershipId;
    },
    'permission-set': ({ payload: p }) => {
      center();
      switch (p.action) {
        case 'create':
        case 'update': {
          if (p.action === 'create' && state['permission-set'].some((x) => x.name === p.name))
            throw new SimulatedAwsError('ConflictException', p.name);
          const found =
            p.action === 'update'
              ? permissionSet(p.arn)
              : { arn: `arn:aws:sso:::permissionSet/ssoins-x/ps-${fresh()}`, provisionedAccountIds: [] as string[] };
          const next = {
            arn: found.arn,
            name: p.name,
            ...(p.description !== undefined ? { description: p.description } : {}),
            sessionDuration: p.sessionDuration,
            ...(p.relayState !== undefined ? { relayState: p.relayState } : {}),
            tags: { ...(p.action === 'update' ? permissionSet(p.arn).tags : {}), ...p.tags },
            managedPolicies: [...p.managedPolicies].sort(),
            customerManagedPolicies: p.customerManagedPolicies,
            ...(p.inlinePolicy !== undefined ? { inlinePolicy: p.inlinePolicy } : {}),
            ...(p.permissionBoundary !== undefined ? { permissionBoundary: p.permissionBoundary } : {}),
            provisionedAccountIds: found.provisionedAccountIds,
          };
          state['permission-set'] = [...state['permission-set'].filter((x) => x.arn !== found.arn), next];
          return found.arn;
        }
        case 'delete':
          permissionSet(p.arn);
          if (state['account-assignment'].some((a) => a.permissionSetArn === p.arn))
            throw new SimulatedAwsError('ConflictException', `${p.name} still has assignments`);
          state['permission-set'] = state['permission-set'].filter((x) => x.arn !== p.arn);
          return undefined;
      }
    },
    'account-assignment': ({ payload: p }) => {
      center();
      const ids =
        p.action === 'create'
          ? { accountId: resolve(p.account), arn: resolve(p.permissionSet), principalId: resolve(p.principal) }
          : { accountId: p.accountId, arn: p.permissionSetArn, principalId: p.principalId };
      const same = (a: { accountId: string; permissionSetArn: string; principalType: string; principalId: string }) =>
        a.accountId === ids.accountId &&
        a.permissionSetArn === ids.arn &&
        a.principalType === p.principalType &&
        a.principalId === ids.principalId;
      if (p.pendingRequestId) {
        if (!state.pending.assignments.some((o) => o.requestId === p.pendingRequestId))
          throw new SimulatedAwsError('ResourceNotFoundException', `request ${p.pendingRequestId}`);
        state.pending.assignments = state.pending.assignments.filter((o) => o.requestId !== p.pendingRequestId);
      }
      if (p.action === 'delete') {
        state['account-assignment'] = state['account-assignment'].filter((a) => !same(a));
        return undefined;
      }
      const ps = permissionSet(ids.arn);
      const account = state.account.find((a) => a.id === ids.accountId);
      if (!account || account.status !== 'ACTIVE')
        throw new SimulatedAwsError('ValidationException', `account ${ids.accountId} is not an active member`);
      const principal = p.principalType === 'GROUP' ? group(ids.principalId).name : user(ids.principalId).userName;
      if (!state['account-assignment'].some(same))
        state['account-assignment'].push({
          accountId: ids.accountId,
          permissionSetArn: ids.arn,
          permissionSetName: ps.name,
          principalType: p.principalType,
          principalId: ids.principalId,
          principalName: principal,
        });
      if (!ps.provisionedAccountIds.includes(ids.accountId)) ps.provisionedAccountIds.push(ids.accountId);
      return undefined;
    },
  };
}
