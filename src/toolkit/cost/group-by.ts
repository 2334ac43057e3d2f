import { BulkheadError } from '../../core/errors.js';
import { didYouMeanAmong } from '../../core/suggest.js';

export type CostGroupBy =
  { kind: 'environment' | 'account' | 'kind' | 'team' | 'service' } | { kind: 'tag'; key: string };

const SIMPLE = ['environment', 'account', 'kind', 'team', 'service'] as const;

/** `--by`: environment (the default), account, kind, team, service or tag:KEY. */
export function parseGroupBy(text: string | undefined): CostGroupBy {
  const value = (text ?? 'environment').trim();
  if ((SIMPLE as readonly string[]).includes(value)) return { kind: value as (typeof SIMPLE)[number] };
  if (value.startsWith('tag:') && value.length > 4) return { kind: 'tag', key: value.slice(4) };
  const hint = value.startsWith('tag:')
    ? 'name the tag key after tag:, e.g. --by tag:team'
    : [didYouMeanAmong(value, [...SIMPLE, 'tag']), `use one of ${SIMPLE.join(', ')} or tag:KEY`]
        .filter(Boolean)
        .join(' ');
  throw new BulkheadError('E-COST-BY', `--by "${value}" is not a way Bulkhead groups costs`, { hint });
}

export const groupByLabel = (by: CostGroupBy): string => (by.kind === 'tag' ? `tag:${by.key}` : by.kind);
