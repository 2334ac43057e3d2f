import { AwsApiError } from '../../errors.js';
import type { InvalidInput } from '../json-input.js';
import { jsonInput, smithyValidationMessage } from '../json-input.js';
import type { HandlerContext } from '../registry.js';
import type { BudgetRecord } from './tables.js';
import { budgetKey } from './tables.js';

/*
 * AWS Budgets' errors (botocore model budgets 2016-10-20): every exception shape has one member, `Message`; all are
 * HTTP 400 except InternalErrorException. A broken member constraint is InvalidParameterException.
 */
export const budgetsError = (code: string, message: string): AwsApiError => new AwsApiError(code, message, 400);

export const invalidParameter = (message: string): AwsApiError => budgetsError('InvalidParameterException', message);

const invalid: InvalidInput = (_problem, message, detail) =>
  invalidParameter(detail === undefined ? message : smithyValidationMessage(detail));

export const budgetsInput = jsonInput(invalid);

const ACCOUNT_RULE = { min: 12, max: 12, pattern: /^\d{12}$/ };
export const BUDGET_NAME_RULE = { min: 1, max: 100, pattern: /^(?![^:\\]*\/action\/)[^:\\]+$/ };

/**
 * The `AccountId` member: budgets are the caller's own (a management account sees its organization's spend through
 * its budgets' filters, it does not manage a member's budgets), so another account's id is refused.
 */
export function callerAccount(input: Record<string, unknown>, ctx: HandlerContext): string {
  const id = budgetsInput.reqString(input, 'AccountId', ACCOUNT_RULE);
  if (id !== ctx.principal.accountId)
    throw budgetsError(
      'AccessDeniedException',
      `You are not authorized to access the budgets of account ${id}: the AccountId must be the caller's account.`,
    );
  return id;
}

export function budgetName(input: Record<string, unknown>, member = 'BudgetName'): string {
  const name = budgetsInput.reqString(input, member, BUDGET_NAME_RULE);
  if (/<script>.*<\/script>/i.test(name))
    throw invalidParameter(`The budget name ${name} is not valid: it must not contain a script tag.`);
  return name;
}

/** AWS's wording: `Unable to <verb> budget: <name> - the budget doesn't exist.` */
export function findBudget(ctx: HandlerContext, accountId: string, name: string, verb = 'get'): BudgetRecord {
  const b = ctx.store.get('budgets', budgetKey(accountId, name));
  if (b === undefined)
    throw budgetsError('NotFoundException', `Unable to ${verb} budget: ${name} - the budget doesn't exist.`);
  return b;
}

/** The IAM resource of a budget call (Service Authorization Reference: `arn:${Partition}:budgets::${Account}:budget/${BudgetName}`). */
export function budgetResource(input: Record<string, unknown>, env: { accountId: string }): string {
  const account = typeof input.AccountId === 'string' ? input.AccountId : env.accountId;
  const name = typeof input.BudgetName === 'string' ? input.BudgetName : '*';
  return `arn:aws:budgets::${account}:budget/${name}`;
}
