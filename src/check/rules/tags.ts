import { activeAccounts, listOf } from '../facts.js';
import type { CheckRule, RawFinding } from '../types.js';

const WHY =
  'Tags say whom an account belongs to and what runs in it: cost reports, access reviews and incident response all start there.';

export const accountsTagged: CheckRule = {
  id: 'accounts-tagged',
  title: 'Every account tagged with owner and environment',
  severity: 'warning',
  weight: 4,
  check(model) {
    const findings: RawFinding[] = [];
    const accounts = activeAccounts(model);
    // In the spec every account belongs to an environment, and apply tags it with it.
    const noEnvironment = accounts.filter((a) => {
      const environment = a.tags['environment'] ?? a.environment;
      return environment === '' || !model.environments.has(environment);
    });
    for (const a of noEnvironment)
      findings.push({
        subject: { type: 'account', name: a.name },
        message: `account ${a.name} has no environment tag naming an environment of the spec`,
        why: WHY,
        fix: `accounts:\n  - name: ${a.name}\n    environment: <an environment of environments:>`,
      });
    const noOwner = accounts.filter((a) => (a.tags['owner'] ?? '') === '');
    if (noOwner.length <= 3)
      for (const a of noOwner)
        findings.push({
          subject: { type: 'account', name: a.name },
          message: `account ${a.name} has no owner tag`,
          why: WHY,
          fix: `accounts:\n  - name: ${a.name}\n    tags: { owner: ${a.owner ?? '<team or person>'} }`,
        });
    else if (noOwner.length > 3)
      findings.push({
        subject: { type: 'organization', name: model.name },
        message: `${noOwner.length} accounts have no owner tag: ${listOf(noOwner.map((a) => a.name))}`,
        why: WHY,
        fix: `organization:\n  defaultTags: { owner: <team> }   # every account; or per account:\naccounts:\n  - name: ${noOwner[0]!.name}\n    tags: { owner: ${noOwner[0]!.owner ?? '<team or person>'} }`,
      });
    return findings;
  },
};
