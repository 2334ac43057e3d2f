import { z } from 'zod';
import { KINDS } from '../model/kinds.js';

const str = z.string();
const ref = z.object({ address: z.object({ kind: z.enum(KINDS), key: str }), id: str.optional() });

/** The cost kinds' payloads, as src/model/cost-kinds.ts types them (a saved plan is checked against these). */
export const COST_PAYLOADS = {
  'cost-allocation-tag': z.discriminatedUnion('status', [
    z.object({ action: z.literal('update'), key: str, status: z.literal('Active'), root: ref }),
    z.object({ action: z.literal('update'), key: str, status: z.literal('Inactive'), rootId: str, marker: str }),
  ]),
} as const;
