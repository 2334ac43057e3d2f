import * as C from '@aws-sdk/client-config-service';
import * as G from '@aws-sdk/client-guardduty';
import * as S from '@aws-sdk/client-securityhub';
import type { Step } from './differential.js';
import { record } from './differential.js';

export interface SecurityScenarioTarget {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** A member account of the caller's organization (moto accepts any account id). */
  adminAccountId: string;
}

/**
 * One account's GuardDuty detector, Security Hub subscription and Config aggregator lifecycle, with the errors AWS
 * documents on the way, as steps whose outcomes two implementations must agree on.
 */
export async function runSecurityScenario(t: SecurityScenarioTarget): Promise<Step[]> {
  const config = { endpoint: t.endpoint, region: t.region, credentials: { ...t.credentials }, maxAttempts: 1 };
  const gd = new G.GuardDutyClient(config);
  const hub = new S.SecurityHubClient(config);
  const cfg = new C.ConfigServiceClient(config);
  const steps: Step[] = [];
  const created = (await record(
    steps,
    'create detector',
    'CreateDetector',
    gd.send(new G.CreateDetectorCommand({ Enable: true, FindingPublishingFrequency: 'ONE_HOUR' })),
  )) as G.CreateDetectorResponse | undefined;
  const id = created?.DetectorId ?? '';
  await record(steps, 'list detectors', 'ListDetectors', gd.send(new G.ListDetectorsCommand({})));
  await record(steps, 'get detector', 'GetDetector', gd.send(new G.GetDetectorCommand({ DetectorId: id })));
  await record(
    steps,
    'create a second detector',
    'CreateDetector',
    gd.send(new G.CreateDetectorCommand({ Enable: true })),
  );
  await record(
    steps,
    'designate the GuardDuty administrator',
    'EnableOrganizationAdminAccount',
    gd.send(new G.EnableOrganizationAdminAccountCommand({ AdminAccountId: t.adminAccountId })),
  );
  await record(
    steps,
    'list GuardDuty administrators',
    'ListOrganizationAdminAccounts',
    gd.send(new G.ListOrganizationAdminAccountsCommand({})),
  );
  await record(steps, 'delete detector', 'DeleteDetector', gd.send(new G.DeleteDetectorCommand({ DetectorId: id })));
  await record(steps, 'get a deleted detector', 'GetDetector', gd.send(new G.GetDetectorCommand({ DetectorId: id })));

  await record(steps, 'describe hub before enabling', 'DescribeHub', hub.send(new S.DescribeHubCommand({})));
  await record(steps, 'enable Security Hub', 'EnableSecurityHub', hub.send(new S.EnableSecurityHubCommand({})));
  await record(steps, 'describe hub', 'DescribeHub', hub.send(new S.DescribeHubCommand({})));
  await record(steps, 'enable Security Hub again', 'EnableSecurityHub', hub.send(new S.EnableSecurityHubCommand({})));
  await record(steps, 'disable Security Hub', 'DisableSecurityHub', hub.send(new S.DisableSecurityHubCommand({})));

  const accountSource = { AccountIds: [t.adminAccountId], AllAwsRegions: true };
  await record(
    steps,
    'put an account aggregator',
    'PutConfigurationAggregator',
    cfg.send(
      new C.PutConfigurationAggregatorCommand({
        ConfigurationAggregatorName: 'accounts',
        AccountAggregationSources: [accountSource],
      }),
    ),
  );
  await record(
    steps,
    'describe aggregators',
    'DescribeConfigurationAggregators',
    cfg.send(new C.DescribeConfigurationAggregatorsCommand({})),
  );
  await record(
    steps,
    'describe an unknown aggregator',
    'DescribeConfigurationAggregators',
    cfg.send(new C.DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: ['nope'] })),
  );
  await record(
    steps,
    'delete an unknown aggregator',
    'DeleteConfigurationAggregator',
    cfg.send(new C.DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: 'nope' })),
  );
  await record(
    steps,
    'delete the aggregator',
    'DeleteConfigurationAggregator',
    cfg.send(new C.DeleteConfigurationAggregatorCommand({ ConfigurationAggregatorName: 'accounts' })),
  );
  return steps;
}
