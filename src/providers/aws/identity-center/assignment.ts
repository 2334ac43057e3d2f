import {
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  type AccountAssignmentOperationStatus,
} from '@aws-sdk/client-sso-admin';
import type { AssignmentNames } from '../../../model/identity-payloads.js';
import type { ApplyOutcome, KindProvider } from '../provider.js';
import { ChangeFailedError } from '../organizations/common.js';
import { instanceOf, isSsoRetryable } from './common.js';
import { pollerFor } from './assignment-poller.js';

export { ASSIGNMENT_LANE, ASSIGNMENT_OPERATIONS_OUTSTANDING } from '../lanes.js';
import { ASSIGNMENT_LANE } from '../lanes.js';
import { ssoAdminOf } from './clients.js';

const describeNames = (n: AssignmentNames, accountId: string) =>
  `permission set ${n.permissionSetName} for ${n.principalType === 'GROUP' ? 'group' : 'user'} ${n.principalName} ` +
  `in account ${n.accountName} (${accountId})`;

export const accountAssignmentProvider: KindProvider<'account-assignment'> = {
  kind: 'account-assignment',
  lane: () => ASSIGNMENT_LANE,
  isRetryable: isSsoRetryable,
  async apply(change, ctx): Promise<ApplyOutcome> {
    const { instanceArn: InstanceArn } = await instanceOf(ctx.clients);
    const sso = ssoAdminOf(ctx.clients);
    const p = change.payload;
    const target =
      p.action === 'create'
        ? {
            TargetId: ctx.resolve(p.account),
            PermissionSetArn: ctx.resolve(p.permissionSet),
            PrincipalId: ctx.resolve(p.principal),
          }
        : { TargetId: p.accountId, PermissionSetArn: p.permissionSetArn, PrincipalId: p.principalId };
    let status: AccountAssignmentOperationStatus;
    if (p.pendingRequestId) {
      status = { RequestId: p.pendingRequestId, Status: 'IN_PROGRESS' };
      ctx.progress(`following request ${p.pendingRequestId}, left running by an earlier apply`);
    } else {
      const input = { InstanceArn, TargetType: 'AWS_ACCOUNT' as const, PrincipalType: p.principalType, ...target };
      status =
        p.action === 'create'
          ? (await sso.send(new CreateAccountAssignmentCommand(input))).AccountAssignmentCreationStatus!
          : (await sso.send(new DeleteAccountAssignmentCommand(input))).AccountAssignmentDeletionStatus!;
    }
    if (status.Status === 'IN_PROGRESS')
      status = await pollerFor(ctx.clients, InstanceArn).wait(status.RequestId!, p.action, ctx);
    if (status.Status === 'FAILED') {
      const reason = status.FailureReason ?? 'no reason given';
      throw new ChangeFailedError(
        change.id,
        'AssignmentFailed',
        `${p.action === 'create' ? 'assigning' : 'removing'} ${describeNames(p, target.TargetId)} failed: ${reason}`,
      );
    }
    return {};
  },
};
