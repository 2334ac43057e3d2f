import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { createManagedPolicyCatalogue } from '../../src/iam/managed-policies.js';

const SPEC = join(import.meta.dirname, '..', 'cases', 'validate', 'managed-policy-name-unknown', 'org.yaml');

describe('validate: AWS managed policy names of permission sets', () => {
  it('a misspelt name fails with file:line:column and a did-you-mean', async () => {
    const result = await validateSpecFile(SPEC);
    const found = result.diagnostics.filter((d) => d.code === 'E-UNKNOWN-MANAGED-POLICY');
    expect(found.map((d) => [d.line, d.column, d.message, d.hint])).toEqual([
      [60, 25, 'AWS has no managed policy "PowerUserAcess"', 'did you mean "PowerUserAccess"?'],
      [63, 24, 'AWS has no managed policy "PowerUserAccesss"', 'did you mean "PowerUserAccess"?'],
      [65, 41, 'AWS has no managed policy "readonlyaccess"', expect.stringMatching(/^did you mean "ReadOnlyAccess"/)],
    ]);
    expect(result.model).toBeUndefined();
  });

  it('checks against the catalogue the caller passes in', async () => {
    const only = createManagedPolicyCatalogue(
      { PowerUserAcess: { arn: 'arn:aws:iam::aws:policy/PowerUserAcess', versionId: 'v1' } },
      () => ({ Version: '2012-10-17', Statement: [] }),
    );
    const result = await validateSpecFile(SPEC, { managedPolicies: only });
    const names = result.diagnostics.filter((d) => d.code === 'E-UNKNOWN-MANAGED-POLICY').map((d) => d.message);
    expect(names).toEqual([
      'AWS has no managed policy "PowerUserAccesss"',
      'AWS has no managed policy "ReadOnlyAccess"',
      'AWS has no managed policy "readonlyaccess"',
    ]);
  });
});
