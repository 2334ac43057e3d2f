import { z } from 'zod';
import { KINDS } from '../../model/kinds.js';

const str = z.string();
const ref = z.object({ address: z.object({ kind: z.enum(KINDS), key: str }), id: str.optional() });
const alert = z.object({ type: z.enum(['ACTUAL', 'FORECASTED']), threshold: z.number() });
const subscriber = z.object({ type: z.enum(['EMAIL', 'SNS']), address: str });
const settings = {
  name: str,
  limit: z.number().positive(),
  currency: str,
  period: z.enum(['MONTHLY', 'QUARTERLY', 'ANNUALLY']),
  accounts: z.array(ref),
  managementAccountId: str.optional(),
  subscribers: z.array(subscriber),
};
const notification = z.object({
  type: str,
  comparison: str,
  threshold: z.number(),
  thresholdType: str,
  subscribers: z.array(subscriber),
});

/** The budget kind's payloads, as src/model/budget-kinds.ts types them (plan files are checked against these). */
export const BUDGET_PAYLOADS = {
  budget: z.discriminatedUnion('action', [
    z.object({
      action: z.literal('create'),
      ...settings,
      alerts: z.array(alert),
      tags: z.record(z.string(), z.string()),
    }),
    z.object({
      action: z.literal('update'),
      ...settings,
      updateBudget: z.boolean(),
      addAlerts: z.array(alert),
      removeAlerts: z.array(notification),
      subscriberChanges: z.array(z.object({ alert, add: z.array(subscriber), remove: z.array(subscriber) })),
    }),
    z.object({ action: z.literal('delete'), name: str }),
  ]),
};
