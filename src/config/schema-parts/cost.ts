import { z } from 'zod';

// `budgets:` and `costAllocationTags:` in org.yaml. Exactly one of environment, environmentKind and account picks
// what a budget watches; the rules in ../rules/ check the references, the amounts and the currency.

const threshold = z
  .number()
  .describe('Percent of the limit (e.g. 80); alerts may go above 100, up to 1000, as AWS Budgets allows.');

export const budgetAlert = z
  .strictObject({
    actual: threshold.optional().describe('Alert when actual spend passes this percent of the limit.'),
    forecast: threshold.optional().describe("Alert when the month's forecast passes this percent of the limit."),
  })
  .describe('One alert: exactly one of actual or forecast.');

export const budget = z.strictObject({
  name: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Budget name in AWS Budgets (unique in the management account). Default: <environment>-monthly, or <account>-monthly; for an environment kind, one budget per environment of that kind.',
    ),
  environment: z.string().optional().describe('The environment (by name) whose accounts this budget watches.'),
  environmentKind: z
    .string()
    .optional()
    .describe(
      'A budget for every environment of this kind (e.g. sandbox), each on its own accounts. A budget naming the environment itself wins.',
    ),
  account: z.string().optional().describe('One account (by name) this budget watches.'),
  limit: z.number().describe('The budgeted amount per period, above 0.'),
  currency: z.string().optional().describe('ISO 4217 code of the limit (default USD).'),
  period: z.enum(['MONTHLY', 'QUARTERLY', 'ANNUALLY']).optional().describe('Budget period (default MONTHLY).'),
  alerts: z
    .array(budgetAlert)
    .optional()
    .describe('When to notify (default: actual 80 and 100, forecast 100). AWS allows 10 per budget.'),
  notify: z
    .array(z.string())
    .optional()
    .describe(
      "Email addresses and SNS topic ARNs to alert. Default: the environment owner's email, else the management account's.",
    ),
});

export const costAllocationTags = z
  .array(z.string().min(1))
  .describe(
    'Resource tag keys to activate as cost-allocation tags, beside the account tags Bulkhead manages (environment, team, owner, cost-center), which are always activated where they are used.',
  );
