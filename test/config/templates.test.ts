import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { TEMPLATE_NAMES } from '../../src/templates/index.js';
import { init } from '../../src/toolkit/init.js';
import { BulkheadError } from '../../src/core/errors.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'bulkhead-test-'));
}

describe('templates', () => {
  for (const template of TEMPLATE_NAMES) {
    it(`${template} validates with no errors and no warnings`, async () => {
      const file = join(tempDir(), 'org.yaml');
      init({ template, file });
      const result = await validateSpecFile(file);
      expect(result.diagnostics).toEqual([]);
      expect(result.model).toBeDefined();
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith('# yaml-language-server: $schema=./org.schema.json')).toBe(true);
      expect(text).not.toMatch(/[&*]a\d/); // no YAML anchors leak into what people read
    });
  }

  it('startup has prod, staging, a shared dev and one sandbox per developer', async () => {
    const file = join(tempDir(), 'org.yaml');
    init({ template: 'startup', file, developers: ['ann', 'ben', 'cy'], name: 'zeta', emailDomain: 'zeta.io' });
    const { model } = await validateSpecFile(file);
    const kinds = [...model!.environments.values()].map((e) => `${e.name}:${e.kind}`);
    expect(kinds).toEqual([
      'prod:production',
      'staging:staging',
      'dev:development',
      'sandbox-ann:sandbox',
      'sandbox-ben:sandbox',
      'sandbox-cy:sandbox',
    ]);
    expect(model!.managementAccount.email).toBe('aws+management@zeta.io');
    expect([...model!.accounts.keys()]).toContain('zeta-sandbox-cy');
    // Developers get PowerUser only in their own sandbox.
    const sandboxGrants = model!.identity.assignments.filter((a) => a.environment.startsWith('sandbox-'));
    expect(sandboxGrants.filter((a) => a.group === 'Developers').map((a) => `${a.environment}:${a.user}`)).toEqual([
      'sandbox-ann:ann',
      'sandbox-ben:ben',
      'sandbox-cy:cy',
    ]);
  });

  it('growth adds the shared accounts, one account per staging environment and a trail', async () => {
    const file = join(tempDir(), 'org.yaml');
    init({ template: 'growth', file });
    const { model } = await validateSpecFile(file);
    const kinds = new Set([...model!.environments.values()].map((e) => e.kind));
    for (const k of ['log-archive', 'security', 'build', 'shared-services']) expect(kinds.has(k as never)).toBe(true);
    expect([...model!.environments.keys()].filter((e) => e.startsWith('staging-'))).toEqual([
      'staging-qa',
      'staging-uat',
    ]);
    expect(model!.audit?.trail?.name).toBe('acme-organization-trail');
  });

  it('enterprise has network and backup accounts and dev/qa/prod per business unit', async () => {
    const file = join(tempDir(), 'org.yaml');
    init({ template: 'enterprise', file, businessUnits: ['cards', 'loans'] });
    const { model } = await validateSpecFile(file);
    expect([...model!.organizationalUnits.keys()]).toEqual(
      expect.arrayContaining(['Workloads/Cards/Prod', 'Workloads/Loans/NonProd']),
    );
    for (const env of ['network', 'backup', 'cards-prod', 'cards-qa', 'cards-dev', 'loans-prod'])
      expect(model!.environments.has(env)).toBe(true);
    expect(model!.accounts.get('acme-cards-prod')!.ouPath).toBe('Workloads/Cards/Prod');
  });

  it('refuses to overwrite a spec without force', () => {
    const file = join(tempDir(), 'org.yaml');
    writeFileSync(file, 'precious: true\n');
    expect(() => init({ file })).toThrowError(BulkheadError);
    expect(readFileSync(file, 'utf8')).toBe('precious: true\n');
    init({ file, force: true });
    expect(readFileSync(file, 'utf8')).toContain('version: 1');
  });

  it('rejects an unknown template and bad names with a hint', () => {
    const file = join(tempDir(), 'org.yaml');
    expect(() => init({ file, template: 'huge' })).toThrowError(/unknown template "huge"/);
    expect(() => init({ file, name: 'Acme Corp' })).toThrowError(/organization name/);
    expect(() => init({ file, developers: ['Alice Smith'] })).toThrowError(/developer name/);
  });
});
