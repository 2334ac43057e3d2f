import { accountsHosting, environmentsOfKind, listOf } from '../facts.js';
import type { CheckRule, RawFinding } from '../types.js';

const WHY =
  'A playground account per developer lets people try things with broad rights without touching shared environments, and its cost shows whose experiment it is.';

export const sandboxPerDeveloper: CheckRule = {
  id: 'sandbox-per-developer',
  title: 'A sandbox per developer',
  severity: 'warning',
  weight: 4,
  check(model) {
    const findings: RawFinding[] = [];
    const sandboxes = environmentsOfKind(model, 'sandbox');
    const ownerOf = (env: string, fallback: string | undefined): string | undefined =>
      fallback ?? accountsHosting(model, env).find((a) => a.owner !== undefined)?.owner;
    const owned = new Map<string, string[]>();
    for (const env of sandboxes) {
      const owner = ownerOf(env.name, env.owner);
      if (owner === undefined) {
        findings.push({
          subject: { type: 'environment', name: env.name },
          message: `sandbox environment ${env.name} has no owner`,
          why: WHY,
          fix: `environments:\n  ${env.name}:\n    kind: sandbox\n    owner: alice   # a user of identity.users`,
        });
        continue;
      }
      owned.set(owner, [...(owned.get(owner) ?? []), env.name]);
    }
    const users = [...model.identity.users.keys()];
    for (const user of users) {
      if (owned.has(user)) continue;
      findings.push({
        subject: { type: 'user', name: user },
        message: `user ${user} has no sandbox of their own`,
        why: WHY,
        fix: `environments:\n  sandbox-${user}:\n    kind: sandbox\n    owner: ${user}\naccounts:\n  - name: ${model.name}-sandbox-${user}\n    email: aws+sandbox-${user}@example.com\n    environment: sandbox-${user}`,
      });
    }
    for (const [owner, envs] of owned)
      if (users.length > 0 && !model.identity.users.has(owner))
        findings.push({
          severity: 'info',
          subject: { type: 'environment', name: envs[0]! },
          message: `sandbox ${listOf(envs)} belongs to ${owner}, who is not a user of the identity`,
          why: "A sandbox nobody can sign in to costs money and is nobody's playground.",
          fix: `identity:\n  users:\n    - userName: ${owner}\n      email: ${owner}@example.com`,
        });
    if (sandboxes.length === 0 && users.length === 0)
      findings.push({
        severity: 'info',
        subject: { type: 'organization', name: model.name },
        message: 'no sandbox environments and no users to give them to',
        why: WHY,
        fix: 'environments:\n  sandbox-alice:\n    kind: sandbox\n    owner: alice',
      });
    return findings;
  },
};
