import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { permissionSetFields } from '../../src/plan/kinds/permission-set.js';

const spec = `version: 1
organization:
  name: acme
  managementAccount: { name: acme-management, email: aws+management@acme.example }
  homeRegion: eu-west-1
identity:
  permissionSets:
    - name: Viewer
      managedPolicies: [ViewOnlyAccess, ReadOnlyAccess]
      permissionBoundary: { managedPolicy: SystemAdministrator }
`;

describe('AWS managed policies that live under a path', () => {
  it('are sent under their path: ViewOnlyAccess is job-function/ViewOnlyAccess, ReadOnlyAccess stays at the root', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bulkhead-managed-paths-')), 'org.yaml');
    writeFileSync(file, spec);
    const r = await validateSpecFile(file);
    const set = r.model?.identity.permissionSets.get('Viewer');
    expect(set?.managedPolicies).toEqual(['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'ReadOnlyAccess']);
    const fields = permissionSetFields(set!);
    expect(fields.managedPolicies).toEqual(['ReadOnlyAccess', 'job-function/ViewOnlyAccess']);
    expect(fields.permissionBoundary).toEqual({ managedPolicy: 'job-function/SystemAdministrator' });
  });
});
