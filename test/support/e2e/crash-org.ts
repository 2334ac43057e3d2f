import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

/**
 * The growth template with `extra` more accounts in `Workloads/NonProd`, each in its own
 * development environment: enough CreateAccount waves (5 at a time) to interrupt several times.
 */
export function addTeamAccounts(file: string, extra: number): void {
  const spec = parse(readFileSync(file, 'utf8')) as {
    environments: Record<string, unknown>;
    accounts: { name: string; email: string; environment: string; tags?: Record<string, string> }[];
    organizationalUnits: { name: string; children?: { name: string; accounts?: string[] }[] }[];
  };
  const nonProd = spec.organizationalUnits
    .find((o) => o.name === 'Workloads')
    ?.children?.find((c) => c.name === 'NonProd');
  if (!nonProd) throw new Error('the growth template has no Workloads/NonProd');
  for (let i = 1; i <= extra; i++) {
    const name = `acme-team-${i}`;
    spec.environments[`team-${i}`] = { kind: 'development' };
    spec.accounts.push({
      name,
      email: `aws+team-${i}@example.com`,
      environment: `team-${i}`,
      tags: { 'cost-center': `team-${i}` },
    });
    nonProd.accounts = [...(nonProd.accounts ?? []), name];
  }
  writeFileSync(file, stringify(spec));
}
