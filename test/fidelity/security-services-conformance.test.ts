import * as C from '@aws-sdk/client-config-service';
import * as G from '@aws-sdk/client-guardduty';
import * as O from '@aws-sdk/client-organizations';
import * as S from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../src/local-cloud/services/all.js';
import type { BotocoreService } from '../support/fidelity/botocore-model.js';
import { loadModel } from '../support/fidelity/botocore-model.js';
import type { FidelityCloud } from '../support/fidelity/local-cloud.js';
import { startFidelityCloud } from '../support/fidelity/local-cloud.js';
import { RecordingHandler } from '../support/fidelity/recording-handler.js';
import { validateResponse } from '../support/fidelity/response-validation.js';
import { poll } from '../support/fidelity/sdk-clients.js';

/*
 * Every raw GuardDuty, Security Hub and Config response of an organization scenario (successes and the errors it
 * provokes), checked against botocore's models of those services: wire member names (GuardDuty's camelCase
 * locationNames), required members, enums, error codes and their HTTP status.
 */

const NAMES = new Set(['guardduty', 'securityhub', 'config']);
const IMPLEMENTED = SERVICES.filter((s) => NAMES.has(s.name)).flatMap((s) =>
  Object.keys(s.operations).map((operation) => ({ service: s.name, operation })),
);

const handler = new RecordingHandler();
let fc: FidelityCloud | undefined;
const fails = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected an error');
    },
    () => undefined,
  );

beforeAll(async () => {
  fc = await startFidelityCloud({ timeScale: 0.02 });
  const c = fc.cloud;
  const base = { endpoint: c.endpoint, region: c.region, maxAttempts: 1 };
  const org = new O.OrganizationsClient({ ...base, credentials: { ...c.credentials } });
  await org.send(new O.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const req =
    (await org.send(new O.CreateAccountCommand({ Email: 'security@example.com', AccountName: 'security' })))
      .CreateAccountStatus?.Id ?? '';
  const security = await poll('the security account', async () => {
    const s = (await org.send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: req })))
      .CreateAccountStatus;
    return s?.State === 'SUCCEEDED' ? s.AccountId : undefined;
  });
  const assumed = (
    await new STSClient({ ...base, credentials: { ...c.credentials } }).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${security}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'conformance',
      }),
    )
  ).Credentials;
  const secCreds = {
    accessKeyId: assumed?.AccessKeyId ?? '',
    secretAccessKey: assumed?.SecretAccessKey ?? '',
    sessionToken: assumed?.SessionToken ?? '',
  };
  const recorded = { ...base, requestHandler: handler };
  const mgmt = {
    gd: new G.GuardDutyClient({ ...recorded, credentials: { ...c.credentials } }),
    hub: new S.SecurityHubClient({ ...recorded, credentials: { ...c.credentials } }),
    cfg: new C.ConfigServiceClient({ ...recorded, credentials: { ...c.credentials } }),
  };
  const sec = {
    gd: new G.GuardDutyClient({ ...recorded, credentials: { ...secCreds } }),
    hub: new S.SecurityHubClient({ ...recorded, credentials: { ...secCreds } }),
    cfg: new C.ConfigServiceClient({ ...recorded, credentials: { ...secCreds } }),
  };

  // GuardDuty.
  await fails(sec.gd.send(new G.GetDetectorCommand({ DetectorId: 'f'.repeat(32) })));
  await fails(sec.gd.send(new G.EnableOrganizationAdminAccountCommand({ AdminAccountId: security })));
  await mgmt.gd.send(new G.EnableOrganizationAdminAccountCommand({ AdminAccountId: security }));
  await mgmt.gd.send(new G.ListOrganizationAdminAccountsCommand({}));
  const detectorId =
    (
      await sec.gd.send(
        new G.CreateDetectorCommand({ Enable: true, Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }] }),
      )
    ).DetectorId ?? '';
  await fails(sec.gd.send(new G.CreateDetectorCommand({ Enable: true })));
  await sec.gd.send(new G.ListDetectorsCommand({}));
  await sec.gd.send(new G.GetDetectorCommand({ DetectorId: detectorId }));
  await sec.gd.send(new G.DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }));
  await sec.gd.send(
    new G.UpdateOrganizationConfigurationCommand({
      DetectorId: detectorId,
      AutoEnableOrganizationMembers: 'ALL',
      Features: [{ Name: 'S3_DATA_EVENTS', AutoEnable: 'NEW' }],
    }),
  );
  await sec.gd.send(new G.DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }));
  await fails(sec.gd.send(new G.UpdateOrganizationConfigurationCommand({ DetectorId: detectorId })));
  await mgmt.gd.send(new G.DisableOrganizationAdminAccountCommand({ AdminAccountId: security }));
  await sec.gd.send(new G.DeleteDetectorCommand({ DetectorId: detectorId }));

  // Security Hub.
  await fails(sec.hub.send(new S.DescribeHubCommand({})));
  await fails(sec.hub.send(new S.EnableOrganizationAdminAccountCommand({ AdminAccountId: security })));
  await fails(mgmt.hub.send(new S.EnableOrganizationAdminAccountCommand({ AdminAccountId: '999999999999' })));
  await mgmt.hub.send(new S.EnableOrganizationAdminAccountCommand({ AdminAccountId: security }));
  await mgmt.hub.send(new S.ListOrganizationAdminAccountsCommand({}));
  await sec.hub.send(new S.EnableSecurityHubCommand({ EnableDefaultStandards: false }));
  await fails(sec.hub.send(new S.EnableSecurityHubCommand({})));
  await sec.hub.send(new S.DescribeHubCommand({}));
  await sec.hub.send(
    new S.UpdateOrganizationConfigurationCommand({ AutoEnable: true, AutoEnableStandards: 'DEFAULT' }),
  );
  await sec.hub.send(new S.DescribeOrganizationConfigurationCommand({}));
  await fails(mgmt.hub.send(new S.DescribeOrganizationConfigurationCommand({})));
  await mgmt.hub.send(new S.DisableOrganizationAdminAccountCommand({ AdminAccountId: security }));
  await sec.hub.send(new S.DisableSecurityHubCommand({}));

  // Config.
  const source = { RoleArn: `arn:aws:iam::${security}:role/ConfigAggregator`, AllAwsRegions: true };
  await fails(
    sec.cfg.send(
      new C.PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: 'org',
        OrganizationAggregationSource: source,
      }),
    ),
  );
  await org.send(new O.EnableAWSServiceAccessCommand({ ServicePrincipal: 'config.amazonaws.com' }));
  await org.send(
    new O.RegisterDelegatedAdministratorCommand({ AccountId: security, ServicePrincipal: 'config.amazonaws.com' }),
  );
  await sec.cfg.send(
    new C.PutConfigurationAggregatorCommand({
      ConfigurationAggregatorName: 'org',
      OrganizationAggregationSource: source,
    }),
  );
  await sec.cfg.send(new C.DescribeConfigurationAggregatorsCommand({}));
  await fails(sec.cfg.send(new C.DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: ['nope'] })));
  await fails(sec.cfg.send(new C.DescribeConfigurationAggregatorsCommand({ Limit: 500 })));
  await fails(
    sec.cfg.send(
      new C.PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: 'bad name',
        OrganizationAggregationSource: source,
      }),
    ),
  );
  await fails(sec.cfg.send(new C.DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: 'nope' })));
  await sec.cfg.send(new C.DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: 'org' }));
  const recorderRole = `arn:aws:iam::${security}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
  await sec.cfg.send(new C.DescribeConfigurationRecordersCommand({}));
  await sec.cfg.send(
    new C.PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: 'default',
        roleARN: recorderRole,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      },
    }),
  );
  await sec.cfg.send(new C.DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['default'] }));
  await fails(
    sec.cfg.send(
      new C.PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'second', roleARN: recorderRole } }),
    ),
  );
  await fails(sec.cfg.send(new C.DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['nope'] })));
}, 60_000);

afterAll(async () => {
  handler.destroy();
  await fc?.stop();
});

const report = (service: string, operation: string, ok: boolean) =>
  handler.exchanges
    .filter((e) => e.service === service && e.operation === operation && e.status < 300 === ok)
    .flatMap((e) =>
      validateResponse(loadModel(service as BotocoreService), operation, e).map(
        (v) => `${operation} ${e.status} ${v.path}: ${v.problem}`,
      ),
    );

describe('the security services against the botocore models', () => {
  it('the models know every implemented operation', () => {
    expect(
      IMPLEMENTED.filter(
        ({ service, operation }) => loadModel(service as BotocoreService).operations[operation] === undefined,
      ),
    ).toEqual([]);
  });

  it.each(IMPLEMENTED)('$service $operation: successful responses match the output shape', ({ service, operation }) => {
    expect(handler.exchanges.some((e) => e.service === service && e.operation === operation && e.status < 300)).toBe(
      true,
    );
    expect(report(service, operation, true)).toEqual([]);
  });

  it('every error response uses a modeled or common code, its status and its shape', () => {
    const failed = handler.exchanges.filter((e) => NAMES.has(e.service) && e.status >= 300);
    expect(failed.length).toBeGreaterThanOrEqual(14);
    expect(failed.flatMap((e) => report(e.service, e.operation, false))).toEqual([]);
  });
});
