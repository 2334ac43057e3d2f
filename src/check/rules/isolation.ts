import { accountsHosting, activeAccounts, environmentsOfKind, hostedBy, kindOf, listOf } from '../facts.js';
import type { CheckRule, RawFinding } from '../types.js';

const MIXES_BADLY = new Set(['development', 'sandbox']);

export const prodIsolated: CheckRule = {
  id: 'prod-isolated',
  title: 'Production isolated from non-production',
  severity: 'error',
  weight: 10,
  check(model) {
    const findings: RawFinding[] = [];
    for (const a of activeAccounts(model)) {
      const hosted = hostedBy(a);
      const prod = hosted.filter((e) => kindOf(model, e) === 'production');
      const other = hosted.filter((e) => !prod.includes(e));
      if (prod.length > 0 && other.length > 0)
        findings.push({
          subject: { type: 'account', name: a.name },
          message: `account ${a.name} hosts production (${prod.join(', ')}) together with ${listOf(other)}`,
          why: 'An account is the only hard boundary in AWS: a mistake or a leaked key in the other environment reaches production.',
          fix: `accounts:\n  - name: ${a.name}\n    environment: ${prod[0]}\n    alsoHosts: []   # give ${other[0]} an account of its own`,
        });
    }
    const byOu = new Map<string, { prod: string[]; mixed: string[] }>();
    for (const a of activeAccounts(model)) {
      const key = a.ouPath ?? '(root)';
      const entry = byOu.get(key) ?? { prod: [], mixed: [] };
      const kinds = hostedBy(a).map((e) => kindOf(model, e));
      if (kinds.includes('production')) entry.prod.push(a.name);
      else if (kinds.some((k) => k !== undefined && MIXES_BADLY.has(k))) entry.mixed.push(a.name);
      byOu.set(key, entry);
    }
    for (const [ou, { prod, mixed }] of byOu) {
      if (prod.length === 0 || mixed.length === 0) continue;
      findings.push({
        severity: 'warning',
        subject: { type: 'ou', name: ou },
        message: `OU ${ou} holds production (${listOf(prod)}) and development or sandbox accounts (${listOf(mixed)})`,
        why: 'Guardrails are attached per OU: production then gets the loose ones meant for experiments, or the experiments get the strict ones of production.',
        fix: `organizationalUnits:\n  - name: Workloads\n    children:\n      - name: Prod\n        accounts: [${prod[0]}]\n      - name: NonProd\n        accounts: [${mixed[0]}]`,
      });
    }
    if (environmentsOfKind(model, 'production').every((e) => accountsHosting(model, e.name).length === 0))
      findings.push({
        severity: 'info',
        subject: { type: 'organization', name: model.name },
        message: 'no account hosts a production environment',
        why: 'Without a production environment nothing here is kept apart; this is fine while nothing runs for customers.',
        fix: `environments:\n  prod: { kind: production }\naccounts:\n  - name: ${model.name}-prod\n    email: aws+prod@example.com\n    environment: prod`,
      });
    return findings;
  },
};

export const stagingOwnAccount: CheckRule = {
  id: 'staging-own-account',
  title: 'Each staging environment in its own account',
  severity: 'warning',
  weight: 5,
  check(model) {
    return environmentsOfKind(model, 'staging').flatMap((env): RawFinding[] => {
      const hosts = accountsHosting(model, env.name);
      if (hosts.length === 0)
        return [
          {
            severity: 'info',
            subject: { type: 'environment', name: env.name },
            message: `staging environment ${env.name} has no account`,
            why: 'A staging environment mirrors production; without an account of its own it cannot.',
            fix: `accounts:\n  - name: ${model.name}-${env.name}\n    email: aws+${env.name}@example.com\n    environment: ${env.name}`,
          },
        ];
      const shared = hosts.filter((a) => hostedBy(a).length > 1);
      return shared.map((a) => ({
        subject: { type: 'environment', name: env.name },
        message: `staging environment ${env.name} shares account ${a.name} with ${listOf(hostedBy(a).filter((e) => e !== env.name))}`,
        why: 'Each staging environment should mirror production as closely as it can; sharing an account mixes quotas, IAM and network with another environment.',
        fix: `accounts:\n  - name: ${model.name}-${env.name}\n    email: aws+${env.name}@example.com\n    environment: ${env.name}   # and drop it from ${a.name}'s alsoHosts`,
      }));
    });
  },
};
