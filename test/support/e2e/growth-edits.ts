import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

interface OuNode {
  name: string;
  renamedFrom?: string;
  accounts?: string[];
  children?: OuNode[];
}

interface PolicyNode {
  name: string;
  targets: string[];
}

/**
 * The spec edit of the end-to-end scenario, on a growth template: rename `Sandbox` → `Sandboxes`
 * and `Workloads/NonProd` → `Workloads/PreProd` with `renamedFrom`, move `acme-build` from
 * `Deployments` into the renamed `Sandboxes`, attach `deny-iam-users` to `ou:Sandboxes` and move
 * `protect-organization-baseline` from the root to `ou:Workloads` (one detach, one attach).
 */
export function editGrowthSpec(file: string): void {
  const spec = parse(readFileSync(file, 'utf8')) as {
    organizationalUnits: OuNode[];
    policies: { serviceControlPolicies: PolicyNode[] };
  };
  const ou = (name: string, list: OuNode[] = spec.organizationalUnits) => {
    const found = list.find((o) => o.name === name);
    if (!found) throw new Error(`the growth template has no OU ${name}`);
    return found;
  };
  const scp = (name: string) => {
    const found = spec.policies.serviceControlPolicies.find((p) => p.name === name);
    if (!found) throw new Error(`the growth template has no SCP ${name}`);
    return found;
  };
  const sandbox = ou('Sandbox');
  Object.assign(sandbox, { name: 'Sandboxes', renamedFrom: 'Sandbox' });
  Object.assign(ou('NonProd', ou('Workloads').children), { name: 'PreProd', renamedFrom: 'NonProd' });
  const deployments = ou('Deployments');
  deployments.accounts = (deployments.accounts ?? []).filter((a) => a !== 'acme-build');
  sandbox.accounts = [...(sandbox.accounts ?? []), 'acme-build'];
  scp('deny-iam-users').targets.push('ou:Sandboxes');
  scp('protect-organization-baseline').targets = ['ou:Workloads'];
  writeFileSync(file, stringify(spec));
}
