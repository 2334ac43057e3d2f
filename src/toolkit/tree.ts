import type { OrgModel } from '../model/organization.js';

export interface TreeNode {
  label: string;
  children: TreeNode[];
}

/** The organization as a tree: root → OUs → accounts, with each account's environment and guardrails. */
export function organizationTree(model: OrgModel): TreeNode {
  const scpsOn = (key: string) =>
    [...model.serviceControlPolicies.values()]
      .filter((p) =>
        p.targets.some(
          (t) => (t.type === 'root' ? 'root' : t.type === 'ou' ? `ou:${t.path}` : `account:${t.name}`) === key,
        ),
      )
      .map((p) => p.name);
  const withScps = (label: string, key: string) => {
    const scps = scpsOn(key);
    return scps.length > 0 ? `${label}  [scp: ${scps.join(', ')}]` : label;
  };
  const accountNode = (name: string): TreeNode => {
    const a = model.accounts.get(name)!;
    const env = model.environments.get(a.environment);
    const flags = [a.protect ? 'protected' : '', a.lifecycle === 'close' ? 'to close' : ''].filter(Boolean).join(', ');
    const where = env && env.kind !== env.name ? `${a.environment} · ${env.kind}` : a.environment;
    return { label: withScps(`${a.name} (${where}${flags ? `, ${flags}` : ''})`, `account:${a.name}`), children: [] };
  };
  const accountsIn = (ouPath: string | null) =>
    [...model.accounts.values()].filter((a) => a.ouPath === ouPath).map((a) => accountNode(a.name));
  const ouNode = (path: string): TreeNode => {
    const ou = model.organizationalUnits.get(path)!;
    const children = [...model.organizationalUnits.values()]
      .filter((c) => c.parentPath === path)
      .map((c) => ouNode(c.path));
    return { label: withScps(`${ou.name}/`, `ou:${path}`), children: [...children, ...accountsIn(path)] };
  };
  const topOus = [...model.organizationalUnits.values()]
    .filter((o) => o.parentPath === null)
    .map((o) => ouNode(o.path));
  return {
    label: withScps(`${model.name} (root)`, 'root'),
    children: [{ label: `${model.managementAccount.name} (management)`, children: [] }, ...topOus, ...accountsIn(null)],
  };
}

/** Draws a tree with box-drawing characters. */
export function renderTree(node: TreeNode): string {
  const lines = [node.label];
  const walk = (children: TreeNode[], prefix: string) => {
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      lines.push(`${prefix}${last ? '└── ' : '├── '}${child.label}`);
      walk(child.children, `${prefix}${last ? '    ' : '│   '}`);
    });
  };
  walk(node.children, '');
  return lines.join('\n');
}
