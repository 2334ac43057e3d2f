import { writeFileSync } from 'node:fs';
import type { Plan } from './types.js';

/** Writes a plan for `bulkhead apply plan.json`. */
export function writePlanFile(path: string, plan: Plan): void {
  writeFileSync(path, `${JSON.stringify(plan, null, 2)}\n`);
}
