import { orgJsonSchema } from '../config/json-schema.js';

/** The JSON Schema of org.yaml as text, for `bulkhead schema` and editors. */
export function schemaText(): string {
  return `${JSON.stringify(orgJsonSchema(), null, 2)}\n`;
}
