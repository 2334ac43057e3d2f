import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

interface OuNode {
  name: string;
  renamedFrom?: string;
  accounts?: string[];
  children?: OuNode[];
}

interface GuardrailNode {
  use: string;
  targets: string[];
}

/**
 * The spec edit of the end-to-end scenario, on a growth template: rename `Sandbox` → `Sandboxes`
 * and `Workloads/NonProd` → `Workloads/PreProd` with `renamedFrom`, move `acme-build` from
 * `Deployments` into the renamed `Sandboxes`, and extend the `deny-iam-users` guardrail from `ou:Workloads` to
 * `ou:Sandboxes` too. Its packed policy is named after its targets, so `guardrails-ou-workloads` gives way to
 * `guardrails-ou-sandboxes-and-1-more`: one create, two attaches, one detach and one delete.
 */
export function editGrowthSpec(file: string): void {
  const spec = parse(readFileSync(file, 'utf8')) as {
    organizationalUnits: OuNode[];
    guardrails: GuardrailNode[];
  };
  const ou = (name: string, list: OuNode[] = spec.organizationalUnits) => {
    const found = list.find((o) => o.name === name);
    if (!found) throw new Error(`the growth template has no OU ${name}`);
    return found;
  };
  const guardrail = (use: string) => {
    const found = spec.guardrails.find((g) => g.use === use);
    if (!found) throw new Error(`the growth template has no guardrail ${use}`);
    return found;
  };
  const sandbox = ou('Sandbox');
  Object.assign(sandbox, { name: 'Sandboxes', renamedFrom: 'Sandbox' });
  Object.assign(ou('NonProd', ou('Workloads').children), { name: 'PreProd', renamedFrom: 'NonProd' });
  const deployments = ou('Deployments');
  deployments.accounts = (deployments.accounts ?? []).filter((a) => a !== 'acme-build');
  sandbox.accounts = [...(sandbox.accounts ?? []), 'acme-build'];
  guardrail('deny-iam-users').targets.push('ou:Sandboxes');
  writeFileSync(file, stringify(spec));
}
