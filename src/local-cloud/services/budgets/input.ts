import { typeError } from '../json-input.js';
import { budgetName, budgetsError, budgetsInput, invalidParameter } from './common.js';
import type { NotificationRecord, SpendRecord, SubscriberRecord } from './tables.js';

/** Readers for the Budgets shapes (botocore budgets 2016-10-20): Budget, Spend, Notification, Subscriber, tags. */

const TIME_UNITS = ['DAILY', 'MONTHLY', 'QUARTERLY', 'ANNUALLY', 'CUSTOM'] as const;
const BUDGET_TYPES = [
  'USAGE',
  'COST',
  'RI_UTILIZATION',
  'RI_COVERAGE',
  'SAVINGS_PLANS_UTILIZATION',
  'SAVINGS_PLANS_COVERAGE',
] as const;
const NOTIFICATION_TYPES = ['ACTUAL', 'FORECASTED'] as const;
const OPERATORS = ['GREATER_THAN', 'LESS_THAN', 'EQUAL_TO'] as const;
const THRESHOLD_TYPES = ['PERCENTAGE', 'ABSOLUTE_VALUE'] as const;
const SUBSCRIPTION_TYPES = ['SNS', 'EMAIL'] as const;
const METRICS = [
  'BlendedCost',
  'UnblendedCost',
  'AmortizedCost',
  'NetUnblendedCost',
  'NetAmortizedCost',
  'UsageQuantity',
  'NormalizedUsageAmount',
  'Hours',
] as const;
const COST_TYPE_FLAGS = [
  'IncludeTax',
  'IncludeSubscription',
  'UseBlended',
  'IncludeRefund',
  'IncludeCredit',
  'IncludeUpfront',
  'IncludeRecurring',
  'IncludeOtherSubscription',
  'IncludeSupport',
  'IncludeDiscount',
  'UseAmortized',
] as const;
/** The notification threshold's range in the model. */
const MAX_THRESHOLD = 15_000_000_000_000;
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SNS_ARN_RE = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/;

const NUMERIC_RE = /^([0-9]*\.)?[0-9]+$/;

export interface BudgetInput {
  name: string;
  budgetType: string;
  timeUnit: string;
  limit?: SpendRecord;
  plannedLimits?: Record<string, SpendRecord>;
  costFilters?: Record<string, string[]>;
  filterExpression?: Record<string, unknown>;
  costTypes?: Record<string, boolean>;
  autoAdjustData?: Record<string, unknown>;
  metrics?: string[];
  timePeriod?: { start?: number; end?: number };
}

const asObject = (v: unknown, name: string): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw typeError(name, 'a structure');
  return v as Record<string, unknown>;
};

export function readSpend(v: unknown, name: string): SpendRecord {
  const o = asObject(v, name);
  const Amount = budgetsInput.reqString(o, 'Amount', { min: 1, pattern: NUMERIC_RE });
  const Unit = budgetsInput.reqString(o, 'Unit', { min: 1 });
  return { Amount, Unit };
}

/** Epoch ms of a timestamp member (awsJson1_1 sends epoch seconds). */
function readTime(o: Record<string, unknown>, name: string): number | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw typeError(name, 'a timestamp');
  return Math.round(v * 1000);
}

function readCostFilters(o: Record<string, unknown>): Record<string, string[]> | undefined {
  const raw = budgetsInput.optObject(o, 'CostFilters');
  if (raw === undefined) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw typeError(`CostFilters.${k}`, 'a list');
    out[k] = v as string[];
  }
  return out;
}

function readCostTypes(o: Record<string, unknown>): Record<string, boolean> | undefined {
  const raw = budgetsInput.optObject(o, 'CostTypes');
  if (raw === undefined) return undefined;
  const out: Record<string, boolean> = {};
  for (const flag of COST_TYPE_FLAGS) {
    const v = raw[flag];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'boolean') throw typeError(flag, 'a boolean');
    out[flag] = v;
  }
  return out;
}

/** A Budget structure (CreateBudget's Budget, UpdateBudget's NewBudget); CalculatedSpend is AWS's and ignored. */
export function readBudget(input: Record<string, unknown>, member: string): BudgetInput {
  const b = budgetsInput.optObject(input, member);
  if (b === undefined) throw invalidParameter(`You must specify a value for ${member}.`);
  const name = budgetName(b);
  const timeUnit = budgetsInput.reqString(b, 'TimeUnit', { values: TIME_UNITS });
  const budgetType = budgetsInput.reqString(b, 'BudgetType', { values: BUDGET_TYPES });
  const limit =
    b.BudgetLimit === undefined || b.BudgetLimit === null ? undefined : readSpend(b.BudgetLimit, 'BudgetLimit');
  const plannedRaw = budgetsInput.optObject(b, 'PlannedBudgetLimits');
  const plannedLimits =
    plannedRaw === undefined
      ? undefined
      : Object.fromEntries(Object.entries(plannedRaw).map(([k, v]) => [k, readSpend(v, `PlannedBudgetLimits.${k}`)]));
  const autoAdjustData = budgetsInput.optObject(b, 'AutoAdjustData');
  if (limit === undefined && plannedLimits === undefined && autoAdjustData === undefined)
    throw invalidParameter(
      'Unable to create/update budget - please provide one of the followings: Budget Limit/ Planned Budget Limit/ Auto Adjust Data',
    );
  if (limit !== undefined && plannedLimits !== undefined)
    throw invalidParameter('Only one of BudgetLimit or PlannedBudgetLimits can be present in a budget.');
  const metrics = budgetsInput.optStringList(b, 'Metrics');
  if (metrics !== undefined) {
    if (metrics.length > 1) throw invalidParameter('A budget can have at most one metric.');
    for (const m of metrics) budgetsInput.reqString({ Metrics: m }, 'Metrics', { values: METRICS });
  }
  const period = budgetsInput.optObject(b, 'TimePeriod');
  const timePeriod =
    period === undefined ? undefined : { start: readTime(period, 'Start'), end: readTime(period, 'End') };
  if (timeUnit === 'CUSTOM' && (timePeriod?.start === undefined || timePeriod.end === undefined))
    throw invalidParameter('A budget with the CUSTOM time unit needs a TimePeriod with a Start and an End.');
  if (timePeriod?.start !== undefined && timePeriod.end !== undefined && timePeriod.end <= timePeriod.start)
    throw invalidParameter('The TimePeriod End must be after its Start.');
  const costFilters = readCostFilters(b);
  const filterExpression = budgetsInput.optObject(b, 'FilterExpression');
  const costTypes = readCostTypes(b);
  return {
    name,
    budgetType,
    timeUnit,
    ...(limit === undefined ? {} : { limit }),
    ...(plannedLimits === undefined ? {} : { plannedLimits }),
    ...(costFilters === undefined ? {} : { costFilters }),
    ...(filterExpression === undefined ? {} : { filterExpression }),
    ...(costTypes === undefined ? {} : { costTypes }),
    ...(autoAdjustData === undefined ? {} : { autoAdjustData }),
    ...(metrics === undefined ? {} : { metrics }),
    ...(timePeriod === undefined ? {} : { timePeriod }),
  };
}

/** A Notification's identity (its state aside). */
export type NotificationKey = Pick<
  NotificationRecord,
  'NotificationType' | 'ComparisonOperator' | 'Threshold' | 'ThresholdType'
>;

export function readNotification(v: unknown, name: string): NotificationKey {
  if (v === undefined || v === null) throw invalidParameter(`You must specify a value for ${name}.`);
  const o = asObject(v, name);
  const NotificationType = budgetsInput.reqString(o, 'NotificationType', {
    values: NOTIFICATION_TYPES,
  }) as NotificationKey['NotificationType'];
  const ComparisonOperator = budgetsInput.reqString(o, 'ComparisonOperator', {
    values: OPERATORS,
  }) as NotificationKey['ComparisonOperator'];
  const threshold = o.Threshold;
  if (threshold === undefined || threshold === null) throw invalidParameter('You must specify a value for Threshold.');
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) throw typeError('Threshold', 'a number');
  if (threshold < 0 || threshold > MAX_THRESHOLD)
    throw invalidParameter(`The threshold ${threshold} is not valid: it must be between 0 and ${MAX_THRESHOLD}.`);
  const ThresholdType = (budgetsInput.optString(o, 'ThresholdType', { values: THRESHOLD_TYPES }) ??
    'PERCENTAGE') as NotificationKey['ThresholdType'];
  budgetsInput.optString(o, 'NotificationState', { values: ['OK', 'ALARM'] });
  return { NotificationType, ComparisonOperator, Threshold: threshold, ThresholdType };
}

export function readSubscriber(v: unknown, name: string): SubscriberRecord {
  if (v === undefined || v === null) throw invalidParameter(`You must specify a value for ${name}.`);
  const o = asObject(v, name);
  const SubscriptionType = budgetsInput.reqString(o, 'SubscriptionType', {
    values: SUBSCRIPTION_TYPES,
  }) as SubscriberRecord['SubscriptionType'];
  const Address = budgetsInput.reqString(o, 'Address', { min: 1 });
  if (SubscriptionType === 'EMAIL' && !EMAIL_RE.test(Address))
    throw invalidParameter(`Invalid email address: ${Address}`);
  if (SubscriptionType === 'SNS' && !SNS_ARN_RE.test(Address))
    throw invalidParameter(`Invalid SNS topic ARN: ${Address}`);
  return { SubscriptionType, Address };
}

/** AWS: one SNS subscriber and up to 10 email subscribers per notification (11 in all). */
export function checkSubscriberLimits(subscribers: readonly SubscriberRecord[]): void {
  const emails = subscribers.filter((s) => s.SubscriptionType === 'EMAIL').length;
  const sns = subscribers.length - emails;
  if (emails > 10 || sns > 1)
    throw budgetsError(
      'CreationLimitExceededException',
      'You can have only one SNS subscriber and up to 10 email subscribers per notification.',
    );
}

export function readSubscribers(v: unknown, name: string): SubscriberRecord[] {
  if (v === undefined || v === null) throw invalidParameter(`You must specify a value for ${name}.`);
  if (!Array.isArray(v)) throw typeError(name, 'a list');
  if (v.length === 0) throw invalidParameter('A notification needs at least one subscriber.');
  const subs = v.map((s, i) => readSubscriber(s, `${name}[${i}]`));
  const seen = new Set<string>();
  for (const s of subs) {
    const k = `${s.SubscriptionType}|${s.Address}`;
    if (seen.has(k))
      throw budgetsError(
        'DuplicateRecordException',
        `Error creating subscriber: ${s.Address} - the subscriber already exists.`,
      );
    seen.add(k);
  }
  checkSubscriberLimits(subs);
  return subs;
}

/** ResourceTags: ≤ 200 tags, keys 1–128, values 0–256, no `aws:` prefix, keys unique. */
export function readTags(v: unknown, name: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!Array.isArray(v)) throw typeError(name, 'a list');
  if (v.length > 200) throw budgetsError('ServiceQuotaExceededException', 'A budget can have at most 200 tags.');
  const tags: Record<string, string> = {};
  for (const t of v) {
    const o = asObject(t, `${name} member`);
    const key = budgetsInput.reqString(o, 'Key', { min: 1, max: 128 });
    const value = budgetsInput.reqString(o, 'Value', { max: 256 });
    if (key.toLowerCase().startsWith('aws:'))
      throw invalidParameter(`The tag key ${key} is not valid: keys starting with aws: are reserved.`);
    if (key in tags) throw invalidParameter(`The tag key ${key} appears more than once.`);
    tags[key] = value;
  }
  return tags;
}

export const sameNotification = (a: NotificationKey, b: NotificationKey): boolean =>
  a.NotificationType === b.NotificationType &&
  a.ComparisonOperator === b.ComparisonOperator &&
  a.Threshold === b.Threshold &&
  a.ThresholdType === b.ThresholdType;
