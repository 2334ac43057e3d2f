import type { Address } from './kinds.js';

/**
 * A physical id a change needs: known at plan time when the resource exists (`id`), otherwise
 * produced by the change that creates `address` during the same apply.
 */
export interface Ref {
  address: Address;
  id?: string;
}

export type Tags = Record<string, string>;

export type OrganizationPayload = { action: 'create'; featureSet: 'ALL' };

export type PolicyTypePayload = { action: 'create'; type: 'SERVICE_CONTROL_POLICY'; root: Ref };

export type OuPayload =
  | { action: 'create'; name: string; path: string; parent: Ref; tags: Tags }
  | { action: 'update'; id: string; name: string; path: string; rename: boolean; tags: Tags }
  | { action: 'delete'; id: string; path: string };

export type AccountPayload =
  | {
      action: 'create';
      name: string;
      email: string;
      /** Null: stays in the root. */
      ou: Ref | null;
      root: Ref;
      tags: Tags;
      /** A CreateAccount request an interrupted apply left running: followed, not sent again. */
      pendingRequestId?: string;
    }
  | { action: 'move'; id: string; fromParentId: string; to: Ref }
  | { action: 'update'; id: string; tags: Tags }
  | { action: 'close'; id: string; name: string };

export type PolicyPayload =
  | { action: 'create'; name: string; description: string; content: string; tags: Tags }
  | { action: 'update'; id: string; name: string; description: string; content: string; tags: Tags }
  | { action: 'delete'; id: string; name: string };

export type AttachmentPayload =
  | { action: 'attach'; policy: Ref; target: Ref; policyName: string; targetKey: string }
  | { action: 'detach'; policyId: string; targetId: string; policyName: string; targetKey: string };

/**
 * Trusted access for one service principal. Bulkhead marks the principals it enabled with a tag on the root
 * (`serviceAccessTag`), and disables only those: trusted access someone else enabled is left alone.
 */
export type ServiceAccessPayload =
  { action: 'create'; principal: string; root: Ref } | { action: 'delete'; principal: string; rootId: string };

/** The root tag that says Bulkhead enabled trusted access for `principal`. */
export const serviceAccessTag = (principal: string): string => `bulkhead:trusted-access:${principal}`;
