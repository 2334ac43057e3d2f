import { z } from 'zod';
import { SECURITY_SERVICES } from '../../model/audit.js';
import { KINDS } from '../../model/kinds.js';

const str = z.string();
const ref = z.object({ address: z.object({ kind: z.enum(KINDS), key: str }), id: str.optional() });
const service = z.enum(SECURITY_SERVICES as [string, ...string[]]);

/** The security kinds' payloads per action, as src/model/security-services.ts types them. */
export const SECURITY_PAYLOADS = {
  'delegated-administrator': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), service, servicePrincipal: str, account: ref, accountName: str }),
    z.object({ action: z.literal('delete'), service, servicePrincipal: str, accountId: str }),
  ]),
  'security-service': z.object({
    action: z.enum(['create', 'update']),
    service,
    account: ref,
    accountName: str,
    autoEnable: z.boolean(),
    aggregatorName: str.optional(),
  }),
} as const;
