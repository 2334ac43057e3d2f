import { z } from 'zod';
import { orgSpecSchema } from './schema.js';

/** The JSON Schema of org.yaml, generated from the same zod schema the validator uses. */
export function orgJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(orgSpecSchema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://bulkhead.dev/schema/org.schema.json',
    title: 'Bulkhead organization spec (org.yaml)',
  };
}
