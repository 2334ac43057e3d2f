// Loaded with `node --import`, records every module specifier the process imports into the file
// named by BULKHEAD_TRACE_IMPORTS, one per line, so tests can check what a command loads.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
let out;
export function initialize(data) { out = data.out; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(out, result.url + '\\n');
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url, {
  data: { out: process.env.BULKHEAD_TRACE_IMPORTS },
});
