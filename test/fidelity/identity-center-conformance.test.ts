import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotocoreService } from '../support/fidelity/botocore-model.js';
import { loadModel } from '../support/fidelity/botocore-model.js';
import { runCommonSteps, startIdentityCenterScenario } from '../support/fidelity/identity-center-scenario.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { RecordingHandler } from '../support/fidelity/recording-handler.js';
import { validateResponse } from '../support/fidelity/response-validation.js';

/*
 * Every raw sso-admin and identitystore response of the Identity Center scenario (successes and the
 * errors it provokes), checked against botocore's models of those services.
 */

let fc: FidelityCloud | undefined;
const handler = new RecordingHandler();

beforeAll(async () => {
  fc = await startFidelityCloud({ fast: true });
  const { endpoint, region, credentials } = fc.cloud;
  await runCommonSteps(await startIdentityCenterScenario({ endpoint, region, credentials }, handler));
}, 120_000);

afterAll(async () => {
  handler.destroy();
  await fc?.stop();
});

const identityExchanges = () =>
  handler.exchanges.filter((e) => e.service === 'sso-admin' || e.service === 'identitystore');

describe('Identity Center responses match the botocore models', () => {
  it('the scenario called at least 35 distinct sso-admin and identitystore operations, with errors among them', () => {
    const operations = new Set(identityExchanges().map((e) => `${e.service} ${e.operation}`));
    expect(operations.size).toBeGreaterThanOrEqual(35);
    expect(identityExchanges().filter((e) => e.status >= 300).length).toBeGreaterThanOrEqual(4);
  });

  it('every response validates against its operation in the model', () => {
    const violations = identityExchanges().flatMap((e) =>
      validateResponse(loadModel(e.service as BotocoreService), e.operation, e).map(
        (v) => `${e.service} ${e.operation} ${e.status} ${v.path}: ${v.problem}`,
      ),
    );
    expect(violations).toEqual([]);
  });
});
