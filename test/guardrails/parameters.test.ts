/** Bad guardrail parameters: each refused with a path relative to `parameters`, a message and a hint. */
import { describe, expect, it } from 'vitest';
import { GUARDRAILS } from '../../src/guardrails/catalogue/index.js';
import type { GuardrailProblem } from '../../src/guardrails/types.js';
import { CONTEXT } from './sample-parameters.js';

interface BadCase {
  use: string;
  parameters: unknown;
  allowedRegions?: string[];
  path: (string | number)[];
  message: RegExp;
  hint: RegExp;
}

const BAD: BadCase[] = [
  {
    use: 'allowed-regions',
    parameters: { regions: ['eu-west-1', 'eu-wset-2'] },
    path: ['regions', 1],
    message: /"eu-wset-2" is not an AWS Region/,
    hint: /`eu-west-2`/,
  },
  {
    use: 'allowed-regions',
    parameters: { region: ['eu-west-1'] },
    path: ['region'],
    message: /unknown parameter "region"/,
    hint: /did you mean `regions`/,
  },
  {
    use: 'allowed-regions',
    parameters: { regions: 'eu-west-1' },
    path: ['regions'],
    message: /must be a list of strings, not the string/,
    hint: /regions: \[eu-west-1\]/,
  },
  {
    use: 'allowed-regions',
    parameters: { regions: ['eu-west-1', 7] },
    path: ['regions', 1],
    message: /must be a non-empty string, not number 7/,
    hint: /e\.g\./,
  },
  {
    use: 'allowed-regions',
    parameters: { regions: ['eu-west-1', 'eu-west-1'] },
    path: ['regions', 1],
    message: /listed twice/,
    hint: /remove/,
  },
  {
    use: 'allowed-regions',
    parameters: { regions: [] },
    path: ['regions'],
    message: /regions is empty/,
    hint: /at least one/,
  },
  {
    use: 'allowed-regions',
    parameters: { regions: ['us-east-1'] },
    path: ['regions'],
    message: /leave out the home Region eu-west-1/,
    hint: /add eu-west-1/,
  },
  {
    use: 'allowed-regions',
    parameters: undefined,
    allowedRegions: [],
    path: [],
    message: /needs the Regions/,
    hint: /organization\.allowedRegions/,
  },
  {
    use: 'allowed-regions',
    parameters: { exemptRoles: ['Deployer'] },
    path: ['exemptRoles', 0],
    message: /not a role ARN pattern/,
    hint: /arn:aws:iam::\*:role\/Deployer/,
  },
  {
    use: 'allowed-regions',
    parameters: ['eu-west-1'],
    path: [],
    message: /parameters must be a mapping, not a list/,
    hint: /regions/,
  },
  {
    use: 'deny-leave-organization',
    parameters: { exemptRoles: [] },
    path: ['exemptRoles'],
    message: /unknown parameter/,
    hint: /takes no parameters/,
  },
  { use: 'deny-root-user', parameters: 'yes', path: [], message: /must be a mapping/, hint: /remove `parameters`/ },
  {
    use: 'protect-cloudtrail',
    parameters: { exemptRole: ['arn:aws:iam::*:role/X'] },
    path: ['exemptRole'],
    message: /unknown parameter/,
    hint: /did you mean `exemptRoles`/,
  },
  {
    use: 'protect-bulkhead-roles',
    parameters: { roles: ['arn:aws:iam::*:role/ci/Deployer'] },
    path: ['roles', 0],
    message: /not a role name/,
    hint: /not its ARN: ci\/Deployer/,
  },
  {
    use: 'protect-bulkhead-roles',
    parameters: { roles: ['bad role!'] },
    path: ['roles', 0],
    message: /not a role name/,
    hint: /OrganizationAccountAccessRole/,
  },
  {
    use: 'deny-expensive-instances',
    parameters: undefined,
    path: [],
    message: /needs allowedInstanceTypes/,
    hint: /allowedInstanceTypes: \[/,
  },
  {
    use: 'deny-expensive-instances',
    parameters: { allowedInstanceTypes: ['t3.mirco'] },
    path: ['allowedInstanceTypes', 0],
    message: /not an EC2 instance type/,
    hint: /`micro`/,
  },
  {
    use: 'deny-expensive-instances',
    parameters: { allowedInstanceTypes: ['T3.Micro'] },
    path: ['allowedInstanceTypes', 0],
    message: /not an EC2 instance type/,
    hint: /write t3\.micro/,
  },
  {
    use: 'deny-expensive-instances',
    parameters: { allowedInstanceTypes: ['*'] },
    path: ['allowedInstanceTypes', 0],
    message: /every instance type/,
    hint: /remove the guardrail/,
  },
  {
    use: 'deny-expensive-instances',
    parameters: { allowedInstanceTypes: [{ type: 't3.micro' }] },
    path: ['allowedInstanceTypes', 0],
    message: /not a mapping/,
    hint: /t3\.\*/,
  },
  { use: 'require-tags', parameters: {}, path: [], message: /needs tags/, hint: /tags: \[owner\]/ },
  {
    use: 'require-tags',
    parameters: { tags: ['aws:owner'] },
    path: ['tags', 0],
    message: /reserved for AWS/,
    hint: /another key/,
  },
  {
    use: 'require-tags',
    parameters: { tags: ['owner'], actions: ['RunInstances'] },
    path: ['actions', 0],
    message: /not an action/,
    hint: /service:Action/,
  },
  {
    use: 'require-tags',
    parameters: { tag: ['owner'] },
    path: ['tag'],
    message: /unknown parameter/,
    hint: /did you mean `tags`/,
  },
];

describe('guardrail parameters', () => {
  it.each(BAD.map((c) => [`${c.use} ${JSON.stringify(c.parameters)}`, c] as const))('refuses %s', (_, c) => {
    const ctx = c.allowedRegions ? { ...CONTEXT, allowedRegions: c.allowedRegions } : CONTEXT;
    const parsed = GUARDRAILS.get(c.use)!.parse(c.parameters, ctx);
    expect(parsed.ok).toBe(false);
    const problems: GuardrailProblem[] = parsed.ok ? [] : parsed.problems;
    const problem = problems.find((p) => JSON.stringify(p.path) === JSON.stringify(c.path));
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem!.message).toMatch(c.message);
    expect(problem!.hint).toMatch(c.hint);
  });

  it('reports every problem of a use in one pass', () => {
    const parsed = GUARDRAILS.get('allowed-regions')!.parse(
      { regions: ['eu-west-1', 'mars-1'], exemptRoles: ['x'], extra: 1 },
      CONTEXT,
    );
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual([
      ['extra'],
      ['regions', 1],
      ['exemptRoles', 0],
    ]);
  });

  it('takes the Regions from organization.allowedRegions when the use lists none', () => {
    const parsed = GUARDRAILS.get('allowed-regions')!.parse(undefined, CONTEXT);
    expect(parsed).toEqual({ ok: true, params: { regions: ['eu-west-1', 'eu-central-1'], exemptRoles: [] } });
  });

  it('fills the defaults of protect-bulkhead-roles and require-tags', () => {
    const roles = GUARDRAILS.get('protect-bulkhead-roles')!.parse({}, CONTEXT);
    expect(roles).toEqual({ ok: true, params: { roles: ['OrganizationAccountAccessRole'], exemptRoles: [] } });
    const tags = GUARDRAILS.get('require-tags')!.parse({ tags: ['owner'] }, CONTEXT);
    expect(tags.ok && (tags.params as { actions: string[] }).actions).toContain('ec2:RunInstances');
  });
});
