import { describe, expect, it } from 'vitest';
import { OPERATION_RESOURCES, UNAUTHORIZED_OPERATIONS } from '../../src/local-cloud/authz/operation-resources.js';
import { SERVICES } from '../../src/local-cloud/services/all.js';

describe('the operation → resource mapping used for authorization', () => {
  it('names a resource (or *) for every operation the local cloud implements, or exempts it explicitly', () => {
    const missing = SERVICES.flatMap((s) =>
      Object.keys(s.operations)
        .filter(
          (op) => OPERATION_RESOURCES[s.name][op] === undefined && !UNAUTHORIZED_OPERATIONS.has(`${s.name}:${op}`),
        )
        .map((op) => `${s.name}:${op}`),
    );
    expect(missing).toEqual([]);
  });

  it('maps nothing that the local cloud does not implement', () => {
    const stale = SERVICES.flatMap((s) =>
      Object.keys(OPERATION_RESOURCES[s.name])
        .filter((op) => s.operations[op] === undefined)
        .map((op) => `${s.name}:${op}`),
    );
    expect(stale).toEqual([]);
  });
});
