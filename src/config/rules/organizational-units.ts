import type { OrganizationalUnitSpec } from '../schema.js';
import type { Path, RuleContext } from './context.js';
import { referenceHint } from './names.js';

// AWS Organizations: OUs nest at most five levels below the root.
export const MAX_OU_DEPTH = 5;
// AWS Organizations: an OU name is 1-128 characters.
const MAX_OU_NAME = 128;

export interface WalkedOu {
  ou: OrganizationalUnitSpec;
  path: string;
  parentPath: string | null;
  depth: number;
  specPath: Path;
}

/** Every OU in the spec, depth first, with its `/`-separated path below the root. */
export function walkOus(ous: readonly OrganizationalUnitSpec[] | undefined): WalkedOu[] {
  const out: WalkedOu[] = [];
  const visit = (list: readonly OrganizationalUnitSpec[], parentPath: string | null, depth: number, specPath: Path) => {
    list.forEach((ou, i) => {
      const path = parentPath === null ? ou.name : `${parentPath}/${ou.name}`;
      const here = [...specPath, i];
      out.push({ ou, path, parentPath, depth, specPath: here });
      if (ou.children) visit(ou.children, path, depth + 1, [...here, 'children']);
    });
  };
  visit(ous ?? [], null, 1, ['organizationalUnits']);
  return out;
}

export function checkOrganizationalUnits(ctx: RuleContext, ous: WalkedOu[]): void {
  const seen = new Map<string, WalkedOu>();
  for (const walked of ous) {
    const { ou, path, depth, specPath } = walked;
    if (ou.name.includes('/')) {
      ctx.error(
        'E-OU-NAME',
        [...specPath, 'name'],
        `OU name "${ou.name}" contains "/", which Bulkhead uses to separate OU paths`,
        { hint: 'use another character, e.g. "-"' },
      );
    }
    if (ou.name.length > MAX_OU_NAME)
      ctx.error(
        'E-OU-NAME',
        [...specPath, 'name'],
        `OU name is ${ou.name.length} characters; AWS allows at most ${MAX_OU_NAME}`,
      );
    const previous = seen.get(path);
    if (previous) {
      ctx.error('E-DUPLICATE-OU', [...specPath, 'name'], `OU "${path}" is defined twice under the same parent`, {
        hint: 'AWS requires OU names to be unique among siblings; merge or rename them',
      });
    } else {
      seen.set(path, walked);
    }
    if (depth === MAX_OU_DEPTH + 1) {
      ctx.error(
        'E-OU-TOO-DEEP',
        [...specPath, 'name'],
        `OU "${path}" is nested ${depth} levels below the root; AWS allows at most ${MAX_OU_DEPTH}`,
        {
          hint: 'flatten the hierarchy: move this OU up a level',
        },
      );
    }
  }
}

/** Places accounts in OUs; reports unknown accounts and accounts listed in two OUs. */
export function placeAccounts(ctx: RuleContext, ous: WalkedOu[]): Map<string, string> {
  const accountNames = new Set((ctx.spec.accounts ?? []).map((a) => a.name));
  const placement = new Map<string, { ouPath: string; specPath: Path }>();
  for (const { ou, path, specPath } of ous) {
    (ou.accounts ?? []).forEach((name, i) => {
      const here = [...specPath, 'accounts', i];
      if (name === ctx.spec.organization.managementAccount.name && !accountNames.has(name)) {
        ctx.warn('BP-MANAGEMENT-IN-OU', here, `the management account "${name}" is placed in OU "${path}"`, {
          hint: 'keep the management account at the root: SCPs do not apply to it, so an OU gives a false sense of control',
        });
        return;
      }
      if (!accountNames.has(name)) {
        if (ctx.isDropped('accounts', name)) return;
        ctx.error(
          'E-UNKNOWN-ACCOUNT',
          here,
          `OU "${path}" lists account "${name}", which is not defined under accounts`,
          { hint: referenceHint(name, accountNames, 'accounts') },
        );
        return;
      }
      const first = placement.get(name);
      if (first) {
        ctx.error(
          'E-ACCOUNT-IN-TWO-OUS',
          here,
          `account "${name}" is placed in OU "${path}" and in OU "${first.ouPath}"`,
          { hint: 'an AWS account has exactly one parent: remove it from one of the OUs' },
        );
        return;
      }
      placement.set(name, { ouPath: path, specPath: here });
    });
  }
  return new Map([...placement].map(([name, p]) => [name, p.ouPath]));
}
