import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { assignmentKey } from '../../src/model/identity-desired.js';
import { expandGrid } from '../../src/plan/identity/expand-grid.js';

// Each folder: org.yaml (a spec with an access grid) and expected.json (the account assignments it
// expands to, by key, sorted). Written by hand: each is the rule of docs/user-guide.md, worked out.
const CASES = join(import.meta.dirname, '..', 'cases', 'grid');

describe('access grid expansion', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      const dir = join(CASES, name);
      const r = await validateSpecFile(join(dir, 'org.yaml'));
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as string[];
      expect(expandGrid(r.model!).map(assignmentKey)).toEqual(expected);
    });
  }
});
