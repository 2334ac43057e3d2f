import {
  AttachPolicyCommand,
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DeleteOrganizationalUnitCommand,
  DeletePolicyCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListCreateAccountStatusCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  MoveAccountCommand,
  TagResourceCommand,
  UpdateOrganizationalUnitCommand,
  UpdatePolicyCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { Change } from '../../plan/types.js';
import { allPages } from './paginate.js';
import type { IdIndex } from './id-index.js';

export interface ApplyHooks {
  /** Reports progress of long steps, e.g. CreateAccount polling. */
  progress(changeId: string, message: string): void;
  sleep(ms: number): Promise<void>;
  /** Delay before the n-th poll of an asynchronous operation, `elapsedMs` after it started. */
  pollDelayMs(attempt: number, elapsedMs: number): number;
}

const toTags = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const str = (v: unknown) => v as string;

/** A failure AWS reported for one change, with AWS's own code and reason. */
export class ChangeFailedError extends Error {
  constructor(
    readonly changeId: string,
    readonly awsCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChangeFailedError';
  }
}

function errorName(err: unknown): string {
  return (err as { name?: string }).name ?? '';
}

/**
 * Sends a request whose only "failure" on a re-run is that it already happened (an interrupted
 * apply, or a retried request whose answer was lost): that AWS error counts as done.
 */
async function unlessDone(send: () => Promise<unknown>, alreadyDone: string): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (errorName(err) !== alreadyDone) throw err;
  }
}

/** Carries out one planned change with the Organizations API. Each step is safe to run again. */
export async function applyOrganizationsChange(
  org: OrganizationsClient,
  ids: IdIndex,
  change: Change,
  hooks: ApplyHooks,
): Promise<void> {
  const s = change.spec;
  switch (`${change.kind}:${change.action}`) {
    case 'organization:create': {
      await unlessDone(
        () => org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' })),
        'AlreadyInOrganizationException',
      );
      ids.rootId = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id;
      return;
    }
    case 'policy-type:create':
      await unlessDone(
        () =>
          org.send(
            new EnablePolicyTypeCommand({
              RootId: ids.parentId(null),
              PolicyType: str(s['type']) as 'SERVICE_CONTROL_POLICY',
            }),
          ),
        'PolicyTypeAlreadyEnabledException',
      );
      return;
    case 'organizational-unit:create': {
      const parentId = ids.parentId((s['parentPath'] as string | null) ?? null);
      try {
        const r = await org.send(
          new CreateOrganizationalUnitCommand({
            ParentId: parentId,
            Name: str(s['name']),
            Tags: toTags(s['tags'] as Record<string, string>),
          }),
        );
        ids.ouByPath.set(str(s['path']), r.OrganizationalUnit!.Id!);
      } catch (err) {
        if (errorName(err) !== 'DuplicateOrganizationalUnitException') throw err;
        // Created by an earlier, interrupted run: adopt it.
        const existing = await allPages((token) =>
          org
            .send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken: token }))
            .then((r) => ({ items: r.OrganizationalUnits, next: r.NextToken })),
        );
        const ou = existing.find((o) => o.Name === s['name'])!;
        ids.ouByPath.set(str(s['path']), ou.Id!);
        await org.send(
          new TagResourceCommand({ ResourceId: ou.Id!, Tags: toTags(s['tags'] as Record<string, string>) }),
        );
      }
      return;
    }
    case 'organizational-unit:update': {
      const id = str(s['id']);
      if (s['rename']) {
        const oldPath = [...ids.ouByPath].find(([, v]) => v === id)?.[0];
        await org.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: id, Name: str(s['name']) }));
        if (oldPath) ids.renameOu(oldPath, str(s['path']));
      }
      await org.send(new TagResourceCommand({ ResourceId: id, Tags: toTags(s['tags'] as Record<string, string>) }));
      return;
    }
    case 'organizational-unit:delete':
      // Not found: deleted by a request whose answer was lost, or by an interrupted run.
      await unlessDone(
        () => org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: str(s['id']) })),
        'OrganizationalUnitNotFoundException',
      );
      return;
    case 'account:create':
      await createAccount(org, ids, change, hooks);
      return;
    case 'account:move': {
      const id = str(s['id']);
      // The parent may have changed since planning (an interrupted run): ask AWS.
      const current = (await org.send(new ListParentsCommand({ ChildId: id }))).Parents?.[0]?.Id;
      const destination = ids.parentId((s['ouPath'] as string | null) ?? null);
      if (current !== destination) await moveAccount(org, id, current!, destination);
      return;
    }
    case 'account:update':
      await org.send(
        new TagResourceCommand({ ResourceId: str(s['id']), Tags: toTags(s['tags'] as Record<string, string>) }),
      );
      return;
    case 'account:close':
      await unlessDone(
        () => org.send(new CloseAccountCommand({ AccountId: str(s['id']) })),
        'AccountAlreadyClosedException',
      );
      return;
    case 'policy:create': {
      try {
        const r = await org.send(
          new CreatePolicyCommand({
            Name: str(s['name']),
            Description: str(s['description']),
            Content: str(s['content']),
            Type: 'SERVICE_CONTROL_POLICY',
            Tags: toTags(s['tags'] as Record<string, string>),
          }),
        );
        ids.policyByName.set(str(s['name']), r.Policy!.PolicySummary!.Id!);
      } catch (err) {
        if (errorName(err) !== 'DuplicatePolicyException') throw err;
        const all = await allPages((token) =>
          org
            .send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', NextToken: token }))
            .then((r) => ({ items: r.Policies, next: r.NextToken })),
        );
        const id = all.find((p) => p.Name === s['name'])!.Id!;
        ids.policyByName.set(str(s['name']), id);
        await org.send(
          new UpdatePolicyCommand({ PolicyId: id, Description: str(s['description']), Content: str(s['content']) }),
        );
      }
      return;
    }
    case 'policy:update':
      await org.send(
        new UpdatePolicyCommand({
          PolicyId: str(s['id']),
          Description: str(s['description']),
          Content: str(s['content']),
        }),
      );
      await org.send(
        new TagResourceCommand({ ResourceId: str(s['id']), Tags: toTags(s['tags'] as Record<string, string>) }),
      );
      return;
    case 'policy:delete':
      await unlessDone(() => org.send(new DeletePolicyCommand({ PolicyId: str(s['id']) })), 'PolicyNotFoundException');
      return;
    case 'policy-attachment:attach':
      await unlessDone(
        () =>
          org.send(
            new AttachPolicyCommand({
              PolicyId: ids.policyByName.get(str(s['policyName']))!,
              TargetId: ids.targetId(str(s['target'])),
            }),
          ),
        'DuplicatePolicyAttachmentException',
      );
      return;
    case 'policy-attachment:detach':
      await unlessDone(
        () => org.send(new DetachPolicyCommand({ PolicyId: str(s['policyId']), TargetId: str(s['targetId']) })),
        'PolicyNotAttachedException',
      );
      return;
    default:
      throw new Error(`no way to apply ${change.kind} ${change.action}`);
  }
}

/**
 * A MoveAccount sent again because its answer was lost finds the account gone from the source
 * (AccountNotFoundException) or already there (DuplicateAccountException): done if it is.
 */
async function moveAccount(
  org: OrganizationsClient,
  accountId: string,
  source: string,
  destination: string,
): Promise<void> {
  try {
    await org.send(
      new MoveAccountCommand({ AccountId: accountId, SourceParentId: source, DestinationParentId: destination }),
    );
  } catch (err) {
    if (errorName(err) !== 'AccountNotFoundException' && errorName(err) !== 'DuplicateAccountException') throw err;
    const current = (await org.send(new ListParentsCommand({ ChildId: accountId }))).Parents?.[0]?.Id;
    if (current !== destination) throw err;
  }
}

/**
 * A CreateAccount sent again because its answer was lost (a timeout or 5xx that the SDK or the
 * walker retried) fails EMAIL_ALREADY_EXISTS while the first request creates the account: the
 * first request for this name, still running or done with this email, is the one to follow.
 */
async function earlierRequest(
  org: OrganizationsClient,
  name: string,
  email: string,
  failedId: string,
): Promise<string | undefined> {
  const requests = await allPages((token) =>
    org
      .send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS', 'SUCCEEDED'], NextToken: token }))
      .then((r) => ({ items: r.CreateAccountStatuses, next: r.NextToken })),
  );
  for (const r of requests.filter((q) => q.AccountName === name && q.Id !== failedId)) {
    if (r.State === 'IN_PROGRESS') return r.Id;
    const account = (await org.send(new DescribeAccountCommand({ AccountId: r.AccountId! }))).Account;
    if (account?.Email?.toLowerCase() === email.toLowerCase()) return r.Id;
  }
  return undefined;
}

/** CreateAccount is asynchronous: start it (or resume a request found by refresh), poll, then move it into its OU. */
async function createAccount(org: OrganizationsClient, ids: IdIndex, change: Change, hooks: ApplyHooks): Promise<void> {
  const s = change.spec;
  let requestId: string =
    (s['pendingRequestId'] as string | undefined) ??
    (
      await org.send(
        new CreateAccountCommand({
          Email: str(s['email']),
          AccountName: str(s['name']),
          Tags: toTags(s['tags'] as Record<string, string>),
        }),
      )
    ).CreateAccountStatus!.Id!;
  hooks.progress(change.id, `creating (request ${requestId})`);
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const status = (await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId })))
      .CreateAccountStatus!;
    if (status.State === 'SUCCEEDED') {
      ids.accountByEmail.set(str(s['email']).toLowerCase(), status.AccountId!);
      ids.accountByName.set(str(s['name']), status.AccountId!);
      break;
    }
    if (status.State === 'FAILED') {
      const first =
        status.FailureReason === 'EMAIL_ALREADY_EXISTS'
          ? await earlierRequest(org, str(s['name']), str(s['email']), requestId)
          : undefined;
      if (first === undefined)
        throw new ChangeFailedError(
          change.id,
          status.FailureReason ?? 'FAILED',
          `CreateAccount for ${str(s['email'])} failed: ${status.FailureReason ?? 'no reason given'}`,
        );
      hooks.progress(change.id, `request ${requestId} repeated request ${first}; following that one`);
      requestId = first;
      continue;
    }
    await hooks.sleep(hooks.pollDelayMs(attempt, Date.now() - started));
  }
  const accountId = ids.accountByName.get(str(s['name']))!;
  if (s['tags'] && s['pendingRequestId'])
    await org.send(
      new TagResourceCommand({ ResourceId: accountId, Tags: toTags(s['tags'] as Record<string, string>) }),
    );
  const ouPath = (s['ouPath'] as string | null) ?? null;
  if (ouPath !== null) {
    hooks.progress(change.id, `moving into ${ouPath}`);
    await moveAccount(org, accountId, ids.parentId(null), ids.parentId(ouPath));
  }
}
