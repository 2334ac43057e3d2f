import { ENVIRONMENT_KINDS } from '../../model/environment.js';
import type { AccessAssignment } from '../../model/organization.js';
import { didYouMeanAmong } from '../../core/suggest.js';
import type { RuleContext } from './context.js';
import { referenceHint } from './names.js';

/** Environments an access-grid selector names: an exact name, a glob such as `staging-*`, or `kind:sandbox`. */
export function matchEnvironments(selector: string, environments: Record<string, { kind: string }>): string[] {
  if (selector.startsWith('kind:')) {
    const kind = selector.slice(5);
    return Object.entries(environments)
      .filter(([, e]) => e.kind === kind)
      .map(([n]) => n);
  }
  if (selector.includes('*') || selector.includes('?')) {
    const re = new RegExp(
      `^${selector
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    return Object.keys(environments).filter((n) => re.test(n));
  }
  return selector in environments ? [selector] : [];
}

/** Checks the access grid and resolves it to one assignment per group × environment × permission set. */
export function resolveAccessGrid(ctx: RuleContext): AccessAssignment[] {
  const identity = ctx.spec.identity ?? {};
  const envs = ctx.spec.environments ?? {};
  // The first definition counts; a duplicate is reported as E-DUPLICATE-GROUP.
  const groups = new Map([...(identity.groups ?? [])].reverse().map((g) => [g.name, g]));
  const sets = new Set((identity.permissionSets ?? []).map((p) => p.name));
  const userNames = new Set((identity.users ?? []).map((u) => u.userName));
  const out: AccessAssignment[] = [];
  for (const [groupName, row] of Object.entries(identity.access ?? {})) {
    const group = groups.get(groupName);
    if (!group) {
      if (ctx.isDropped('groups', groupName)) continue;
      ctx.error(
        'E-UNKNOWN-GROUP',
        ['identity', 'access', groupName],
        `the access grid names group "${groupName}", which is not defined under identity.groups`,
        { hint: referenceHint(groupName, groups.keys(), 'groups'), atKey: true },
      );
      continue;
    }
    for (const [selector, grant] of Object.entries(row)) {
      const path = ['identity', 'access', groupName, selector];
      const permissionSet = typeof grant === 'string' ? grant : grant.permissionSet;
      const ownerOnly = typeof grant === 'object' && grant.ownerOnly === true;
      const management = typeof grant === 'object' && grant.includeManagementAccount === true;
      const extra = management ? { includeManagementAccount: true } : {};
      if (!sets.has(permissionSet) && !ctx.isDropped('permissionSets', permissionSet)) {
        ctx.error(
          'E-UNKNOWN-PERMISSION-SET',
          typeof grant === 'string' ? path : [...path, 'permissionSet'],
          `permission set "${permissionSet}" is not defined under identity.permissionSets`,
          { hint: referenceHint(permissionSet, sets, 'permission sets') },
        );
      }
      const matched = matchEnvironments(selector, envs);
      if (matched.length === 0 && ctx.isDropped('environments', selector)) continue;
      if (matched.length === 0) {
        if (selector.startsWith('kind:')) {
          const kind = selector.slice(5);
          const known = (ENVIRONMENT_KINDS as readonly string[]).includes(kind);
          ctx.error(
            known ? 'E-SELECTOR-MATCHES-NOTHING' : 'E-UNKNOWN-ENVIRONMENT-KIND',
            path,
            known ? `no environment is of kind "${kind}"` : `"${kind}" is not an environment kind`,
            {
              hint: known
                ? 'remove the row or add such an environment'
                : (didYouMeanAmong(kind, ENVIRONMENT_KINDS) ?? `kinds: ${ENVIRONMENT_KINDS.join(', ')}`),
              atKey: true,
            },
          );
        } else if (selector.includes('*') || selector.includes('?')) {
          ctx.error('E-SELECTOR-MATCHES-NOTHING', path, `"${selector}" matches no environment`, {
            hint: referenceHint(selector.replace(/[*?]/g, ''), Object.keys(envs), 'environments'),
            atKey: true,
          });
        } else {
          ctx.error(
            'E-UNKNOWN-ENVIRONMENT',
            path,
            `the access grid names environment "${selector}", which is not defined under environments`,
            { hint: referenceHint(selector, Object.keys(envs), 'environments'), atKey: true },
          );
        }
        continue;
      }
      const external = identity.source === 'external';
      for (const environment of matched) {
        if (!ownerOnly) {
          out.push({ group: groupName, environment, permissionSet, ...extra });
          continue;
        }
        const owner = envs[environment]?.owner;
        if (owner === undefined) {
          ctx.error(
            'E-OWNER-ONLY-NO-OWNER',
            path,
            `ownerOnly grants ${permissionSet} to the owner of environment "${environment}", which has no owner`,
            {
              hint: `set \`owner:\` on environment "${environment}", or drop ownerOnly to grant the whole group`,
              atKey: true,
            },
          );
          continue;
        }
        // With an external identity source the IdP holds the memberships; plan checks them live.
        if (!external && !(group.members ?? []).includes(owner)) {
          // An owner who is no user at all is reported (E-UNKNOWN-USER) at the environment.
          if (ctx.isDropped('users', owner) || !userNames.has(owner)) continue;
          ctx.error(
            'E-OWNER-NOT-MEMBER',
            path,
            `ownerOnly grants ${permissionSet} in "${environment}" to its owner "${owner}", who is not a member of group "${groupName}"`,
            {
              hint: `add ${owner} to the members of ${groupName}, or grant the owner through a group they belong to`,
              atKey: true,
            },
          );
          continue;
        }
        out.push({ group: groupName, environment, permissionSet, user: owner, ...extra });
      }
    }
  }
  return out;
}
