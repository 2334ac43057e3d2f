import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_ISSUE_CODES, validatePolicyDocument, type PolicyKind } from '../../src/config/policy/index.js';

/**
 * Data-driven cases: test/cases/policy/<name>/ holds kind.txt, expected.json (a list of
 * {code, path}) and the document, as policy.json (an already-parsed object, as the YAML loader
 * passes it) or policy.txt (a JSON string embedded by the user, passed as a string).
 */
const ROOT = join(import.meta.dirname, '..', 'cases', 'policy');

interface Expected {
  code: string;
  path: (string | number)[];
}

function loadCase(name: string): { kind: PolicyKind; document: unknown; expected: Expected[] } {
  const dir = join(ROOT, name);
  const kind = readFileSync(join(dir, 'kind.txt'), 'utf8').trim() as PolicyKind;
  const rawPath = join(dir, 'policy.txt');
  const document: unknown = existsSync(rawPath)
    ? readFileSync(rawPath, 'utf8')
    : JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8'));
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected[];
  return { kind, document, expected };
}

const key = (e: Expected): string => `${e.code} ${JSON.stringify(e.path)}`;
const names = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('policy cases', () => {
  it('has at least 30 cases', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  for (const name of names) {
    it(name, async () => {
      const { kind, document, expected } = loadCase(name);
      const issues = await validatePolicyDocument(document, kind);
      expect(issues.map((i) => key(i)).sort()).toEqual(expected.map(key).sort());
      for (const issue of issues) {
        expect(issue.message.length).toBeGreaterThan(0);
        expect(issue.severity).toBe(issue.code.startsWith('W-') ? 'warning' : 'error');
        expect(Object.keys(POLICY_ISSUE_CODES)).toContain(issue.code);
      }
    });
  }
});
