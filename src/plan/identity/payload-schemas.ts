import { z } from 'zod';
import { KINDS } from '../../model/kinds.js';

const str = z.string();
const opt = str.optional();
const tags = z.record(z.string(), z.string());
const ref = z.object({ address: z.object({ kind: z.enum(KINDS), key: str }), id: opt });
const principalType = z.enum(['USER', 'GROUP']);
const cmRef = z.object({ name: str, path: str });

const userFields = { userName: str, email: str, displayName: opt, givenName: opt, familyName: opt };
const psFields = {
  name: str,
  description: opt,
  sessionDuration: str,
  relayState: opt,
  managedPolicies: z.array(str),
  customerManagedPolicies: z.array(cmRef),
  inlinePolicy: opt,
  permissionBoundary: z.object({ managedPolicy: opt, customerManagedPolicy: opt, path: opt }).optional(),
  tags,
};
const delta = z.object({
  settings: z.boolean(),
  attachManaged: z.array(str),
  detachManaged: z.array(str),
  attachCustomer: z.array(cmRef),
  detachCustomer: z.array(cmRef),
  inline: z.enum(['put', 'delete', 'keep']),
  boundary: z.enum(['put', 'delete', 'keep']),
  reprovision: z.boolean(),
});
const names = {
  accountName: str,
  accountEmail: str,
  environment: str,
  principalType,
  principalName: str,
  permissionSetName: str,
  pendingRequestId: opt,
};

/** The identity kinds' payloads per action, as src/model/identity-payloads.ts types them. */
export const IDENTITY_PAYLOADS = {
  'identity-center': z.object({ action: z.literal('create'), homeRegion: str }),
  'sso-user': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), ...userFields }),
    z.object({ action: z.literal('update'), userId: str, ...userFields }),
    z.object({ action: z.literal('delete'), userId: str, userName: str }),
  ]),
  'sso-group': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), name: str, description: opt }),
    z.object({ action: z.literal('update'), groupId: str, name: str, description: opt }),
    z.object({ action: z.literal('delete'), groupId: str, name: str }),
  ]),
  'sso-group-membership': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), group: ref, user: ref, groupName: str, userName: str }),
    z.object({ action: z.literal('delete'), membershipId: str, groupName: str, userName: str }),
  ]),
  'permission-set': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), ...psFields }),
    z.object({ action: z.literal('update'), arn: str, delta, ...psFields }),
    z.object({ action: z.literal('delete'), arn: str, name: str, provisionedAccountIds: z.array(str) }),
  ]),
  'account-assignment': z.discriminatedUnion('action', [
    z.object({ action: z.literal('create'), account: ref, principal: ref, permissionSet: ref, ...names }),
    z.object({ action: z.literal('delete'), accountId: str, principalId: str, permissionSetArn: str, ...names }),
  ]),
} as const;
