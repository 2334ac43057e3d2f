import { BulkheadError } from '../core/errors.js';
import { findRunningLocalCloud } from '../local-cloud/index.js';

export interface LocalLoadInput {
  dataDir: string;
  /** Account id or name. */
  account: string;
  quota: string;
  /** The usage level; the quota's default value (its limit) when omitted. */
  usage?: number;
  forSeconds?: number;
  stop?: boolean;
}

export interface LocalLoadResult {
  accountId: string;
  accountName: string;
  quotaCode: string;
  quotaName: string;
  level: number;
  startsAt: number;
  endsAt: number;
  /** Load tests on the same account and quota this one ended. */
  stopped: number;
}

const HINTS: Readonly<Record<string, string>> = {
  UnknownAccount: 'name an account of the local cloud by id or name (`aws organizations list-accounts`)',
  UnknownQuota: 'name a quota code the local cloud reports usage for (`aws service-quotas list-service-quotas`)',
  CountedQuota: 'its usage is counted from real resources: create them through the API to push it up',
  NoLoad: 'start one first: bulkhead local load --account ACCOUNT --quota CODE',
};

/**
 * Starts (or stops) a load test on the local cloud running on `dataDir`: one account's usage of one quota is pushed
 * to a level for a while, as a dev load test would, while every other account's usage stays as it was.
 */
export async function localLoad(input: LocalLoadInput): Promise<LocalLoadResult> {
  const running = findRunningLocalCloud(input.dataDir);
  if (running === undefined)
    throw new BulkheadError('local-cloud-not-running', `no local cloud is running on ${input.dataDir}`, {
      hint: `start it with \`bulkhead local start --data ${input.dataDir}\`, or pass the --data directory it runs on`,
    });
  let res: Response;
  try {
    res = await fetch(`${running.endpoint}/_bulkhead/usage/load`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        account: input.account,
        quota: input.quota,
        ...(input.usage === undefined ? {} : { usage: input.usage }),
        ...(input.forSeconds === undefined ? {} : { forSeconds: input.forSeconds }),
        ...(input.stop === true ? { stop: true } : {}),
      }),
    });
  } catch (err) {
    throw new BulkheadError('local-cloud-unreachable', `the local cloud at ${running.endpoint} did not answer`, {
      source: 'aws',
      hint: 'check `bulkhead local status`; restart it if it hangs',
      cause: err,
    });
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const code = typeof body.code === 'string' ? body.code : 'InvalidRequest';
    const message = typeof body.message === 'string' ? body.message : `the local cloud answered HTTP ${res.status}`;
    const hint = HINTS[code];
    throw new BulkheadError(
      `load-${code.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `-${c.toLowerCase()}`))}`,
      message,
      hint === undefined ? {} : { hint },
    );
  }
  return body as unknown as LocalLoadResult;
}
