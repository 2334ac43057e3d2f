/**
 * Differential property test: Bulkhead's evaluator against @cloud-copilot/iam-simulate (AGPL; a dev-only oracle,
 * never imported from src/). Every generated shape must agree; known, documented divergences are excluded below
 * with a pointer to the case file that pins our behaviour.
 */
import { runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestContext } from '../../src/access/context-keys.js';
import { evaluate, type AccessRequest, type PolicySet } from '../../src/access/index.js';
import { policySetArb, requestArb } from './arbitraries.js';

const ORACLE: Record<string, string> = {
  Allowed: 'allowed',
  ExplicitlyDenied: 'explicit-deny',
  ImplicitlyDenied: 'implicit-deny',
};

function oracle(request: AccessRequest, set: PolicySet): string {
  const context: Record<string, string | string[]> = {};
  for (const [k, v] of new RequestContext(request).complete()) context[k] = v;
  const simulation: Simulation = {
    request: {
      principal: request.principal.arn,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount! },
      contextVariables: context,
    },
    identityPolicies: (set.identityPolicies ?? []).map((p) => ({ name: p.name, policy: p.document })),
    serviceControlPolicies: (set.scpLevels ?? []).map((l) => ({
      orgIdentifier: l.target,
      policies: l.policies.map((p) => ({ name: p.name, policy: p.document })),
    })),
    resourceControlPolicies: [],
    // runUnsafeSimulation loads the resource policy without a name and then reads it; a pre-validated
    // wrapper (iam-policy's own format) carries the name and sidesteps that crash.
    resourcePolicy:
      set.resourcePolicy === undefined
        ? undefined
        : {
            __validated: true,
            policyDocument: set.resourcePolicy.document,
            metadata: { name: set.resourcePolicy.name },
            errors: [],
          },
    permissionBoundaryPolicies:
      set.permissionBoundary === undefined
        ? undefined
        : [{ name: set.permissionBoundary.name, policy: set.permissionBoundary.document }],
  };
  return ORACLE[runUnsafeSimulation(simulation, {})] ?? 'unknown';
}

function ours(request: AccessRequest, set: PolicySet): string {
  const r = evaluate(request, set);
  if (!r.ok) return `error: ${r.errors.map((e) => e.message).join('; ')}`;
  return r.decision;
}

function conditionsOf(set: PolicySet): Array<[string, string, string[]]> {
  const out: Array<[string, string, string[]]> = [];
  const docs = [
    ...(set.scpLevels ?? []).flatMap((l) => l.policies),
    ...(set.identityPolicies ?? []),
    ...(set.permissionBoundary ? [set.permissionBoundary] : []),
    ...(set.resourcePolicy ? [set.resourcePolicy] : []),
  ].map((p) => p.document);
  for (const doc of docs) {
    for (const st of Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) {
      for (const [op, keys] of Object.entries(st.Condition ?? {})) {
        for (const [key, values] of Object.entries(keys))
          out.push([op, key, (Array.isArray(values) ? values : [values]).map(String)]);
      }
    }
  }
  return out;
}

/**
 * Shapes where iam-simulate departs from AWS's documented behaviour; each is pinned by a case file.
 * - NotIpAddress with a bare IPv4/IPv6 address (no prefix) and a request address of the other family: the oracle
 *   returns false, although the address is not the listed one (it returns true for the same address written as
 *   a /32 CIDR). See test/cases/access/ip/notipaddress-bare-address-other-family.json.
 * - IPv4 CIDRs with prefix /0: the oracle computes the mask as `-1 << 32`, which JavaScript reads as `-1 << 0`,
 *   so 0.0.0.0/0 only matches 0.0.0.0. RFC 4632: /0 covers every IPv4 address.
 *   See test/cases/access/ip/ipaddress-slash-zero-matches-all.json.
 * - Date operators with epoch values: AWS reads epoch (UNIX) time in seconds; the oracle compares the bare
 *   integer with JavaScript milliseconds from Date.parse. See test/cases/access/date/epoch-seconds-*.json.
 * - `ForAnyValue:…IfExists` with the key absent: AWS documents IfExists as "if the key is not present, evaluate
 *   the condition element as true"; the oracle returns false. See test/cases/access/set-operators/foranyvalue-ifexists-absent-key.json.
 */
function excluded(request: AccessRequest, set: PolicySet): boolean {
  const ip = request.context?.['aws:SourceIp'];
  const time = request.context?.['aws:CurrentTime'];
  const epoch = (v: unknown): boolean => typeof v === 'string' && /^\d+$/.test(v);
  const empty = (v: unknown): boolean => v === '' || (Array.isArray(v) && v.length === 0);
  return conditionsOf(set).some(
    ([op, key, values]) =>
      // AWS: an empty value "resolves to a null data set": Null false is false for it, ForAllValues true, ForAnyValue
      // false. iam-simulate treats an empty list as a present key (excluded; pinned in test/cases/access).
      ((/^Null$/i.test(op) || /^For(All|Any)Value/i.test(op)) && empty(request.context?.[key])) ||
      (/^Date/i.test(op) && (epoch(time) || values.some(epoch))) ||
      (/^ForAnyValue:.*IfExists$/i.test(op) && request.context?.[key] === undefined) ||
      (/^NotIpAddress/i.test(op) &&
        typeof ip === 'string' &&
        values.some((v) => !v.includes('/') && v.includes(':') !== ip.includes(':'))) ||
      (/IpAddress/i.test(op) && values.some((v) => !v.includes(':') && v.endsWith('/0'))),
  );
}

describe('differential: evaluator vs iam-simulate', () => {
  it('agrees on generated requests and policy sets', () => {
    fc.assert(
      fc.property(requestArb, policySetArb, (request, set) => {
        fc.pre(!excluded(request, set));
        expect(ours(request, set)).toBe(oracle(request, set));
      }),
      {
        numRuns: Number(process.env.ACCESS_DIFF_RUNS ?? 15000),
        seed: process.env.ACCESS_DIFF_SEED === undefined ? undefined : Number(process.env.ACCESS_DIFF_SEED),
      },
    );
    // 15,000 runs take about 10 s on an idle core; a loaded CI machine gets more room than the default 30 s.
  }, 120_000);
});

describe('differential generator', () => {
  it('produces every decision often enough to be a meaningful comparison', () => {
    const counts: Record<string, number> = {};
    for (const [request, set] of fc.sample(fc.tuple(requestArb, policySetArb), { numRuns: 2000, seed: 7 })) {
      const key = ours(request, set);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    for (const decision of ['allowed', 'explicit-deny', 'implicit-deny'])
      expect(counts[decision] ?? 0).toBeGreaterThan(100);
    expect(Object.keys(counts).filter((k) => k.startsWith('error'))).toEqual([]);
  });
});
