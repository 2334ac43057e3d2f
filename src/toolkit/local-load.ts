import { postToLocalCloud } from './local-control.js';

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
  const { body } = await postToLocalCloud(
    input.dataDir,
    '/_bulkhead/usage/load',
    {
      account: input.account,
      quota: input.quota,
      ...(input.usage === undefined ? {} : { usage: input.usage }),
      ...(input.forSeconds === undefined ? {} : { forSeconds: input.forSeconds }),
      ...(input.stop === true ? { stop: true } : {}),
    },
    { prefix: 'load', hints: HINTS },
  );
  return body as unknown as LocalLoadResult;
}
