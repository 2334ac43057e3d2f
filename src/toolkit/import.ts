import { UsageError } from '../core/errors.js';
import { didYouMeanAmong, showInvisible } from '../core/suggest.js';
import type { ObservedOrg } from '../model/observed.js';
import type { ObservedIdentity } from '../model/observed-identity.js';
import { importIdentity } from './import-identity.js';
import { AWS_REGIONS, isKnownRegion } from '../model/regions.js';
import type { EnvironmentKind } from '../model/environment.js';
import { renderTemplate, type YamlPath } from '../templates/render.js';

export interface ImportOptions {
  name?: string;
  homeRegion?: string;
}

/** Refuses options that would make the imported spec fail `validate`, before anything is read. */
export function checkImportOptions(options: ImportOptions): void {
  if (options.homeRegion !== undefined && !isKnownRegion(options.homeRegion))
    throw new UsageError(
      `"${showInvisible(options.homeRegion)}" is not an AWS Region`,
      didYouMeanAmong(options.homeRegion, AWS_REGIONS) ?? 'e.g. --home-region eu-west-1',
    );
}

// Name fragments that suggest an environment kind; the first match wins. Users confirm each guess.
const GUESSES: [RegExp, EnvironmentKind][] = [
  [/prod|prd|live/i, 'production'],
  [/stag|stg|qa|uat|preprod|test/i, 'staging'],
  [/sandbox|playground|sbx/i, 'sandbox'],
  [/log|archive|audit-log/i, 'log-archive'],
  [/secur|audit/i, 'security'],
  [/network|transit|vpc/i, 'network'],
  [/backup/i, 'backup'],
  [/build|ci|cd|deploy|tools|pipeline/i, 'build'],
  [/shared|common|platform/i, 'shared-services'],
  [/dev/i, 'development'],
];

export function guessEnvironmentKind(name: string): { kind: EnvironmentKind; sure: boolean } {
  for (const [re, kind] of GUESSES) if (re.test(name)) return { kind, sure: true };
  return { kind: 'development', sure: false };
}

function environmentName(accountName: string, orgName: string): string {
  const trimmed = accountName.toLowerCase().replace(new RegExp(`^${orgName.toLowerCase()}[-_ ]`), '');
  return trimmed.replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'default';
}

const WITHOUT = new Set(['managed-by', 'environment']);
const userTags = (tags: Record<string, string>) =>
  Object.fromEntries(Object.entries(tags).filter(([k]) => !WITHOUT.has(k)));

/**
 * Writes a spec describing an existing organization, so that `plan` right after shows no changes:
 * accounts are adopted by id, OUs and SCPs kept as they are, each account given an environment
 * guessed from its name (marked in a comment for the user to confirm). With `identity` (IAM Identity Center as
 * refreshed), also users, groups, permission sets and the access grid; `warnings` name what did not fit.
 */
export function importSpec(
  observed: ObservedOrg,
  options: ImportOptions = {},
  identity?: ObservedIdentity,
): {
  text: string;
  guesses: { account: string; environment: string; kind: string; sure: boolean }[];
  warnings: string[];
} {
  if (!observed.organization || !observed.root) throw new Error('importSpec needs an organization');
  const mgmtId = observed.organization.managementAccountId;
  const mgmt = observed.accounts.find((a) => a.id === mgmtId);
  const orgName =
    options.name ??
    (mgmt?.name.replace(/[-_ ]?(management|master|payer|root).*$/i, '') || 'organization')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-');
  const comments: [YamlPath, string][] = [];
  const environments: Record<string, Record<string, unknown>> = {};
  const guesses: { account: string; environment: string; kind: string; sure: boolean }[] = [];
  const members = observed.accounts.filter((a) => a.id !== mgmtId && a.status === 'ACTIVE');
  const accounts = members.map((a, i) => {
    const environment = a.tags['environment'] ?? environmentName(a.name, orgName);
    const guess = guessEnvironmentKind(environment);
    if (!environments[environment]) {
      environments[environment] = { kind: guess.kind };
      comments.push([
        ['environments', environment],
        guess.sure
          ? `guessed from the name "${a.name}": confirm the kind`
          : `no clue in the name "${a.name}": set the right kind`,
      ]);
    }
    guesses.push({ account: a.name, environment, kind: guess.kind, sure: guess.sure });
    const tags = userTags(a.tags);
    if (i === 0)
      comments.push([['accounts', 0], 'adopted by id: Bulkhead manages these accounts without recreating them']);
    return { name: a.name, email: a.email, environment, id: a.id, ...(Object.keys(tags).length ? { tags } : {}) };
  });
  const ouTree = (parentId: string): Record<string, unknown>[] =>
    observed.organizationalUnits
      .filter((o) => o.parentId === parentId)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((o) => {
        const placed = members.filter((a) => a.parentId === o.id).map((a) => a.name);
        const children = ouTree(o.id);
        const tags = userTags(o.tags);
        return {
          name: o.name,
          ...(placed.length ? { accounts: placed } : {}),
          ...(children.length ? { children } : {}),
          ...(Object.keys(tags).length ? { tags } : {}),
        };
      });
  const keyOf = (id: string): string | undefined => {
    if (id === observed.root!.id) return 'root';
    const ou = observed.organizationalUnits.find((o) => o.id === id);
    if (ou) return `ou:${ou.path}`;
    const account = members.find((a) => a.id === id);
    return account ? `account:${account.name}` : undefined;
  };
  const scps = observed.policies
    .filter((p) => !p.awsManaged)
    .map((p) => {
      const tags = userTags(p.tags);
      return {
        name: p.name,
        ...(p.description ? { description: p.description } : {}),
        targets: p.targetIds.map(keyOf).filter((k): k is string => k !== undefined),
        document: JSON.parse(p.content) as unknown,
        ...(Object.keys(tags).length ? { tags } : {}),
      };
    });
  const imported =
    identity === undefined
      ? undefined
      : importIdentity(
          identity,
          accounts.map((a) => ({ id: a.id, name: a.name, environment: a.environment })),
          { id: mgmtId, name: mgmt?.name ?? 'management' },
        );
  for (const [environment, owner] of Object.entries(imported?.owners ?? {}))
    if (environments[environment]) environments[environment].owner = owner;
  comments.push(...(imported?.comments ?? []));
  const value: Record<string, unknown> = {
    version: 1,
    organization: {
      name: orgName,
      managementAccount: { name: mgmt?.name ?? 'management', email: mgmt?.email ?? '', id: mgmtId },
      homeRegion: options.homeRegion ?? 'us-east-1',
    },
    environments,
    organizationalUnits: ouTree(observed.root.id),
    accounts,
    ...(scps.length ? { policies: { serviceControlPolicies: scps } } : {}),
    ...(imported?.identity !== undefined ? { identity: imported.identity } : {}),
  };
  comments.push([
    ['environments'],
    'Every account belongs to one environment. These were guessed from account names:\nreview each kind before the first apply.',
  ]);
  const text = renderTemplate({
    header: [`Imported by \`bulkhead import\` from organization ${observed.organization.id}.`],
    value,
    comments,
    flow: [],
  });
  return { text, guesses, warnings: imported?.warnings ?? [] };
}
