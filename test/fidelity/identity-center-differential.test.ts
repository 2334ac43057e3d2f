import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome, Step } from '../support/fidelity/differential.js';
import { describeOutcome, outcomeDifferences } from '../support/fidelity/differential.js';
import { IDENTITY_CENTER_DIFFERENCES } from '../support/fidelity/identity-center-differences.js';
import { KNOWN_DIVERGENCES } from '../support/fidelity/known-divergences.js';
import { runCommonSteps, startIdentityCenterScenario } from '../support/fidelity/identity-center-scenario.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import type { MotoServer } from '../support/fidelity/moto-server.js';
import { startMoto } from '../support/fidelity/moto-server.js';

/*
 * The same Identity Center SDK sequence (the operations moto implements) against moto and the local
 * cloud. Shapes, identifier formats and error codes must agree except where moto departs from AWS:
 * those are listed in identity-center-differences.ts with the moto source and the AWS page that decides.
 */

let moto: MotoServer | undefined;
let fc: FidelityCloud | undefined;
let motoSteps: Step[] = [];
let ourSteps: Step[] = [];

beforeAll(async () => {
  try {
    [moto, fc] = await Promise.all([startMoto(), startFidelityCloud({ fast: true })]);
    const m = moto;
    const c = fc.cloud;
    [motoSteps, ourSteps] = await Promise.all([
      startIdentityCenterScenario({ endpoint: m.endpoint, region: 'us-east-1', credentials: m.credentials }).then(
        runCommonSteps,
      ),
      startIdentityCenterScenario({ endpoint: c.endpoint, region: c.region, credentials: c.credentials }).then(
        runCommonSteps,
      ),
    ]);
  } catch (err) {
    await Promise.allSettled([moto?.stop(), fc?.stop()]);
    throw err;
  }
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([moto?.stop(), fc?.stop()]);
});

describe('moto and the local cloud on IAM Identity Center', () => {
  it('ran the same steps', () => {
    expect(ourSteps.length).toBeGreaterThan(35);
    expect(ourSteps.map((s) => s.label)).toEqual(motoSteps.map((s) => s.label));
  });

  it('agree on response shapes, identifier formats and error codes, except for the listed differences', () => {
    const diffs = ourSteps.flatMap((ours, i) => {
      const m = motoSteps[i];
      return m === undefined
        ? [`${ours.label}: missing from moto`]
        : outcomeDifferences(ours.label, m.outcome, ours.outcome, [
            ...IDENTITY_CENTER_DIFFERENCES,
            ...KNOWN_DIVERGENCES.flatMap((k) => k.differential),
          ]);
    });
    expect(diffs).toEqual([]);
  });

  const has = (o: Outcome, path: string) => o.ok && o.shape.some((p) => p.replace(/(:[a-z]+|=.*)$/, '') === path);
  const values = (o: Outcome, path: string) =>
    o.ok ? o.shape.filter((p) => p.startsWith(`${path}=`)).map((p) => p.slice(path.length + 1)) : [];

  it.each(IDENTITY_CENTER_DIFFERENCES.map((d) => [`${d.label} (${d.aspect})`, d] as const))(
    'listed difference still holds: %s',
    (_name, d) => {
      const ours = ourSteps.find((s) => s.label === d.label)?.outcome;
      const theirs = motoSteps.find((s) => s.label === d.label)?.outcome;
      expect(ours, `no step labelled ${d.label}`).toBeDefined();
      expect(theirs).toBeDefined();
      if (ours === undefined || theirs === undefined) return;
      const path = d.aspect.slice(6);
      if (d.aspect === 'outcome') {
        expect(describeOutcome(ours), 'the local cloud must do what AWS documents').toBe(d.aws);
        expect(describeOutcome(theirs), 'moto no longer differs: remove the entry').not.toBe(d.aws);
      } else if (d.aspect.startsWith('value ')) {
        expect(values(ours, path), 'the local cloud must do what AWS documents').toContain(d.aws);
        expect(values(theirs, path), 'moto no longer differs: remove the entry').not.toContain(d.aws);
      } else {
        expect(has(ours, path), 'the local cloud must do what AWS documents').toBe(d.aws.startsWith('present'));
        expect(has(theirs, path), 'moto no longer differs: remove the entry').toBe(!d.aws.startsWith('present'));
      }
    },
  );
});
