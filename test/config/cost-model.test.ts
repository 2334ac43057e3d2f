import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';

const CASES = join(import.meta.dirname, '..', 'cases', 'plan');

describe('model.cost.allocationTags', () => {
  it('holds the managed account tags in use (environment always), then the extra keys, once', async () => {
    // acme-dev carries team; no account carries owner or cost-center
    const r = await validateSpecFile(join(CASES, 'cost-tags-activate', 'org.yaml'));
    expect(r.model?.cost?.allocationTags).toEqual(['environment', 'team', 'project']);
  });

  it('is not managed without costAllocationTags: (no Cost Explorer calls for such a spec)', async () => {
    const r = await validateSpecFile(join(CASES, 'cost-tags-activate', 'before.yaml'));
    expect(r.model).toBeDefined();
    expect(r.model?.cost?.allocationTagsListed).toBe(false);
    expect(r.model?.cost?.allocationTags).toEqual([]);
  });
});
