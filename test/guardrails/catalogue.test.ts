import { describe, expect, it } from 'vitest';
import { SCP_MAX_SIZE, scpSize, validatePolicyDocument } from '../../src/config/policy/index.js';
import { GUARDRAILS, unknownGuardrailHint } from '../../src/guardrails/catalogue/index.js';
import { actionsOf, patternMatchesAny } from '../../src/iam/service-reference.js';
import { CONTEXT, SAMPLE_PARAMETERS } from './sample-parameters.js';

const NAMES = [
  'allowed-regions',
  'deny-leave-organization',
  'deny-iam-users',
  'deny-root-user',
  'protect-cloudtrail',
  'protect-security-services',
  'protect-bulkhead-roles',
  'deny-expensive-instances',
  'require-tags',
];

function rendered(name: string) {
  const g = GUARDRAILS.get(name)!;
  const parsed = g.parse(SAMPLE_PARAMETERS[name], CONTEXT);
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
  return g.render(parsed.params, CONTEXT);
}

function actionsIn(statement: Record<string, unknown>): string[] {
  const list = statement.Action ?? statement.NotAction;
  return (Array.isArray(list) ? list : [list]).filter((a): a is string => typeof a === 'string' && a !== '*');
}

describe('the guardrail catalogue', () => {
  it('holds the nine guardrails of the design, keyed by their names', () => {
    expect([...GUARDRAILS.keys()]).toEqual(NAMES);
    for (const [name, g] of GUARDRAILS) expect(g.name).toBe(name);
  });

  it.each(NAMES)('%s renders an SCP the validator accepts, within the size limit', async (name) => {
    const document = { Version: '2012-10-17', Statement: rendered(name) };
    expect(await validatePolicyDocument(document, 'scp')).toEqual([]);
    expect(scpSize(document)).toBeLessThanOrEqual(SCP_MAX_SIZE);
  });

  it.each(NAMES)('%s names only actions of the IAM service reference', async (name) => {
    for (const statement of rendered(name))
      for (const action of actionsIn(statement)) {
        const [service, pattern] = action.split(':') as [string, string];
        const actions = await actionsOf(service);
        expect(actions, `${action}: service`).toBeDefined();
        const exists = /[*?]/.test(pattern)
          ? patternMatchesAny(service, pattern, actions!)
          : actions!.lowerSet.has(pattern.toLowerCase());
        expect(exists, action).toBe(true);
      }
  });

  it('gives every statement a Sid unique in the catalogue and prefixed by its guardrail', () => {
    const seen = new Set<string>();
    for (const name of NAMES) {
      const prefix = name.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase());
      for (const s of rendered(name)) {
        const sid = String(s.Sid);
        expect(sid.toLowerCase().startsWith(prefix.toLowerCase()), `${sid} in ${name}`).toBe(true);
        expect(seen.has(sid), sid).toBe(false);
        seen.add(sid);
      }
    }
  });

  it('suggests the closest name for a misspelt guardrail', () => {
    expect(unknownGuardrailHint('allowed-region')).toContain('`allowed-regions`');
    expect(unknownGuardrailHint('zzz')).toContain('deny-root-user');
  });
});
