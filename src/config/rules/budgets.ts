import { didYouMeanAmong } from '../../core/suggest.js';
import { ENVIRONMENT_KINDS } from '../../model/environment.js';
import { accountsOfEnvironment, budgetAlerts, expandBudgets } from '../budgets.js';
import type { BudgetSpec } from '../schema.js';
import { findDuplicates, type RuleContext } from './context.js';
import { referenceHint } from './names.js';

/**
 * The currencies AWS bills in ("What currencies does AWS support?", AWS Knowledge Center), which is what a budget's
 * BudgetLimit Unit may name for a cost budget.
 */
export const BUDGET_CURRENCIES = [
  'AED',
  'AUD',
  'BRL',
  'CAD',
  'CHF',
  'CLP',
  'CNY',
  'COP',
  'DKK',
  'EGP',
  'EUR',
  'GBP',
  'HKD',
  'IDR',
  'JPY',
  'KRW',
  'MYR',
  'NGN',
  'NOK',
  'NZD',
  'PLN',
  'RON',
  'SEK',
  'SGD',
  'TRY',
  'UAH',
  'USD',
  'UYU',
  'ZAR',
] as const;

// AWS Budgets: ten notifications per budget; a notification has up to ten email subscribers and one SNS topic;
// thresholds are percentages, Bulkhead allows up to 1000 % (alerts far above the limit say nothing new).
export const MAX_BUDGET_ALERTS = 10;
export const MAX_EMAIL_SUBSCRIBERS = 10;
export const MAX_ALERT_THRESHOLD = 1000;
// BudgetName: 1 to 100 characters, no `:` or `\`, no "/action/".
const BUDGET_NAME_MAX = 100;

const EMAIL = /^[A-Za-z0-9._%+=-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/;

export const isSnsTopicArn = (s: string) => s.startsWith('arn:');

function budgetNameProblem(name: string): string | undefined {
  if (name.length > BUDGET_NAME_MAX) return `is ${name.length} characters; AWS Budgets allows at most 100`;
  if (/[:\\]/.test(name)) return 'holds ":" or "\\", which AWS Budgets does not allow';
  if (name.includes('/action/')) return 'holds "/action/", which AWS Budgets does not allow';
  return undefined;
}

function checkTarget(ctx: RuleContext, entry: BudgetSpec, i: number): void {
  const at = ['budgets', i];
  const given = (['environment', 'environmentKind', 'account'] as const).filter((k) => entry[k] !== undefined);
  if (given.length !== 1) {
    ctx.error(
      'E-BUDGET-TARGET',
      at,
      given.length === 0
        ? 'a budget needs what it watches: one of environment, environmentKind or account'
        : `a budget watches one thing, but this one names ${given.join(' and ')}`,
      { hint: 'keep exactly one, e.g. `environment: prod` or `environmentKind: sandbox`; write one budget per target' },
    );
    return;
  }
  const spec = ctx.spec;
  const envs = spec.environments ?? {};
  if (entry.environment !== undefined) {
    if (envs[entry.environment] === undefined) {
      if (ctx.isDropped('environments', entry.environment)) return;
      ctx.error(
        'E-BUDGET-UNKNOWN-ENVIRONMENT',
        [...at, 'environment'],
        `budget for environment "${entry.environment}", which is not defined under environments`,
        { hint: referenceHint(entry.environment, Object.keys(envs), 'environments') },
      );
    } else if (accountsOfEnvironment(spec, entry.environment).length === 0 && !ctx.hasDropped('accounts')) {
      ctx.error(
        'E-BUDGET-TARGET',
        [...at, 'environment'],
        `environment "${entry.environment}" has no accounts, and a budget without accounts would watch the whole organization`,
        { hint: `add an account with environment: ${entry.environment}, or remove this budget` },
      );
    }
  } else if (entry.environmentKind !== undefined) {
    const kind = entry.environmentKind;
    if (!(ENVIRONMENT_KINDS as readonly string[]).includes(kind)) {
      ctx.error('E-BUDGET-UNKNOWN-KIND', [...at, 'environmentKind'], `"${kind}" is not an environment kind`, {
        hint: didYouMeanAmong(kind, ENVIRONMENT_KINDS) ?? `kinds: ${ENVIRONMENT_KINDS.join(', ')}`,
      });
    } else if (!expandBudgets(spec).some((b) => b.index === i)) {
      ctx.warn(
        'W-BUDGET-NO-ENVIRONMENTS',
        [...at, 'environmentKind'],
        `no environment of kind ${kind} with accounts needs this budget, so it makes none`,
        { hint: `it applies to every environment of kind ${kind} once one has an account; remove it if not meant` },
      );
    }
  } else if (entry.account !== undefined) {
    const known = [spec.organization.managementAccount.name, ...(spec.accounts ?? []).map((a) => a.name)];
    if (!known.includes(entry.account) && !ctx.isDropped('accounts', entry.account)) {
      ctx.error(
        'E-BUDGET-UNKNOWN-ACCOUNT',
        [...at, 'account'],
        `budget for account "${entry.account}", which is not defined under accounts`,
        { hint: referenceHint(entry.account, known, 'accounts') },
      );
    }
  }
}

function checkAmount(ctx: RuleContext, entry: BudgetSpec, i: number): void {
  if (!(entry.limit > 0) || !Number.isFinite(entry.limit)) {
    ctx.error('E-BUDGET-LIMIT', ['budgets', i, 'limit'], `budget limit ${entry.limit} must be above 0`, {
      hint: 'give the amount to spend per period, e.g. limit: 100',
    });
  }
  const currency = entry.currency;
  if (currency !== undefined && !(BUDGET_CURRENCIES as readonly string[]).includes(currency)) {
    ctx.error('E-BUDGET-CURRENCY', ['budgets', i, 'currency'], `"${currency}" is not a currency AWS Budgets accepts`, {
      hint:
        ((BUDGET_CURRENCIES as readonly string[]).includes(currency.toUpperCase())
          ? `write it in capitals: ${currency.toUpperCase()}`
          : didYouMeanAmong(currency, BUDGET_CURRENCIES)) ??
        `use an ISO 4217 code AWS bills in, e.g. USD or EUR (leave it out for USD)`,
    });
  }
}

function checkAlerts(ctx: RuleContext, entry: BudgetSpec, i: number): void {
  const alerts = entry.alerts ?? [];
  const at = ['budgets', i, 'alerts'];
  if (alerts.length > MAX_BUDGET_ALERTS) {
    ctx.error('E-BUDGET-ALERT', at, `a budget has ${alerts.length} alerts; AWS Budgets allows ${MAX_BUDGET_ALERTS}`, {
      hint: 'keep the thresholds that lead to action, e.g. actual 80 and 100, forecast 100',
    });
  }
  alerts.forEach((alert, j) => {
    const given = (['actual', 'forecast'] as const).filter((k) => alert[k] !== undefined);
    if (given.length !== 1) {
      ctx.error(
        'E-BUDGET-ALERT',
        [...at, j],
        given.length === 0 ? 'an alert needs actual or forecast' : 'an alert is either actual or forecast, not both',
        { hint: 'write one alert per threshold, e.g. `- actual: 80` and `- forecast: 100`' },
      );
      return;
    }
    const key = given[0]!;
    const t = alert[key]!;
    if (!(t > 0 && t <= MAX_ALERT_THRESHOLD)) {
      ctx.error(
        'E-BUDGET-ALERT',
        [...at, j, key],
        `alert threshold ${t} is a percent of the limit and must be above 0 and at most ${MAX_ALERT_THRESHOLD}`,
        { hint: 'e.g. 80 alerts at 80 % of the limit, 100 at the limit' },
      );
    }
  });
  const model = budgetAlerts(entry);
  for (const d of findDuplicates(model, (a) => `${a.type}/${a.threshold}`)) {
    ctx.error(
      'E-BUDGET-ALERT',
      [...at, d.index],
      `the same alert is given twice (also alerts[${d.firstIndex}]); AWS Budgets refuses duplicate notifications`,
      { hint: 'remove one of them' },
    );
  }
}

function checkNotify(ctx: RuleContext, entry: BudgetSpec, i: number): void {
  const notify = entry.notify;
  if (notify === undefined) return;
  const at = ['budgets', i, 'notify'];
  if (notify.length === 0) {
    ctx.error('E-BUDGET-NOTIFY', at, 'an alert needs at least one subscriber, and notify is empty', {
      hint: "add an email or SNS topic ARN, or leave notify out for the owner's email",
    });
    return;
  }
  notify.forEach((address, j) => {
    if (isSnsTopicArn(address)) {
      if (!SNS_TOPIC_ARN.test(address)) {
        ctx.error('E-BUDGET-NOTIFY', [...at, j], `"${address}" is not an SNS topic ARN`, {
          hint: 'e.g. arn:aws:sns:us-east-1:111122223333:budget-alerts',
        });
      }
    } else if (!EMAIL.test(address)) {
      ctx.error('E-BUDGET-NOTIFY', [...at, j], `"${address}" is neither an email address nor an SNS topic ARN`, {
        hint: 'e.g. finance@example.com or arn:aws:sns:us-east-1:111122223333:budget-alerts',
      });
    }
  });
  const topics = notify.filter(isSnsTopicArn).length;
  const emails = notify.length - topics;
  if (emails > MAX_EMAIL_SUBSCRIBERS || topics > 1) {
    ctx.error(
      'E-BUDGET-NOTIFY',
      at,
      `notify has ${emails} emails and ${topics} SNS topics; AWS Budgets allows ${MAX_EMAIL_SUBSCRIBERS} emails and 1 topic per alert`,
      { hint: 'send to a mailing list or an SNS topic that fans out' },
    );
  }
  for (const d of findDuplicates(notify, (a) => a.toLowerCase())) {
    ctx.error('E-BUDGET-NOTIFY', [...at, d.index], `"${d.key}" is listed twice (also notify[${d.firstIndex}])`, {
      hint: 'remove one of them',
    });
  }
}

/** `budgets:`: what each watches, its amount and currency, its alerts and subscribers, and unique names. */
export function checkBudgets(ctx: RuleContext): void {
  const entries = ctx.spec.budgets ?? [];
  entries.forEach((entry, i) => {
    checkTarget(ctx, entry, i);
    checkAmount(ctx, entry, i);
    checkAlerts(ctx, entry, i);
    checkNotify(ctx, entry, i);
  });
  const expanded = expandBudgets(ctx.spec);
  const reported = new Set<number>();
  for (const b of expanded) {
    const problem = budgetNameProblem(b.name);
    if (problem === undefined || reported.has(b.index)) continue;
    reported.add(b.index);
    const given = b.entry.name !== undefined;
    ctx.error('E-BUDGET-NAME', ['budgets', b.index, ...(given ? ['name'] : [])], `budget name "${b.name}" ${problem}`, {
      hint: given ? 'e.g. name: prod-monthly' : 'set name: to a shorter one',
      atKey: !given,
    });
  }
  const repeated = new Set<number>();
  for (const d of findDuplicates(expanded, (b) => b.name)) {
    const budget = expanded[d.index]!;
    const first = expanded[d.firstIndex]!;
    const given = budget.entry.name !== undefined;
    const sameEntry = budget.index === first.index;
    if (sameEntry && repeated.has(budget.index)) continue;
    repeated.add(budget.index);
    ctx.error(
      'E-BUDGET-NAME-DUPLICATE',
      ['budgets', budget.index, ...(given ? ['name'] : [])],
      sameEntry
        ? `budget name "${d.key}" would name the budget of every environment of kind ${budget.entry.environmentKind}; names are unique in the management account`
        : `budget name "${d.key}" is used twice (also budgets[${first.index}]); names are unique in the management account`,
      {
        hint: sameEntry
          ? 'put {environment} in the name of an environmentKind budget, e.g. name: "{environment}-monthly"'
          : 'give one of them another name:',
        atKey: !given,
      },
    );
  }
}
