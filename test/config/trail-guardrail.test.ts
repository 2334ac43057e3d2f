import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';

// The trail's `protect` adds protect-cloudtrail on the root, packed like any guardrail use.
const BASE = readFileSync(
  join(import.meta.dirname, '..', 'cases', 'plan', 'organization-trail-no-changes', 'org.yaml'),
  'utf8',
);

async function guardrailsOf(extra: string, guardrails = '') {
  const file = join(mkdtempSync(join(tmpdir(), 'bulkhead-trail-')), 'org.yaml');
  writeFileSync(file, BASE + extra + guardrails);
  const r = await validateSpecFile(file);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return [...r.model!.serviceControlPolicies.values()]
    .filter((p) => p.origin)
    .map(
      (p) =>
        `${p.name}: ${p.origin!.guardrails.join(', ')} → ${p.targets.map((t) => t.type).join(', ')}${JSON.stringify(p.document).includes('BreakGlass') ? ' (exempting BreakGlass)' : ''}`,
    );
}

describe('the trail protection guardrail', () => {
  it('is on the root by default, with the model defaults filled in', async () => {
    expect(await guardrailsOf('')).toEqual(['guardrails-root: protect-cloudtrail → root']);
  });

  it('is packed into the same policy as the spec’s own root guardrails', async () => {
    const own = 'guardrails:\n  - use: deny-leave-organization\n    targets: [root]\n';
    expect(await guardrailsOf('', own)).toEqual([
      'guardrails-root: deny-leave-organization, protect-cloudtrail → root',
    ]);
  });

  it('is left out with protect: false', async () => {
    expect(await guardrailsOf('    protect: false\n')).toEqual([]);
  });

  it('is not added twice when the spec uses protect-cloudtrail on the root itself', async () => {
    const own =
      'guardrails:\n  - use: protect-cloudtrail\n    targets: [root]\n    parameters: { exemptRoles: ["arn:aws:iam::*:role/BreakGlass"] }\n';
    const model = await guardrailsOf('', own);
    expect(model).toEqual(['guardrails-root: protect-cloudtrail → root (exempting BreakGlass)']);
  });
});
