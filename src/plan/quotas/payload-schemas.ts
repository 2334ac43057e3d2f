import { z } from 'zod';
import { KINDS } from '../../model/kinds.js';

const str = z.string();
const ref = z.object({ address: z.object({ kind: z.enum(KINDS), key: str }), id: str.optional() });
const quota = { serviceCode: str, quotaCode: str, region: str };

/** The quota kinds' payloads, as src/model/quota-kinds.ts types them (plan files are checked against these). */
export const QUOTA_PAYLOADS = {
  'service-quota': z.object({
    action: z.literal('create'),
    account: ref,
    accountName: str,
    ...quota,
    value: z.number().positive(),
  }),
  'quota-template': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), ...quota, value: z.number().positive(), associate: z.boolean() }),
    z.object({ action: z.literal('update'), ...quota, value: z.number().positive(), associate: z.boolean() }),
    z.object({ action: z.literal('delete'), ...quota }),
  ]),
} as const;
