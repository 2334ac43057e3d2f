import type { ObservedOrg } from '../model/observed.js';
import type { TreeNode } from './tree.js';

/** The live organization in the stable JSON shape documented in docs/machine-interface.md. */
export interface OrganizationView {
  organization: { id: string; managementAccountId: string } | null;
  root: { id: string; policies: string[] } | null;
  organizationalUnits: { id: string; name: string; path: string; parentId: string; policies: string[] }[];
  accounts: {
    id: string;
    name: string;
    email: string;
    status: string;
    ouPath: string | null;
    environment: string | null;
    policies: string[];
  }[];
  policies: { id: string; name: string; awsManaged: boolean; targets: string[] }[];
}

export function organizationView(observed: ObservedOrg): OrganizationView {
  const policiesOn = (id: string) =>
    observed.policies
      .filter((p) => p.targetIds.includes(id))
      .map((p) => p.name)
      .sort();
  const pathOf = new Map(observed.organizationalUnits.map((o) => [o.id, o.path]));
  return {
    organization: observed.organization
      ? { id: observed.organization.id, managementAccountId: observed.organization.managementAccountId }
      : null,
    root: observed.root ? { id: observed.root.id, policies: policiesOn(observed.root.id) } : null,
    organizationalUnits: observed.organizationalUnits.map((o) => ({
      id: o.id,
      name: o.name,
      path: o.path,
      parentId: o.parentId,
      policies: policiesOn(o.id),
    })),
    accounts: observed.accounts.map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      status: a.status,
      ouPath: pathOf.get(a.parentId) ?? null,
      environment: a.tags['environment'] ?? null,
      policies: policiesOn(a.id),
    })),
    policies: observed.policies.map((p) => ({
      id: p.id,
      name: p.name,
      awsManaged: p.awsManaged,
      targets: p.targetIds,
    })),
  };
}

function label(name: string, policies: string[]): string {
  const own = policies.filter((p) => p !== 'FullAWSAccess');
  return own.length > 0 ? `${name}  [scp: ${own.join(', ')}]` : name;
}

export function liveTree(view: OrganizationView): TreeNode {
  if (!view.organization || !view.root) return { label: '(no organization)', children: [] };
  const accountsIn = (path: string | null): TreeNode[] =>
    view.accounts
      .filter((a) => a.ouPath === path)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((a) => ({
        label: label(
          `${a.name} ${a.id}${a.id === view.organization!.managementAccountId ? ' (management)' : ''} ${a.environment ?? '-'} ${a.status}`,
          a.policies,
        ),
        children: [],
      }));
  const ouNode = (ou: OrganizationView['organizationalUnits'][number]): TreeNode => ({
    label: label(`${ou.name}/`, ou.policies),
    children: [...view.organizationalUnits.filter((c) => c.parentId === ou.id).map(ouNode), ...accountsIn(ou.path)],
  });
  return {
    label: label(`${view.organization.id} (root ${view.root.id})`, view.root.policies),
    children: [
      ...accountsIn(null),
      ...view.organizationalUnits.filter((o) => o.parentId === view.root!.id).map(ouNode),
    ],
  };
}

/** A Mermaid flowchart people can paste into docs. */
export function mermaid(view: OrganizationView): string {
  const lines = ['flowchart TD'];
  const node = (id: string) => id.replace(/[^A-Za-z0-9]/g, '_');
  const esc = (s: string) => s.replace(/"/g, "'");
  if (!view.root) return `${lines[0]}\n  empty["no organization"]`;
  lines.push(
    `  ${node(view.root.id)}["root${view.root.policies.length ? `<br/>scp: ${esc(view.root.policies.join(', '))}` : ''}"]`,
  );
  for (const ou of view.organizationalUnits) {
    lines.push(
      `  ${node(ou.id)}["${esc(ou.name)}${ou.policies.filter((p) => p !== 'FullAWSAccess').length ? `<br/>scp: ${esc(ou.policies.filter((p) => p !== 'FullAWSAccess').join(', '))}` : ''}"]`,
    );
    lines.push(`  ${node(ou.parentId)} --> ${node(ou.id)}`);
  }
  const parentOf = new Map(view.organizationalUnits.map((o) => [o.path, o.id]));
  for (const a of view.accounts) {
    lines.push(`  ${node(a.id)}("${esc(a.name)}<br/>${a.id}${a.environment ? ` · ${esc(a.environment)}` : ''}")`);
    lines.push(`  ${node(a.ouPath === null ? view.root.id : parentOf.get(a.ouPath)!)} --> ${node(a.id)}`);
  }
  return lines.join('\n');
}
