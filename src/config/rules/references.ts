import { AWS_REGIONS, isKnownRegion } from '../../model/regions.js';
import { didYouMeanAmong } from '../../core/suggest.js';
import type { PolicyTarget } from '../../model/organization.js';
import type { Path, RuleContext } from './context.js';
import { referenceHint } from './names.js';

export function checkEnvironmentReferences(ctx: RuleContext): void {
  const envs = ctx.spec.environments ?? {};
  const envNames = Object.keys(envs);
  const users = new Set((ctx.spec.identity?.users ?? []).map((u) => u.userName));
  const used = new Set<string>();
  (ctx.spec.accounts ?? []).forEach((account, i) => {
    const refs: [string, Path][] = [
      [account.environment, ['accounts', i, 'environment']],
      ...(account.alsoHosts ?? []).map((e, j): [string, Path] => [e, ['accounts', i, 'alsoHosts', j]]),
    ];
    for (const [env, path] of refs) {
      used.add(env);
      if (!(env in envs) && !ctx.isDropped('environments', env))
        ctx.error(
          'E-UNKNOWN-ENVIRONMENT',
          path,
          `account "${account.name}" refers to environment "${env}", which is not defined under environments`,
          { hint: referenceHint(env, envNames, 'environments') },
        );
    }
  });
  for (const [name, env] of Object.entries(envs)) {
    if (env.owner !== undefined && !users.has(env.owner) && !ctx.isDropped('users', env.owner)) {
      ctx.error(
        'E-UNKNOWN-USER',
        ['environments', name, 'owner'],
        `environment "${name}" is owned by "${env.owner}", who is not defined under identity.users`,
        { hint: referenceHint(env.owner, users, 'users') },
      );
    }
    if (!used.has(name) && !ctx.hasDropped('accounts')) {
      ctx.warn('W-UNUSED-ENVIRONMENT', ['environments', name], `environment "${name}" has no account`, {
        hint: 'give it an account (accounts[].environment) or remove it',
        atKey: true,
      });
    }
  }
  // With an external identity source members are the IdP's (and ignored, W-EXTERNAL-MEMBERS-IGNORED).
  if (ctx.spec.identity?.source === 'external') return;
  (ctx.spec.identity?.groups ?? []).forEach((group, i) => {
    (group.members ?? []).forEach((member, j) => {
      if (!users.has(member) && !ctx.isDropped('users', member))
        ctx.error(
          'E-UNKNOWN-USER',
          ['identity', 'groups', i, 'members', j],
          `group "${group.name}" lists member "${member}", who is not defined under identity.users`,
          { hint: referenceHint(member, users, 'users') },
        );
    });
  });
}

/**
 * Parses an SCP target (`root`, `ou:Path`, `account:name`) and checks that it exists. `unknownCode` replaces
 * E-UNKNOWN-OU and E-UNKNOWN-ACCOUNT (guardrails report E-GUARDRAIL-TARGET).
 */
export function resolveTarget(
  ctx: RuleContext,
  raw: string,
  path: Path,
  ouPaths: Set<string>,
  accountNames: Set<string>,
  unknownCode?: string,
): PolicyTarget | undefined {
  if (raw === 'root') return { type: 'root' };
  const colon = raw.indexOf(':');
  const type = colon < 0 ? '' : raw.slice(0, colon);
  const ref = colon < 0 ? raw : raw.slice(colon + 1);
  if (type === 'ou') {
    if (ouPaths.has(ref)) return { type: 'ou', path: ref };
    if (ref.split('/').some((part) => ctx.isDropped('organizationalUnits', part))) return undefined;
    ctx.error(
      unknownCode ?? 'E-UNKNOWN-OU',
      path,
      `target "${raw}" names OU "${ref}", which is not defined under organizationalUnits`,
      { hint: `${referenceHint(ref, ouPaths, 'OU paths')} (OU paths are written Parent/Child)` },
    );
    return undefined;
  }
  if (type === 'account') {
    if (accountNames.has(ref)) return { type: 'account', name: ref };
    if (ctx.isDropped('accounts', ref)) return undefined;
    if (ref === ctx.spec.organization.managementAccount.name) {
      ctx.warn(
        'BP-SCP-ON-MANAGEMENT',
        path,
        `SCPs do not apply to the management account "${ref}"; this attachment has no effect`,
        { hint: 'remove the target; protect the management account by running no workloads in it' },
      );
      return undefined;
    }
    ctx.error(
      unknownCode ?? 'E-UNKNOWN-ACCOUNT',
      path,
      `target "${raw}" names account "${ref}", which is not defined under accounts`,
      { hint: referenceHint(ref, accountNames, 'accounts') },
    );
    return undefined;
  }
  const guess = ouPaths.has(raw) ? `ou:${raw}` : accountNames.has(raw) ? `account:${raw}` : undefined;
  ctx.error('E-BAD-TARGET', path, `target "${raw}" must be \`root\`, \`ou:<path>\` or \`account:<name>\``, {
    hint: guess ? `did you mean \`${guess}\`?` : 'e.g. ou:Workloads/Prod or account:prod',
  });
  return undefined;
}

export function checkRegions(ctx: RuleContext): void {
  const org = ctx.spec.organization;
  const check = (region: string, path: Path) => {
    if (isKnownRegion(region)) return true;
    ctx.error('E-UNKNOWN-REGION', path, `"${region}" is not an AWS Region`, {
      hint: didYouMeanAmong(region, AWS_REGIONS) ?? 'Region names look like eu-west-1 or us-east-2',
    });
    return false;
  };
  const homeKnown = check(org.homeRegion, ['organization', 'homeRegion']);
  const allowed = org.allowedRegions ?? [];
  allowed.forEach((r, i) => check(r, ['organization', 'allowedRegions', i]));
  if (allowed.length > 0 && homeKnown && !allowed.includes(org.homeRegion)) {
    ctx.error(
      'E-HOME-REGION-NOT-ALLOWED',
      ['organization', 'homeRegion'],
      `home region ${org.homeRegion} is not among the allowed regions (${allowed.join(', ')})`,
      { hint: `add ${org.homeRegion} to allowedRegions` },
    );
  }
}
