import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { diff } from '../../src/plan/diff.js';
import type { Kind } from '../../src/model/kinds.js';
import { stateOfTree } from '../../src/model/observed.js';
import { renderPlan } from '../../src/plan/render.js';
import {
  auditAfterApplying,
  budgetsAfterApplying,
  EMPTY_OBSERVED,
  identityAfterApplying,
  observedAfterApplying,
  securityAfterApplying,
} from '../support/simulate-observed.js';
import { quotasAfterApplying, type QuotaCaseOverride } from '../support/simulate-quotas.js';
import { costAfterApplying } from '../support/simulate-cost.js';

// Each folder: before.yaml (the organization as last applied; absent = no organization yet),
// optional observed.json (more records by kind), org.yaml (the spec now) and expected.txt (the plan as rendered);
// quotas.json (optional) sets observed quota values and open increase requests. UPDATE_PLAN_SNAPSHOTS=1 rewrites
// expected.txt after a deliberate change (and writes new ones); review the diff before committing.
const CASES = join(import.meta.dirname, '..', 'cases', 'plan');

async function modelOf(file: string) {
  const r = await validateSpecFile(file);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.model!;
}

describe('plan snapshots', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      const dir = join(CASES, name);
      const before = existsSync(join(dir, 'before.yaml')) ? await modelOf(join(dir, 'before.yaml')) : undefined;
      const tree = before ? observedAfterApplying(before) : EMPTY_OBSERVED;
      const now = await modelOf(join(dir, 'org.yaml'));
      const quotaFile = join(dir, 'quotas.json');
      const overrides = existsSync(quotaFile)
        ? (JSON.parse(readFileSync(quotaFile, 'utf8')) as QuotaCaseOverride[])
        : [];
      const state = {
        ...stateOfTree(tree),
        ...(before
          ? {
              ...identityAfterApplying(before, tree),
              ...securityAfterApplying(before, tree),
              ...auditAfterApplying(before, tree),
              ...costAfterApplying(before, tree),
              ...budgetsAfterApplying(before, tree),
            }
          : {}),
        ...quotasAfterApplying(before, now, tree, overrides),
      };
      // observed.json: records AWS holds beside what the spec made (a budget someone created by hand).
      if (existsSync(join(dir, 'observed.json'))) {
        const extra = JSON.parse(readFileSync(join(dir, 'observed.json'), 'utf8')) as Record<Kind, unknown[]>;
        const records = state as unknown as Record<Kind, unknown[]>;
        for (const kind of Object.keys(extra) as Kind[]) records[kind] = [...(records[kind] ?? []), ...extra[kind]];
      }
      const { changes, problems, notes } = diff(now, state);
      const text = `${renderPlan(changes, problems, undefined, notes)}\n`;
      const expectedFile = join(dir, 'expected.txt');
      if (process.env['UPDATE_PLAN_SNAPSHOTS'] === '1') writeFileSync(expectedFile, text);
      expect(
        existsSync(expectedFile),
        `${expectedFile} is missing: run with UPDATE_PLAN_SNAPSHOTS=1 and review it`,
      ).toBe(true);
      expect(text).toBe(readFileSync(expectedFile, 'utf8'));
      // Every dependency names a change of the same plan.
      const ids = new Set(changes.map((c) => c.id));
      for (const c of changes)
        for (const d of [...c.dependsOn, ...(c.awaits ?? [])]) expect(ids.has(d), `${c.id} → ${d}`).toBe(true);
    });
  }
});
