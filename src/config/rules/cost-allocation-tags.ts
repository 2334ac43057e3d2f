import { showInvisible } from '../../core/suggest.js';
import type { RuleContext } from './context.js';

// Cost Explorer activates tags by the keys resources carry, so a key must be one AWS accepts on a resource:
// 1-128 characters of letters, digits, spaces and _ . : / = + - @, and not the `aws:` prefix AWS keeps for its own
// (AWS-generated cost-allocation tags such as aws:createdBy are activated in the Billing console, not here).
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
const MAX_TAG_KEY = 128;

/** What is wrong with a cost-allocation tag key, or undefined when AWS accepts it. */
export function costTagKeyProblem(key: string): string | undefined {
  if (key.trim() === '') return 'is empty';
  if (key.toLowerCase().startsWith('aws:')) return 'starts with aws:, which AWS reserves for the tags it generates';
  if ([...key].length > MAX_TAG_KEY) return `is ${[...key].length} characters; AWS allows 128`;
  if (!TAG_KEY.test(key)) return 'has characters AWS refuses in tag keys';
  return undefined;
}

/** E-COST-TAG-KEY for each `costAllocationTags:` entry AWS would refuse. */
export function checkCostAllocationTags(ctx: RuleContext): void {
  (ctx.spec.costAllocationTags ?? []).forEach((key, i) => {
    const problem = costTagKeyProblem(key);
    if (problem === undefined) return;
    ctx.error(
      'E-COST-TAG-KEY',
      ['costAllocationTags', i],
      `cost-allocation tag key "${showInvisible(key)}" ${problem}`,
      {
        hint: 'use the tag key exactly as your resources carry it: letters, digits, spaces and _ . : / = + - @ (at most 128)',
      },
    );
  });
}
