import type { Ref } from './payloads.js';

// The `cost-allocation-tag` kind: a tag key activated in Cost Explorer, so billing can group costs by it.

/** A tag key the spec wants active as a cost-allocation tag. */
export interface DesiredCostAllocationTag {
  key: string;
}

/** A tag key Cost Explorer knows (ListCostAllocationTags), with its status. */
export interface ObservedCostAllocationTag {
  key: string;
  /** `UserDefined` or `AWSGenerated`, as Cost Explorer names them. */
  type: string;
  /** `Active` or `Inactive`. */
  status: string;
  lastUsedDate?: string;
}

/**
 * Activating or deactivating one key. Bulkhead marks each key it activated with a tag on the organization's root
 * (`costAllocationTagMarker`, value: the key) and deactivates only marked keys: a key someone else activated stays.
 */
export type CostAllocationTagPayload =
  | { action: 'update'; key: string; status: 'Active'; root: Ref }
  | { action: 'update'; key: string; status: 'Inactive'; rootId: string; marker: string };

const MARKER_PREFIX = 'bulkhead:cost-tag:';
/** Organizations allows tag keys of 128 characters; longer cost tag keys get a marker named by a hash. */
const MAX_MARKER = 128;

/** The root tag that says Bulkhead activated cost-allocation tag `key` (its value is the key itself). */
export function costAllocationTagMarker(key: string): string {
  const plain = `${MARKER_PREFIX}${key}`;
  return plain.length <= MAX_MARKER ? plain : `${MARKER_PREFIX}#${fnv1a(key)}`;
}

/** The cost-allocation tag keys Bulkhead marked on the root, by marker tag. */
export function markedCostAllocationTags(rootTags: Record<string, string>): Map<string, string> {
  return new Map(
    Object.entries(rootTags)
      .filter(([tag]) => tag.startsWith(MARKER_PREFIX))
      .map(([tag, key]) => [key, tag]),
  );
}

/** 32-bit FNV-1a of the key's UTF-16 code units, as 8 hex digits: a short stable name, not a secret. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
