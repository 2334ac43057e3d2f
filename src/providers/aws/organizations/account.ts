import {
  CloseAccountCommand,
  CreateAccountCommand,
  DescribeCreateAccountStatusCommand,
  TagResourceCommand,
  type CreateAccountStatus,
} from '@aws-sdk/client-organizations';
import type { KindChange } from '../../../plan/types.js';
import type { ApplyContext, ApplyOutcome, KindProvider } from '../provider.js';
import {
  ChangeFailedError,
  earlierRequest,
  isOrganizationsRetryable,
  moveAccount,
  parentOf,
  toTags,
  unlessDone,
} from './common.js';

type CreatePayload = Extract<KindChange<'account'>['payload'], { action: 'create' }>;

/**
 * Waits for a CreateAccount request to end; polls share the apply's poll rate, and are spread over the interval
 * among the creations waited for at once (`durations.join`). A request this run started (`fresh`) tells the apply
 * how long creations take, for the polls of the next ones.
 */
async function waitFor(requestId: string, ctx: ApplyContext, fresh: boolean): Promise<CreateAccountStatus> {
  const org = ctx.clients.organizations;
  const started = Date.now();
  let running = 0; // the last time it was seen still in progress
  const { phase, leave } = ctx.durations.join('CreateAccount');
  try {
    for (let attempt = 1; ; attempt++) {
      const typical = ctx.durations.typical('CreateAccount');
      const delay = ctx.pollDelayMs(attempt, Date.now() - started, typical, phase);
      // A creation sent no later than this one was seen to end: this one has likely ended too.
      const peer = ctx.durations.peerEnded('CreateAccount', started);
      try {
        await ctx.sleep(delay, peer.ended);
      } finally {
        peer.cancel();
      }
      await ctx.pollSlot();
      const asked = Date.now() - started;
      const status = (await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId })))
        .CreateAccountStatus!;
      if (status.State === 'IN_PROGRESS') {
        running = asked;
        continue;
      }
      if (fresh && status.State === 'SUCCEEDED' && running > 0) ctx.durations.record('CreateAccount', running);
      // Those sent a poll's interval after it may be done as well; waking one too early costs it one poll.
      ctx.durations.ended('CreateAccount', started, delay);
      return status;
    }
  } finally {
    leave();
  }
}

/**
 * CreateAccount is asynchronous: start it (or resume a request found by refresh), wait for it
 * (no poll when it answers SUCCEEDED at once), then move the new account into its OU.
 */
async function createAccount(changeId: string, s: CreatePayload, ctx: ApplyContext): Promise<ApplyOutcome> {
  const org = ctx.clients.organizations;
  let status: CreateAccountStatus;
  if (s.pendingRequestId) {
    status = { Id: s.pendingRequestId, State: 'IN_PROGRESS' };
  } else {
    status = (await org.send(new CreateAccountCommand({ Email: s.email, AccountName: s.name, Tags: toTags(s.tags) })))
      .CreateAccountStatus!;
  }
  ctx.progress(`creating (request ${status.Id})`);
  // Only a request sent here shows how long a creation takes from its start.
  let fresh = s.pendingRequestId === undefined;
  for (;;) {
    if (status.State === 'IN_PROGRESS' || status.State === undefined) status = await waitFor(status.Id!, ctx, fresh);
    if (status.State === 'SUCCEEDED') break;
    const first =
      status.FailureReason === 'EMAIL_ALREADY_EXISTS'
        ? await earlierRequest(org, s.name, s.email, status.Id!)
        : undefined;
    if (first === undefined) {
      const reason = status.FailureReason ?? 'FAILED';
      throw new ChangeFailedError(changeId, reason, `CreateAccount for ${s.email} failed: ${reason}`);
    }
    ctx.progress(`request ${status.Id} repeated request ${first}; following that one`);
    status = { Id: first, State: 'IN_PROGRESS' };
    fresh = false;
  }
  // One of AWS's five creations in flight is free again: the next account's creation starts while this one moves,
  // and goes first (a turn of the event loop): its creation time runs from its answer, the move can wait.
  ctx.releaseLane();
  await new Promise((resolve) => setImmediate(resolve));
  const accountId = status.AccountId!;
  // A resumed request was sent by an earlier run, perhaps with other tags.
  if (s.pendingRequestId) await org.send(new TagResourceCommand({ ResourceId: accountId, Tags: toTags(s.tags) }));
  if (s.ou !== null) {
    ctx.progress(`moving into ${s.ou.address.key}`);
    const ou = await ctx.awaitRef(s.ou).catch((err: unknown) => {
      if (!(err instanceof ChangeFailedError)) throw err;
      const why = `account ${accountId} was created and stays in the root: ${err.message}; the next apply moves it`;
      throw new ChangeFailedError(changeId, err.awsCode, why);
    });
    await moveAccount(org, accountId, ctx.resolve(s.root), ou);
  }
  return { physicalId: accountId };
}

export const accountProvider: KindProvider<'account'> = {
  kind: 'account',
  // AWS allows five CreateAccount requests in flight per organization.
  lane: (c) => (c.payload.action === 'create' ? 'create-account' : 'organizations'),
  isRetryable: isOrganizationsRetryable,
  async apply(change, ctx): Promise<ApplyOutcome> {
    const org = ctx.clients.organizations;
    const s = change.payload;
    switch (s.action) {
      case 'create':
        return createAccount(change.id, s, ctx);
      case 'move': {
        // The parent may have changed since planning (an interrupted run): ask AWS.
        const current = await parentOf(org, s.id);
        const destination = ctx.resolve(s.to);
        if (current !== destination) await moveAccount(org, s.id, current!, destination);
        return { physicalId: s.id };
      }
      case 'update':
        await org.send(new TagResourceCommand({ ResourceId: s.id, Tags: toTags(s.tags) }));
        return { physicalId: s.id };
      case 'close':
        await unlessDone(() => org.send(new CloseAccountCommand({ AccountId: s.id })), 'AccountAlreadyClosedException');
        return {};
    }
  },
};
