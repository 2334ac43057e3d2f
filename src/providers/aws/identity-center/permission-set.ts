import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreatePermissionSetCommand,
  DeleteInlinePolicyFromPermissionSetCommand,
  DeletePermissionsBoundaryFromPermissionSetCommand,
  DeletePermissionSetCommand,
  DescribePermissionSetCommand,
  DescribePermissionSetProvisioningStatusCommand,
  DetachCustomerManagedPolicyReferenceFromPermissionSetCommand,
  DetachManagedPolicyFromPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  TagResourceCommand,
  UpdatePermissionSetCommand,
  type PermissionSetProvisioningStatus,
  type PermissionsBoundary,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import type { PermissionBoundary, PermissionSetFields } from '../../../model/identity-payloads.js';
import { allPages } from '../paginate.js';
import type { ApplyContext, ApplyOutcome, KindProvider } from '../provider.js';
import { ChangeFailedError, toTags } from '../organizations/common.js';
import { errorName, instanceOf, isSsoRetryable } from './common.js';
import { ssoAdminOf } from './clients.js';

/** A detach or delete sent again (the change retried after a ConflictException) finds it gone: done. */
async function unlessGone(send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (errorName(err) !== 'ResourceNotFoundException') throw err;
  }
}

export const managedPolicyArn = (name: string) => `arn:aws:iam::aws:policy/${name}`;

function boundaryOf(b: PermissionBoundary): PermissionsBoundary {
  if (b.managedPolicy !== undefined) return { ManagedPolicyArn: managedPolicyArn(b.managedPolicy) };
  return { CustomerManagedPolicyReference: { Name: b.customerManagedPolicy!, Path: b.path ?? '/' } };
}

async function findByName(sso: SSOAdminClient, InstanceArn: string, name: string): Promise<string | undefined> {
  const arns = await allPages((token) =>
    sso
      .send(new ListPermissionSetsCommand({ InstanceArn, NextToken: token, MaxResults: 100 }))
      .then((r) => ({ items: r.PermissionSets, next: r.NextToken })),
  );
  for (const arn of arns) {
    const d = await sso.send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn: arn }));
    if (d.PermissionSet?.Name === name) return arn;
  }
  return undefined;
}

/** Creates it, or adopts the one an interrupted run created; then attaches what it lacks. */
async function create(sso: SSOAdminClient, InstanceArn: string, p: PermissionSetFields): Promise<string> {
  let arn: string;
  let adopted = false;
  try {
    const r = await sso.send(
      new CreatePermissionSetCommand({
        InstanceArn,
        Name: p.name,
        SessionDuration: p.sessionDuration,
        ...(p.description !== undefined ? { Description: p.description } : {}),
        ...(p.relayState !== undefined ? { RelayState: p.relayState } : {}),
        Tags: toTags(p.tags),
      }),
    );
    arn = r.PermissionSet!.PermissionSetArn!;
  } catch (err) {
    if (errorName(err) !== 'ConflictException') throw err;
    const found = await findByName(sso, InstanceArn, p.name);
    if (!found) throw err;
    arn = found;
    adopted = true;
  }
  const PermissionSetArn = arn;
  const haveManaged = new Set<string>();
  const haveCustomer = new Set<string>();
  if (adopted) {
    const managed = await sso.send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    for (const m of managed.AttachedManagedPolicies ?? []) haveManaged.add(m.Arn ?? '');
    const cm = await sso.send(
      new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ InstanceArn, PermissionSetArn }),
    );
    for (const c of cm.CustomerManagedPolicyReferences ?? []) haveCustomer.add(`${c.Path ?? '/'}${c.Name}`);
    await sso.send(new TagResourceCommand({ InstanceArn, ResourceArn: arn, Tags: toTags(p.tags) }));
  }
  for (const m of p.managedPolicies) {
    if (haveManaged.has(managedPolicyArn(m))) continue;
    await sso.send(
      new AttachManagedPolicyToPermissionSetCommand({
        InstanceArn,
        PermissionSetArn,
        ManagedPolicyArn: managedPolicyArn(m),
      }),
    );
  }
  for (const c of p.customerManagedPolicies) {
    if (haveCustomer.has(`${c.path}${c.name}`)) continue;
    await sso.send(
      new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
        InstanceArn,
        PermissionSetArn,
        CustomerManagedPolicyReference: { Name: c.name, Path: c.path },
      }),
    );
  }
  if (p.inlinePolicy !== undefined)
    await sso.send(
      new PutInlinePolicyToPermissionSetCommand({ InstanceArn, PermissionSetArn, InlinePolicy: p.inlinePolicy }),
    );
  if (p.permissionBoundary !== undefined)
    await sso.send(
      new PutPermissionsBoundaryToPermissionSetCommand({
        InstanceArn,
        PermissionSetArn,
        PermissionsBoundary: boundaryOf(p.permissionBoundary),
      }),
    );
  return arn;
}

/** ProvisionPermissionSet to every account that has it, polled until AWS says it is done. */
async function reprovision(
  InstanceArn: string,
  PermissionSetArn: string,
  name: string,
  changeId: string,
  ctx: ApplyContext,
) {
  const sso = ssoAdminOf(ctx.clients);
  let status: PermissionSetProvisioningStatus = (
    await sso.send(
      new ProvisionPermissionSetCommand({ InstanceArn, PermissionSetArn, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }),
    )
  ).PermissionSetProvisioningStatus!;
  ctx.progress(`re-provisioning to every account that has it (request ${status.RequestId})`);
  const started = Date.now();
  for (let attempt = 1; status.Status === 'IN_PROGRESS'; attempt++) {
    await ctx.sleep(ctx.pollDelayMs(attempt, Date.now() - started));
    await ctx.pollSlot();
    status = (
      await sso.send(
        new DescribePermissionSetProvisioningStatusCommand({
          InstanceArn,
          ProvisionPermissionSetRequestId: status.RequestId!,
        }),
      )
    ).PermissionSetProvisioningStatus!;
  }
  if (status.Status === 'FAILED') {
    const reason = status.FailureReason ?? 'FAILED';
    throw new ChangeFailedError(
      changeId,
      'ProvisioningFailed',
      `re-provisioning permission set ${name} failed: ${reason}`,
    );
  }
}

export const permissionSetProvider: KindProvider<'permission-set'> = {
  kind: 'permission-set',
  lane: () => 'sso-admin',
  isRetryable: isSsoRetryable,
  async apply(change, ctx): Promise<ApplyOutcome> {
    const { instanceArn: InstanceArn } = await instanceOf(ctx.clients);
    const sso = ssoAdminOf(ctx.clients);
    const p = change.payload;
    switch (p.action) {
      case 'create':
        return { physicalId: await create(sso, InstanceArn, p) };
      case 'update': {
        const PermissionSetArn = p.arn;
        const base = { InstanceArn, PermissionSetArn };
        const d = p.delta;
        if (d.settings)
          await sso.send(
            new UpdatePermissionSetCommand({
              ...base,
              SessionDuration: p.sessionDuration,
              ...(p.description !== undefined ? { Description: p.description } : {}),
              ...(p.relayState !== undefined ? { RelayState: p.relayState } : {}),
            }),
          );
        for (const m of d.detachManaged)
          await unlessGone(() =>
            sso.send(
              new DetachManagedPolicyFromPermissionSetCommand({ ...base, ManagedPolicyArn: managedPolicyArn(m) }),
            ),
          );
        for (const m of d.attachManaged)
          await sso.send(
            new AttachManagedPolicyToPermissionSetCommand({ ...base, ManagedPolicyArn: managedPolicyArn(m) }),
          );
        for (const c of d.detachCustomer)
          await unlessGone(() =>
            sso.send(
              new DetachCustomerManagedPolicyReferenceFromPermissionSetCommand({
                ...base,
                CustomerManagedPolicyReference: { Name: c.name, Path: c.path },
              }),
            ),
          );
        for (const c of d.attachCustomer)
          await sso.send(
            new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
              ...base,
              CustomerManagedPolicyReference: { Name: c.name, Path: c.path },
            }),
          );
        if (d.inline === 'put')
          await sso.send(new PutInlinePolicyToPermissionSetCommand({ ...base, InlinePolicy: p.inlinePolicy! }));
        if (d.inline === 'delete')
          await unlessGone(() => sso.send(new DeleteInlinePolicyFromPermissionSetCommand(base)));
        if (d.boundary === 'put')
          await sso.send(
            new PutPermissionsBoundaryToPermissionSetCommand({
              ...base,
              PermissionsBoundary: boundaryOf(p.permissionBoundary!),
            }),
          );
        if (d.boundary === 'delete')
          await unlessGone(() => sso.send(new DeletePermissionsBoundaryFromPermissionSetCommand(base)));
        await sso.send(new TagResourceCommand({ InstanceArn, ResourceArn: p.arn, Tags: toTags(p.tags) }));
        if (d.reprovision) await reprovision(InstanceArn, PermissionSetArn, p.name, change.id, ctx);
        return { physicalId: p.arn };
      }
      case 'delete':
        await unlessGone(() => sso.send(new DeletePermissionSetCommand({ InstanceArn, PermissionSetArn: p.arn })));
        return {};
    }
  },
};
