import { activeAccounts } from '../facts.js';
import type { CheckRule, RawFinding } from '../types.js';

export const accountsTagged: CheckRule = {
  id: 'accounts-tagged',
  title: 'Every account tagged with owner and environment',
  severity: 'warning',
  weight: 4,
  check(model) {
    return activeAccounts(model).flatMap((a): RawFinding[] => {
      const lacking: string[] = [];
      // In the spec, every account belongs to an environment and apply tags it with it.
      const environment = a.tags['environment'] ?? a.environment;
      if (environment === '' || !model.environments.has(environment)) lacking.push('environment');
      if (a.tags['owner'] === undefined || a.tags['owner'] === '') lacking.push('owner');
      if (lacking.length === 0) return [];
      return [
        {
          subject: { type: 'account', name: a.name },
          message: `account ${a.name} has no ${lacking.join(' or ')} tag`,
          why: 'Tags say whom an account belongs to and what runs in it: cost reports, access reviews and incident response all start there.',
          fix: lacking.includes('environment')
            ? `accounts:\n  - name: ${a.name}\n    environment: <an environment of environments:>\n    tags: { owner: <team or person> }`
            : `accounts:\n  - name: ${a.name}\n    tags: { owner: ${a.owner ?? '<team or person>'} }   # or organization.defaultTags.owner`,
        },
      ];
    });
  },
};
