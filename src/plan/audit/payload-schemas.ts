import { z } from 'zod';
import { KINDS } from '../../model/kinds.js';

const str = z.string();
const ref = z.object({ address: z.object({ kind: z.enum(KINDS), key: str }), id: str.optional() });

const encryption = z.discriminatedUnion('algorithm', [
  z.object({ algorithm: z.literal('AES256') }),
  z.object({ algorithm: z.literal('aws:kms'), kmsKeyArn: str }),
]);
const bucket = {
  account: ref,
  name: str,
  region: str,
  encryption,
  objectLock: z.object({ mode: z.enum(['GOVERNANCE', 'COMPLIANCE']), days: z.number().int().positive() }).optional(),
  policy: str.optional(),
  trailName: str,
};
const trail = { name: str, bucketName: str, multiRegion: z.boolean(), kmsKeyArn: str.optional() };

/** The audit kinds' payloads, as src/model/payloads.ts types them (plan files are checked against these). */
export const AUDIT_PAYLOADS = {
  'service-access': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), principal: str, root: ref }),
    z.object({ action: z.literal('delete'), principal: str, rootId: str }),
  ]),
  'trail-bucket': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), ...bucket }),
    z.object({ action: z.literal('update'), ...bucket }),
  ]),
  'organization-trail': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), ...trail }),
    z.object({ action: z.literal('update'), ...trail, updateTrail: z.boolean(), startLogging: z.boolean() }),
  ]),
};
