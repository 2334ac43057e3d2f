import { z } from 'zod';

// `quotas:` in org.yaml: service quota increases, requested per account through Service Quotas, or put into the
// organization's quota request template for accounts created later. Exactly one of environment, environmentKind,
// account and newAccounts says where.

export const quotaRequest = z.strictObject({
  service: z.string().min(1).describe('Service code as Service Quotas names it, e.g. lambda, ec2, iam, vpc.'),
  quota: z.string().min(1).describe('Quota code, e.g. L-B99A9384 (Lambda concurrent executions).'),
  value: z.number().describe('The value wanted; a request is made only where the applied value is below it.'),
  environment: z.string().optional().describe('Every account of this environment (by name).'),
  environmentKind: z.string().optional().describe('Every account of every environment of this kind, e.g. production.'),
  account: z.string().optional().describe('One account (by name).'),
  newAccounts: z
    .boolean()
    .optional()
    .describe("true: put into the organization's quota request template, so accounts created later ask for it."),
  region: z.string().optional().describe('Region of a regional quota (default: the home region).'),
});
