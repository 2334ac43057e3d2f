import {
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentDeletionStatusCommand,
  type AccountAssignmentOperationStatus,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import type { AwsClients } from '../clients.js';
import { allPages } from '../paginate.js';
import type { ApplyContext } from '../provider.js';
import { ssoAdminOf } from './clients.js';

export type Operation = 'create' | 'delete';

interface Waiter {
  requestId: string;
  operation: Operation;
  startedAt: number;
  resolve(status: AccountAssignmentOperationStatus): void;
  reject(err: unknown): void;
}

async function describe(sso: SSOAdminClient, InstanceArn: string, w: Waiter) {
  return w.operation === 'create'
    ? (
        await sso.send(
          new DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn,
            AccountAssignmentCreationRequestId: w.requestId,
          }),
        )
      ).AccountAssignmentCreationStatus!
    : (
        await sso.send(
          new DescribeAccountAssignmentDeletionStatusCommand({
            InstanceArn,
            AccountAssignmentDeletionRequestId: w.requestId,
          }),
        )
      ).AccountAssignmentDeletionStatus!;
}

/** The request ids of one operation in one status (IN_PROGRESS or FAILED): one listing for all of them. */
async function withStatus(
  sso: SSOAdminClient,
  InstanceArn: string,
  operation: Operation,
  status: 'IN_PROGRESS' | 'FAILED',
): Promise<Set<string>> {
  const Filter = { Status: status };
  const items = await allPages((NextToken) =>
    operation === 'create'
      ? sso
          .send(new ListAccountAssignmentCreationStatusCommand({ InstanceArn, Filter, NextToken, MaxResults: 100 }))
          .then((r) => ({ items: r.AccountAssignmentsCreationStatus, next: r.NextToken }))
      : sso
          .send(new ListAccountAssignmentDeletionStatusCommand({ InstanceArn, Filter, NextToken, MaxResults: 100 }))
          .then((r) => ({ items: r.AccountAssignmentsDeletionStatus, next: r.NextToken })),
  );
  return new Set(items.map((s) => s.RequestId!));
}

/**
 * Waits on every outstanding assignment operation of one instance with one poll loop. With one
 * operation of a kind outstanding it asks for its status (Describe…); with more, one listing of
 * those IN_PROGRESS (List…Status) tells which ended, and when some did, one listing of those FAILED
 * tells which of them failed: only those are described (for AWS's reason), the others SUCCEEDED. A
 * poll round costs two requests plus one per failure, not one per outstanding operation, so the
 * request rate goes to the assignments themselves.
 */
export class AssignmentPoller {
  private readonly waiting = new Map<string, Waiter>();
  private running = false;
  /** Requests sent by the last rounds, for tests: `describe` and `list` counts. */
  readonly requests = { describe: 0, list: 0 };

  constructor(
    private readonly sso: SSOAdminClient,
    private readonly instanceArn: string,
  ) {}

  wait(requestId: string, operation: Operation, ctx: ApplyContext): Promise<AccountAssignmentOperationStatus> {
    return new Promise((resolve, reject) => {
      this.waiting.set(requestId, { requestId, operation, startedAt: Date.now(), resolve, reject });
      if (!this.running) void this.loop(ctx);
    });
  }

  private async loop(ctx: ApplyContext): Promise<void> {
    this.running = true;
    try {
      for (let attempt = 1; this.waiting.size > 0; attempt++) {
        const oldest = Math.min(...[...this.waiting.values()].map((w) => w.startedAt));
        await ctx.sleep(ctx.pollDelayMs(attempt, Date.now() - oldest));
        for (const operation of ['create', 'delete'] as const) {
          const waiters = [...this.waiting.values()].filter((w) => w.operation === operation);
          if (waiters.length === 0) continue;
          await ctx.pollSlot();
          let ended = waiters;
          if (waiters.length > 1) {
            this.requests.list++;
            const running = await withStatus(this.sso, this.instanceArn, operation, 'IN_PROGRESS');
            ended = waiters.filter((w) => !running.has(w.requestId));
            if (ended.length === 0) continue;
            this.requests.list++;
            const failed = await withStatus(this.sso, this.instanceArn, operation, 'FAILED');
            for (const w of ended.filter((e) => !failed.has(e.requestId))) {
              this.waiting.delete(w.requestId);
              w.resolve({ RequestId: w.requestId, Status: 'SUCCEEDED' });
            }
            ended = ended.filter((e) => failed.has(e.requestId));
          }
          for (const w of ended) {
            this.requests.describe++;
            const status = await describe(this.sso, this.instanceArn, w);
            if (status.Status === 'IN_PROGRESS') continue;
            this.waiting.delete(w.requestId);
            w.resolve(status);
          }
        }
      }
    } catch (err) {
      // Cancelled (the sleep rejects with the signal's reason) or a failing poll: every waiter hears it.
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    } finally {
      this.running = false;
    }
  }
}

const pollers = new WeakMap<AwsClients, Map<string, AssignmentPoller>>();

/** The one poller of an instance for these clients (and every view of them: it polls for all their changes). */
export function pollerFor(clients: AwsClients, instanceArn: string): AssignmentPoller {
  const origin = clients.origin;
  let byInstance = pollers.get(origin);
  if (!byInstance) pollers.set(origin, (byInstance = new Map()));
  let poller = byInstance.get(instanceArn);
  if (!poller) byInstance.set(instanceArn, (poller = new AssignmentPoller(ssoAdminOf(origin), instanceArn)));
  return poller;
}
