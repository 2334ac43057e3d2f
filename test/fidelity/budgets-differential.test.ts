import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBudgetsScenario } from '../support/fidelity/budgets-scenario.js';
import type { DeliberateDifference, Step } from '../support/fidelity/differential.js';
import { outcomeDifferences } from '../support/fidelity/differential.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import type { MotoServer } from '../support/fidelity/moto-server.js';
import { startMoto } from '../support/fidelity/moto-server.js';

/*
 * The Budgets scenario against moto (which implements budgets, notifications and their errors) and against the local
 * cloud: outcomes, error codes and response shapes must agree, except where moto departs from AWS.
 */
const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
  {
    label: 'describe the notifications',
    aspect: 'shape Notifications[].NotificationState',
    moto: 'echoes the notification as created, without a NotificationState',
    aws: 'NotificationState',
    doc: 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Notification.html (NotificationState: whether this notification is in alarm); the local cloud evaluates every notification against the synthetic bill',
  },
];

let moto: MotoServer | undefined;
let fc: FidelityCloud | undefined;
let motoSteps: Step[] = [];
let ourSteps: Step[] = [];

beforeAll(async () => {
  try {
    [moto, fc] = await Promise.all([startMoto(), startFidelityCloud({ timeScale: 0 })]);
    const m = moto;
    const c = fc.cloud;
    [motoSteps, ourSteps] = await Promise.all([
      runBudgetsScenario({
        endpoint: m.endpoint,
        region: 'us-east-1',
        credentials: m.credentials,
        accountId: '123456789012',
      }),
      runBudgetsScenario({
        endpoint: c.endpoint,
        region: c.region,
        credentials: c.credentials,
        accountId: c.managementAccountId,
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

describe('moto and the local cloud on Budgets', () => {
  it('ran the same steps', () => {
    expect(ourSteps.length).toBe(12);
    expect(ourSteps.map((s) => s.label)).toEqual(motoSteps.map((s) => s.label));
  });

  it('agree on outcomes, error codes and response shapes, except for the deliberate differences', () => {
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
      const path = d.aspect.replace(/^shape /, '');
      const has = (steps: Step[]) => {
        const o = steps.find((s) => s.label === d.label)?.outcome;
        if (o === undefined || !o.ok) throw new Error(`no successful step labelled ${d.label}`);
        return o.shape.some((p) => p.startsWith(`${path}:`));
      };
      expect(has(ourSteps), 'the local cloud must answer what AWS documents').toBe(true);
      expect(has(motoSteps), 'moto no longer differs: remove the entry').toBe(false);
    },
  );
});
