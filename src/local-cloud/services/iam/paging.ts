import { paginateQuery } from '../pagination.js';

/** IAM list operations: `MaxItems` 1..1000, default 100 (e.g. API_ListRoles). */
export const paginateIam = <T>(
  items: readonly T[],
  op: string,
  input: Record<string, unknown>,
): { page: T[]; IsTruncated: boolean; Marker?: string } =>
  paginateQuery(items, op, input, { defaultSize: 100, maxSize: 1000 });
