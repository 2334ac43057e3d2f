import * as O from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliberateDifference, Step } from '../support/fidelity/differential.js';
import { describeOutcome, outcomeDifferences } from '../support/fidelity/differential.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import type { MotoServer } from '../support/fidelity/moto-server.js';
import { startMoto } from '../support/fidelity/moto-server.js';
import { poll } from '../support/fidelity/sdk-clients.js';
import { runSecurityScenario } from '../support/fidelity/security-services-scenario.js';

/*
 * The GuardDuty / Security Hub / Config scenario against moto and against the local cloud: shapes and error codes
 * must agree, except where moto departs from AWS (listed with the AWS documentation that decides).
 */

const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
  {
    label: 'create a second detector',
    aspect: 'outcome',
    moto: 'creates a second detector in the same account and region',
    aws: 'BadRequestException',
    doc: 'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html ("Only one detector can exist per Amazon Web Services account per Region"); AWS words it "The request is rejected because a detector already exists for the current account."',
  },
  {
    label: 'enable Security Hub again',
    aspect: 'outcome',
    moto: 'accepts a second EnableSecurityHub',
    aws: 'ResourceConflictException',
    doc: 'https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_EnableSecurityHub.html (ResourceConflictException: the resource specified in the request conflicts with an existing resource); AWS words it "Account is already subscribed to Security Hub"',
  },
];

let moto: MotoServer | undefined;
let fc: FidelityCloud | undefined;
let motoSteps: Step[] = [];
let ourSteps: Step[] = [];

async function memberAccount(cloud: FidelityCloud['cloud']): Promise<string> {
  const org = new O.OrganizationsClient({
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { ...cloud.credentials },
    maxAttempts: 1,
  });
  await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const id =
    (await org.send(new O.CreateAccountCommand({ Email: 'security@example.com', AccountName: 'security' })))
      .CreateAccountStatus?.Id ?? '';
  return poll('the security account', async () => {
    const s = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: id })))
      .CreateAccountStatus;
    return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
  });
}

beforeAll(async () => {
  try {
    [moto, fc] = await Promise.all([startMoto(), startFidelityCloud({ timeScale: 0.02 })]);
    const m = moto;
    const c = fc.cloud;
    const admin = await memberAccount(c);
    [motoSteps, ourSteps] = await Promise.all([
      runSecurityScenario({
        endpoint: m.endpoint,
        region: 'us-east-1',
        credentials: m.credentials,
        adminAccountId: '111122223333',
      }),
      runSecurityScenario({
        endpoint: c.endpoint,
        region: c.region,
        credentials: c.credentials,
        adminAccountId: admin,
      }),
    ]);
  } catch (err) {
    await Promise.allSettled([moto?.stop(), fc?.stop()]);
    throw err;
  }
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([moto?.stop(), fc?.stop()]);
});

describe('moto and the local cloud on the security services', () => {
  it('ran the same steps', () => {
    expect(ourSteps.length).toBeGreaterThan(15);
    expect(ourSteps.map((s) => s.label)).toEqual(motoSteps.map((s) => s.label));
  });

  it('agree on response shapes and error codes, except for the deliberate differences', () => {
    const diffs = ourSteps.flatMap((ours, i) => {
      const m = motoSteps[i];
      return m === undefined
        ? [`${ours.label}: missing from moto`]
        : outcomeDifferences(ours.label, m.outcome, ours.outcome, DELIBERATE_DIFFERENCES);
    });
    expect(diffs).toEqual([]);
  });

  it.each(DELIBERATE_DIFFERENCES.map((d) => [d.label, d] as const))(
    'deliberate difference still holds: %s',
    (_n, d) => {
      const ours = ourSteps.find((s) => s.label === d.label)?.outcome;
      const theirs = motoSteps.find((s) => s.label === d.label)?.outcome;
      if (ours === undefined || theirs === undefined) throw new Error(`no step labelled ${d.label}`);
      expect(describeOutcome(ours), 'the local cloud must do what AWS documents').toBe(d.aws);
      expect(describeOutcome(theirs), 'moto no longer differs: remove the entry').not.toBe(d.aws);
    },
  );
});
