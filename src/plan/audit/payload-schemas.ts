import { z } from 'zod';
import { KINDS } from '../../model/kinds.js';

const str = z.string();
const ref = z.object({ address: z.object({ kind: z.enum(KINDS), key: str }), id: str.optional() });

/** The audit kinds' payloads, as src/model/payloads.ts types them (plan files are checked against these). */
export const AUDIT_PAYLOADS = {
  'service-access': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), principal: str, root: ref }),
    z.object({ action: z.literal('delete'), principal: str, rootId: str }),
  ]),
};
