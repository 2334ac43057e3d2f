import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';

// Codes and positions are in test/cases/validate/security-*; these check the messages and the model's defaults.
const VALIDATE = join(import.meta.dirname, '..', 'cases', 'validate');

async function diagnostic(name: string, code: string) {
  const r = await validateSpecFile(join(VALIDATE, name, 'org.yaml'));
  const d = r.diagnostics.find((x) => x.code === code);
  expect(d, `${name} reports ${code}`).toBeDefined();
  return d!;
}

describe('audit.security', () => {
  it('an unknown admin account suggests the close name', async () => {
    const d = await diagnostic('security-admin-unknown', 'E-SECURITY-ADMIN-UNKNOWN');
    expect(d.message).toContain('"acme-prd"');
    expect(d.hint).toContain('`acme-prod`');
  });

  it('the management account is refused, as AWS refuses it', async () => {
    const d = await diagnostic('security-admin-management', 'E-SECURITY-ADMIN-MANAGEMENT');
    expect(d.message).toContain('"acme-management" is the management account');
    expect(d.hint).toContain('kind security');
  });

  it('without a security account the fix says how to add or name one', async () => {
    const d = await diagnostic('security-admin-missing', 'E-SECURITY-ADMIN-MISSING');
    expect(d.hint).toContain('audit.security.adminAccount');
  });

  it('defaults: the admin is the account of kind security, all three services, `organization`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulkhead-security-'));
    const text = readFileSync(join(VALIDATE, 'security-service-duplicate', 'org.yaml'), 'utf8');
    writeFileSync(join(dir, 'org.yaml'), text.replace(/ {4}services: .*\n/, '    autoEnable: false\n'));
    const r = await validateSpecFile(join(dir, 'org.yaml'));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.model?.audit?.security).toEqual({
      adminAccount: 'acme-security',
      services: ['guardduty', 'config', 'securityhub'],
      autoEnable: false,
      aggregatorName: 'organization',
    });
  });
});
