/**
 * The guardrail access cases (test/cases/access/guardrails, run by test/access/cases.test.ts) hold the SCP that
 * `render` produces for the case's stated parameters, so the cases cannot drift from the catalogue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScpLevel } from '../../src/access/index.js';
import { GUARDRAILS } from '../../src/guardrails/catalogue/index.js';
import { CONTEXT } from './sample-parameters.js';

const dir = join(import.meta.dirname, '..', 'cases', 'access', 'guardrails');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

interface GuardrailCase {
  guardrail: { use: string; parameters?: unknown };
  policies: { scpLevels: ScpLevel[] };
  expected: { decision: string };
}

describe('guardrail access cases', () => {
  it.each(files)('%s holds what render produces', (file) => {
    const c = JSON.parse(readFileSync(join(dir, file), 'utf8')) as GuardrailCase;
    expect(file.startsWith(`${c.guardrail.use}-`)).toBe(true);
    const g = GUARDRAILS.get(c.guardrail.use)!;
    const parsed = g.parse(c.guardrail.parameters, CONTEXT);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const policy = c.policies.scpLevels.flatMap((l) => l.policies).find((p) => p.name === c.guardrail.use);
    expect(policy?.document).toEqual({ Version: '2012-10-17', Statement: g.render(parsed.params, CONTEXT) });
  });

  it('prove both sides of every guardrail', () => {
    for (const name of GUARDRAILS.keys()) {
      const decisions = files
        .filter((f) => f.startsWith(`${name}-`))
        .map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as GuardrailCase).expected.decision);
      expect(decisions, name).toContain('explicit-deny');
      expect(decisions, name).toContain('allowed');
    }
  });
});
