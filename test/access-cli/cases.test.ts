// Data-driven access questions: test/cases/access-spec/<case>/{org.yaml, queries.json}, each query with the
// expected decision and the deciding layer, policy and statement.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessCan, accessWhoCan } from '../../src/toolkit/access.js';
import { accessExplain } from '../../src/toolkit/access-explain.js';
import type { EvaluationOk } from '../../src/access/types.js';

interface Query {
  name: string;
  query: {
    command: 'can' | 'who-can' | 'explain';
    principal?: string;
    environment?: string;
    action?: string;
    region?: string;
    context?: string[];
    message?: string;
    resource?: string;
  };
  expect: Record<string, unknown>;
}

const ROOT = join(import.meta.dirname, '..', 'cases', 'access-spec');

function deciding(result: EvaluationOk): Record<string, unknown> {
  const ref = result.decision === 'implicit-deny' ? result.missingAllow : result.decidedBy;
  const out: Record<string, unknown> = { decision: result.decision };
  if (ref !== undefined) {
    out['layer'] = ref.layer;
    if (ref.target !== undefined) out['target'] = ref.target;
  }
  if (result.decidedBy !== undefined) {
    out['policy'] = result.decidedBy.policy;
    out['statementIndex'] = result.decidedBy.statementIndex;
    if (result.decidedBy.sid !== undefined) out['sid'] = result.decidedBy.sid;
  }
  return out;
}

function pick(actual: Record<string, unknown>, expected: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(expected).map((k) => [k, actual[k]]));
}

async function answer(file: string, q: Query['query']): Promise<Record<string, unknown>> {
  const base = { file, ...(q.region === undefined ? {} : { region: q.region }) };
  switch (q.command) {
    case 'can': {
      const a = await accessCan({
        ...base,
        principal: q.principal!,
        environment: q.environment!,
        action: q.action!,
        ...(q.context ? { context: q.context } : {}),
        ...(q.resource ? { resource: q.resource } : {}),
      });
      const account = a.accounts[0]!;
      const grant = account.grants.find((g) => g.allowed) ?? account.grants[0];
      return {
        allowed: a.allowed,
        grants: account.grants.length,
        ownerOnly: a.ownerOnly.length,
        guardrails: account.guardrails.decision,
        ...(grant ? { permissionSet: grant.permissionSet, ...deciding(grant.result) } : {}),
      };
    }
    case 'who-can': {
      const a = await accessWhoCan({
        ...base,
        action: q.action!,
        ...(q.environment ? { environment: q.environment } : {}),
      });
      const names = (kind: string) =>
        [...new Set(a.allowed.filter((e) => e.principal.kind === kind).map((e) => e.principal.name))].sort();
      return {
        groups: names('group'),
        users: names('user'),
        permissionSets: [...new Set(a.allowed.map((e) => e.permissionSet))].sort(),
        blockedPolicies: [...new Set(a.blocked.map((e) => e.blockedBy?.decidedBy?.policy))].sort(),
      };
    }
    case 'explain': {
      const a = await accessExplain({
        ...base,
        message: q.message!,
        ...(q.environment ? { environment: q.environment } : {}),
      });
      return {
        ...deciding(a.result),
        account: a.account,
        user: a.user,
        permissionSet: a.permissionSet,
        agreesWithAws: a.agreesWithAws,
        evaluated: a.evaluated,
        verdict: a.verdict,
        parsedResource: a.parsed.resource,
        cause: a.cause,
        awsPolicyArn: a.awsPolicy?.arn,
        encodedMessage: a.parsed.encodedMessage !== undefined,
        awsPolicyType: a.parsed.reason?.policyType,
      };
    }
  }
}

const cases = readdirSync(ROOT).filter((d) => !d.startsWith('.'));

describe('access questions on spec cases', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(2));
  for (const dir of cases) {
    const queries = JSON.parse(readFileSync(join(ROOT, dir, 'queries.json'), 'utf8')) as Query[];
    describe(dir, () => {
      for (const q of queries) {
        it(q.name, async () => {
          const actual = await answer(join(ROOT, dir, 'org.yaml'), q.query);
          expect(pick(actual, q.expect)).toEqual(q.expect);
        });
      }
    });
  }
});
