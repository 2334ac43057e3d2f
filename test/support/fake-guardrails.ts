import { AWS_REGIONS, isKnownRegion } from '../../src/model/regions.js';
import { didYouMeanAmong } from '../../src/core/suggest.js';
import type { GuardrailDefinition, GuardrailProblem } from '../../src/guardrails/types.js';

// A small catalogue for tests of the spec side (validation, packing, plan), independent of the real one.

function onlyKeys(raw: unknown, allowed: string[]): GuardrailProblem[] {
  if (raw === undefined) return [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return [{ path: [], message: 'parameters must be a mapping' }];
  return Object.keys(raw)
    .filter((k) => !allowed.includes(k))
    .map((k) => ({
      path: [k],
      message: `unknown parameter "${k}"`,
      hint: allowed.length > 0 ? `it takes ${allowed.join(', ')}` : 'it takes no parameters',
    }));
}

function stringList(raw: unknown, key: string): { list: string[]; problems: GuardrailProblem[] } {
  const value = (raw as Record<string, unknown> | undefined)?.[key];
  if (value === undefined) return { list: [], problems: [] };
  if (!Array.isArray(value)) return { list: [], problems: [{ path: [key], message: `${key} must be a list` }] };
  const problems: GuardrailProblem[] = [];
  value.forEach((v, i) => {
    if (typeof v !== 'string') problems.push({ path: [key, i], message: `${key}[${i}] must be a string` });
  });
  return { list: value.filter((v): v is string => typeof v === 'string'), problems };
}

const denyLeave: GuardrailDefinition<Record<string, never>> = {
  name: 'deny-leave-organization',
  summary: 'Member accounts cannot leave the organization.',
  docPage: 'docs/guardrails/deny-leave-organization.md',
  parse: (raw) => {
    const problems = onlyKeys(raw, []);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, params: {} };
  },
  render: () => [
    { Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
  ],
};

const denyIamUsers: GuardrailDefinition<Record<string, never>> = {
  name: 'deny-iam-users',
  summary: 'No IAM users or access keys.',
  docPage: 'docs/guardrails/deny-iam-users.md',
  parse: denyLeave.parse,
  render: () => [
    { Sid: 'DenyIamUsers', Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey'], Resource: '*' },
  ],
};

const allowedRegions: GuardrailDefinition<{ regions: string[] }> = {
  name: 'allowed-regions',
  summary: 'Requests outside the listed Regions are denied.',
  docPage: 'docs/guardrails/allowed-regions.md',
  parse: (raw, ctx) => {
    const { list, problems } = stringList(raw, 'regions');
    problems.unshift(...onlyKeys(raw, ['regions']));
    list.forEach((r, i) => {
      if (!isKnownRegion(r))
        problems.push({
          path: ['regions', i],
          message: `"${r}" is not an AWS Region`,
          hint: didYouMeanAmong(r, AWS_REGIONS),
        });
    });
    const regions = list.length > 0 ? list : [...ctx.allowedRegions];
    if (regions.length === 0)
      problems.push({ path: [], message: 'no regions: give regions or organization.allowedRegions' });
    return problems.length > 0 ? { ok: false, problems } : { ok: true, params: { regions } };
  },
  render: ({ regions }) => [
    {
      Sid: 'AllowedRegionsDenyOthers',
      Effect: 'Deny',
      NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': regions } },
    },
  ],
};

/** Denies the listed actions: its size grows with the list, for the packing limits. */
const denyActions: GuardrailDefinition<{ actions: string[] }> = {
  name: 'deny-actions',
  summary: 'Denies the listed actions.',
  docPage: 'docs/guardrails/deny-actions.md',
  parse: (raw) => {
    const { list, problems } = stringList(raw, 'actions');
    problems.unshift(...onlyKeys(raw, ['actions']));
    if (list.length === 0 && problems.length === 0) problems.push({ path: [], message: 'actions is required' });
    return problems.length > 0 ? { ok: false, problems } : { ok: true, params: { actions: list } };
  },
  render: ({ actions }) => [{ Sid: 'DenyActions', Effect: 'Deny', Action: actions, Resource: '*' }],
};

export const FAKE_GUARDRAILS: ReadonlyMap<string, GuardrailDefinition> = new Map(
  [denyLeave, denyIamUsers, allowedRegions, denyActions].map((d) => [d.name, d as GuardrailDefinition]),
);

/** `n` distinct made-up actions of about 30 characters each, to fill a policy. */
export function manyActions(n: number, prefix = 'ec2'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}:DescribeSomethingNumber${String(i).padStart(4, '0')}`);
}
