import { lowerAlnum } from '../../ids.js';
import { enableTrustedAccess, isDelegatedAdmin, organizationOfAccount } from '../organizations/service-delegation.js';
import { paginateJson } from '../pagination.js';
import type { HandlerContext } from '../registry.js';
import { CONFIG_PRINCIPAL, configError, configInput } from './common.js';
import type {
  AccountAggregationSourceRecord,
  ConfigAggregatorRecord,
  OrganizationAggregationSourceRecord,
} from './tables.js';
import { aggregatorKey } from './tables.js';

const NAME_RULE = { min: 1, max: 256, pattern: /^[\w-]+$/ };
const ROLE_ARN_RE = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const REGION_RE = /^[a-z]{2}(?:-[a-z]+)+-\d$/;

const invalidParameter = (message: string) => configError('InvalidParameterValueException', message);

function readRegions(source: Record<string, unknown>): { AwsRegions?: string[]; AllAwsRegions?: boolean } {
  const regions = configInput.optStringList(source, 'AwsRegions');
  const all = source.AllAwsRegions;
  if (all !== undefined && all !== null && typeof all !== 'boolean')
    throw configError('SerializationException', 'Unexpected value type for AllAwsRegions: expected a boolean.');
  if (regions !== undefined && regions.length === 0)
    throw invalidParameter('The AwsRegions list must contain at least one region.');
  for (const r of regions ?? []) if (!REGION_RE.test(r)) throw invalidParameter(`The region ${r} is not valid.`);
  if (all === true && regions !== undefined)
    throw invalidParameter('You must choose one of these options: AllAwsRegions or AwsRegions, not both.');
  if (all !== true && regions === undefined)
    throw invalidParameter('You must choose one of these options: AllAwsRegions or AwsRegions.');
  return {
    ...(regions === undefined ? {} : { AwsRegions: regions }),
    ...(all === true ? { AllAwsRegions: true } : {}),
  };
}

function readOrganizationSource(input: Record<string, unknown>): OrganizationAggregationSourceRecord | undefined {
  const source = configInput.optObject(input, 'OrganizationAggregationSource');
  if (source === undefined) return undefined;
  const roleArn = configInput.reqString(source, 'RoleArn');
  if (!ROLE_ARN_RE.test(roleArn)) throw configError('InvalidRoleException', `The role ARN ${roleArn} is not valid.`);
  return { RoleArn: roleArn, ...readRegions(source) };
}

function readAccountSources(input: Record<string, unknown>): AccountAggregationSourceRecord[] | undefined {
  const list = configInput.optList(input, 'AccountAggregationSources');
  if (list === undefined) return undefined;
  if (list.length > 1) throw invalidParameter('You can specify only one account aggregation source.');
  return list.map((item) => {
    const source = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const ids = configInput.optStringList(source, 'AccountIds') ?? [];
    if (ids.length === 0 || ids.some((id) => !/^\d{12}$/.test(id)))
      throw invalidParameter('The AccountIds list must contain 12-digit account IDs.');
    return { AccountIds: ids, ...readRegions(source) };
  });
}

/**
 * An organization aggregator needs the caller to be the management account (Config then enables trusted access for
 * config.amazonaws.com, as AWS does) or a registered delegated administrator for config.amazonaws.com.
 */
function checkOrganizationCaller(ctx: HandlerContext): void {
  const caller = ctx.principal.accountId;
  const org = organizationOfAccount(ctx.store, caller);
  if (org === undefined)
    throw configError('NoAvailableOrganizationException', 'Your account is not a member of an organization.');
  if (org.featureSet !== 'ALL')
    throw configError(
      'OrganizationAllFeaturesNotEnabledException',
      'AWS Config resource cannot be created because your organization does not have all features enabled.',
    );
  if (org.managementAccountId === caller) {
    enableTrustedAccess(ctx.store, org, CONFIG_PRINCIPAL, ctx.now);
    return;
  }
  if (!isDelegatedAdmin(ctx.store, caller, CONFIG_PRINCIPAL))
    throw configError(
      'OrganizationAccessDeniedException',
      'You are not a registered delegated administrator for AWS Config with permissions to call ListDelegatedAdministrators API. Ensure that the management account registers delegated administrator for AWS Config service principal name before the delegated administrator creates an aggregator.',
    );
}

function aggregatorShape(a: ConfigAggregatorRecord): Record<string, unknown> {
  return {
    ConfigurationAggregatorName: a.name,
    ConfigurationAggregatorArn: a.arn,
    ...(a.accountSources === undefined ? {} : { AccountAggregationSources: a.accountSources }),
    ...(a.organizationSource === undefined ? {} : { OrganizationAggregationSource: a.organizationSource }),
    CreationTime: new Date(a.createdAt),
    LastUpdatedTime: new Date(a.updatedAt),
  };
}

/** Creates or replaces (same name: keeps ARN and creation time, ignores new tags) an aggregator. */
export function putConfigurationAggregator(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const name = configInput.reqString(input, 'ConfigurationAggregatorName', NAME_RULE);
  const organizationSource = readOrganizationSource(input);
  const accountSources = readAccountSources(input);
  configInput.optList(input, 'Tags');
  if ((organizationSource === undefined) === (accountSources === undefined || accountSources.length === 0))
    throw invalidParameter(
      'The configuration aggregator must have exactly one source: AccountAggregationSources or OrganizationAggregationSource.',
    );
  if (organizationSource !== undefined) checkOrganizationCaller(ctx);
  const key = aggregatorKey(ctx.principal.accountId, ctx.region, name);
  const existing = ctx.store.get('configAggregators', key);
  const count = [...ctx.store.values('configAggregators')].filter(
    (a) => a.accountId === ctx.principal.accountId && a.region === ctx.region,
  ).length;
  if (existing === undefined && count >= 50)
    throw configError('LimitExceededException', 'You have reached the limit of 50 configuration aggregators.');
  const record: ConfigAggregatorRecord = {
    name,
    arn:
      existing?.arn ??
      `arn:aws:config:${ctx.region}:${ctx.principal.accountId}:config-aggregator/config-aggregator-${lowerAlnum(8)}`,
    accountId: ctx.principal.accountId,
    region: ctx.region,
    ...(organizationSource === undefined ? {} : { organizationSource }),
    ...(accountSources === undefined ? {} : { accountSources }),
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
  ctx.store.put('configAggregators', key, record);
  return { ConfigurationAggregator: aggregatorShape(record) };
}

const noSuchAggregator = () =>
  configError('NoSuchConfigurationAggregatorException', 'The configuration aggregator does not exist.');

export function describeConfigurationAggregators(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const names = configInput.optStringList(input, 'ConfigurationAggregatorNames');
  const limit = configInput.optInt(input, 'Limit');
  if (limit !== undefined && (limit < 0 || limit > 100))
    throw configError('InvalidLimitException', `The limit ${limit} is not valid: it must be between 0 and 100.`);
  const own = [...ctx.store.values('configAggregators')]
    .filter((a) => a.accountId === ctx.principal.accountId && a.region === ctx.region)
    .sort((a, b) => a.name.localeCompare(b.name));
  let list = own;
  if (names !== undefined && names.length > 0) {
    list = names.map((n) => {
      const found = own.find((a) => a.name === n);
      if (found === undefined) throw noSuchAggregator();
      return found;
    });
  }
  const { page, NextToken } = paginateJson(
    list.map(aggregatorShape),
    `DescribeConfigurationAggregators/${(names ?? []).join(',')}`,
    { MaxResults: limit === undefined || limit === 0 ? undefined : limit, NextToken: input.NextToken },
    {
      defaultSize: 100,
      maxSize: 100,
      invalid: () => configError('InvalidNextTokenException', 'The nextToken provided is invalid.'),
    },
  );
  return { ConfigurationAggregators: page, NextToken };
}

export function deleteConfigurationAggregator(input: Record<string, unknown>, ctx: HandlerContext): unknown {
  const name = configInput.reqString(input, 'ConfigurationAggregatorName', NAME_RULE);
  const key = aggregatorKey(ctx.principal.accountId, ctx.region, name);
  if (!ctx.store.has('configAggregators', key)) throw noSuchAggregator();
  ctx.store.delete('configAggregators', key);
  return {};
}
