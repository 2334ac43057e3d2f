/**
 * What a change to the spec does to access: the access matrix before and after, compared per group,
 * environment and action ("Developers gain dynamodb:DeleteTable in prod"). Grants in production are flagged.
 * Pure apart from reading the IAM service reference and the managed-policy cache; `bulkhead plan` prints it.
 */
import { computeMatrix, ALLOWED, type AccessMatrixData } from '../access/matrix.js';
import { accessOrgFromSpec, type AccessOrg } from '../access/org-view.js';
import { PermissionSetResolver } from '../access/permission-set-policies.js';
import { awsManagedPolicies } from './managed-policies.js';
import type { OrgModel } from '../model/organization.js';
import { checkManagedPolicies } from './access-source.js';
import { matrixActions } from './access.js';
import type { AccessGrantChange } from './access-grants.js';

export interface AccessChange {
  group: string;
  environment: string;
  /** The environment is of kind production. */
  production: boolean;
  change: 'gain' | 'lose';
  actions: string[];
}

export interface AccessDiff {
  changes: AccessChange[];
  /** Human lines, production gains first: "Developers gain dynamodb:DeleteTable in prod". */
  lines: string[];
  /** How many actions were compared per group and environment. */
  actionsCompared: number;
  /** False when the access grid (identity) was the spec's on both sides, so grid changes do not show. */
  gridCompared?: boolean;
  /**
   * Who gains or loses which permission set where: the plan's account-assignment changes (diffs against the live
   * assignments), production first. Printed before the per-action lines, in the same section.
   */
  grants?: AccessGrantChange[];
  /** One human line per entry of `grants`. */
  grantLines?: string[];
}

export interface AccessDiffOptions {
  /** As `access matrix --actions`: read, write, admin and/or action patterns; default: every action of common services. */
  actions?: string[];
  /** Actions listed per line before "and N more". */
  listLimit?: number;
}

/** A side of the comparison: a spec, or an organization already in the access questions' terms (live identity). */
export type AccessSide = OrgModel | { org: AccessOrg; resolver: PermissionSetResolver };

function matrixOf(
  side: AccessSide,
  actions: Awaited<ReturnType<typeof matrixActions>>,
  region: string,
): AccessMatrixData {
  if ('org' in side) return computeMatrix(side.org, side.resolver, actions, { region });
  const resolver = new PermissionSetResolver(side.identity, awsManagedPolicies());
  checkManagedPolicies(side, resolver);
  return computeMatrix(accessOrgFromSpec(side), resolver, actions, { region });
}

function allowedSets(data: AccessMatrixData): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const row of data.rows) {
    const set = new Set<string>();
    row.statuses.forEach((s, i) => {
      if (s === ALLOWED) set.add(data.actions[i]!.action);
    });
    out.set(`${row.group}\u0000${row.environment}`, set);
  }
  return out;
}

function describe(c: AccessChange, limit: number): string {
  const shown = c.actions.slice(0, limit).join(', ');
  const more = c.actions.length > limit ? ` and ${c.actions.length - limit} more` : '';
  const flag = c.production && c.change === 'gain' ? ' [production]' : '';
  return `${c.group} ${c.change} ${shown}${more} in ${c.environment}${flag}`;
}

/** Compares what every group may do in every environment before and after. */
export async function accessDiff(
  before: AccessSide,
  after: OrgModel,
  options: AccessDiffOptions = {},
): Promise<AccessDiff> {
  const actions = await matrixActions(options.actions);
  const region = after.homeRegion;
  const a = allowedSets(matrixOf(before, actions, region));
  const b = allowedSets(matrixOf(after, actions, region));
  const changes: AccessChange[] = [];
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  for (const key of keys) {
    const [group = '', environment = ''] = key.split('\u0000');
    const was = a.get(key) ?? new Set<string>();
    const now = b.get(key) ?? new Set<string>();
    const production = after.environments.get(environment)?.kind === 'production';
    const gained = [...now].filter((x) => !was.has(x)).sort();
    const lost = [...was].filter((x) => !now.has(x)).sort();
    if (gained.length > 0) changes.push({ group, environment, production, change: 'gain', actions: gained });
    if (lost.length > 0) changes.push({ group, environment, production, change: 'lose', actions: lost });
  }
  changes.sort(
    (x, y) =>
      Number(y.production && y.change === 'gain') - Number(x.production && x.change === 'gain') ||
      x.group.localeCompare(y.group) ||
      x.environment.localeCompare(y.environment) ||
      x.change.localeCompare(y.change),
  );
  const limit = options.listLimit ?? 5;
  return { changes, lines: changes.map((c) => describe(c, limit)), actionsCompared: actions.length };
}

/** Plain text for `bulkhead plan`: a heading and one line per change, production gains marked with `!`. */
const GRID_NOT_COMPARED =
  'Changes to the access grid (identity: groups, permission sets, assignments) are not compared: the spec is ' +
  'not in a git repository with an earlier version at HEAD; pass --baseline OLD.yaml to see them.';

export function renderAccessDiff(diff: AccessDiff): string {
  const note = diff.gridCompared === false ? `\n${GRID_NOT_COMPARED}` : '';
  const grants = diff.grants ?? [];
  const grantLines = grants.map(
    (g, i) =>
      `  ${g.change === 'gain' ? (g.production ? '!' : '+') : g.production ? '!' : '-'} ${diff.grantLines?.[i] ?? ''}`,
  );
  if (diff.changes.length === 0 && grants.length === 0 && diff.actionsCompared === 0) {
    return `Access: the plan changes no guardrail and no account.${note}`;
  }
  if (diff.changes.length === 0 && grants.length === 0) {
    const what = diff.gridCompared === false ? 'no change from the live guardrails and accounts' : 'no change';
    return `Access: ${what} (${diff.actionsCompared} actions compared per group and environment).${note}`;
  }
  const lines = diff.changes.map(
    (c, i) => `  ${c.change === 'gain' ? (c.production ? '!' : '+') : '-'} ${diff.lines[i]}`,
  );
  const head =
    diff.actionsCompared > 0
      ? `Access changes (${diff.actionsCompared} actions compared per group and environment):`
      : 'Access changes:';
  return [head, ...grantLines, ...lines].join('\n') + note;
}
