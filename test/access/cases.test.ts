/** Runs every JSON case under test/cases/access/<family>/*.json through the evaluator. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  isAllowed,
  type AccessRequest,
  type NamedPolicy,
  type PolicySet,
  type ScpLevel,
} from '../../src/access/index.js';

interface CaseFile {
  description: string;
  request: AccessRequest;
  policies: {
    scpLevels?: ScpLevel[];
    identity?: NamedPolicy[];
    boundary?: NamedPolicy;
    resource?: NamedPolicy;
    session?: NamedPolicy[];
  };
  expected: {
    decision: 'allowed' | 'explicit-deny' | 'implicit-deny' | 'error';
    layer?: string;
    target?: string;
    policy?: string;
    sid?: string;
    statementIndex?: number;
    errorCode?: string;
  };
  docs?: string;
}

const root = join(import.meta.dirname, '..', 'cases', 'access');
const families = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'generator')
  .map((d) => d.name)
  .sort();

function policySet(c: CaseFile): PolicySet {
  const set: PolicySet = {};
  if (c.policies.scpLevels) set.scpLevels = c.policies.scpLevels;
  if (c.policies.identity) set.identityPolicies = c.policies.identity;
  if (c.policies.boundary) set.permissionBoundary = c.policies.boundary;
  if (c.policies.resource) set.resourcePolicy = c.policies.resource;
  if (c.policies.session) set.sessionPolicies = c.policies.session;
  return set;
}

let total = 0;
for (const family of families) {
  const files = readdirSync(join(root, family))
    .filter((f) => f.endsWith('.json'))
    .sort();
  total += files.length;
  describe(`access cases: ${family}`, () => {
    for (const file of files) {
      const c = JSON.parse(readFileSync(join(root, family, file), 'utf8')) as CaseFile;
      it(`${file}: ${c.description}`, () => {
        const set = policySet(c);
        const result = evaluate(c.request, set, { explain: true });
        if (c.expected.decision === 'error') {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.errors.map((e) => e.code)).toContain(c.expected.errorCode);
          return;
        }
        if (!result.ok) throw new Error(`unexpected input errors: ${JSON.stringify(result.errors)}`);
        expect(result.decision).toBe(c.expected.decision);
        // The fast path must agree with the explained evaluation.
        expect(isAllowed(c.request, set)).toBe(c.expected.decision === 'allowed');
        const where = c.expected.decision === 'implicit-deny' ? result.missingAllow : result.decidedBy;
        if (c.expected.layer !== undefined) expect(where?.layer).toBe(c.expected.layer);
        if (c.expected.target !== undefined) expect(where?.target).toBe(c.expected.target);
        if (c.expected.policy !== undefined) expect(result.decidedBy?.policy).toBe(c.expected.policy);
        if (c.expected.sid !== undefined) expect(result.decidedBy?.sid).toBe(c.expected.sid);
        if (c.expected.statementIndex !== undefined)
          expect(result.decidedBy?.statementIndex).toBe(c.expected.statementIndex);
        expect(result.trace).toBeDefined();
      });
    }
  });
}

describe('access case corpus', () => {
  it('holds at least 300 cases', () => {
    expect(total).toBeGreaterThanOrEqual(300);
  });
});
