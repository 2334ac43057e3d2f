// Writes the access-evaluator case files (test/cases/access/<family>/<name>.json). Run with
// `node test/cases/access/generator/generate.js`; the output is committed and reviewed like any test data.
/* global console */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arnCases, binaryCases, boolCases, dateCases, ipCases, nullCases, numericCases, setOperatorCases, stringCases } from './conditions.js';
import { contextKeyCases, errorCases } from './context.js';
import { actionCases, resourceCases, variableCases } from './elements.js';
import { boundaryCases, precedenceCases, resourcePolicyCases, scpCases, sessionCases } from './layers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const all = [
  ...stringCases,
  ...numericCases,
  ...dateCases,
  ...boolCases,
  ...binaryCases,
  ...ipCases,
  ...arnCases,
  ...nullCases,
  ...setOperatorCases,
  ...variableCases,
  ...actionCases,
  ...resourceCases,
  ...scpCases,
  ...resourcePolicyCases,
  ...boundaryCases,
  ...sessionCases,
  ...precedenceCases,
  ...contextKeyCases,
  ...errorCases,
];

const seen = new Set();
const counts = {};
for (const c of all) {
  const key = `${c.family}/${c.file}`;
  if (seen.has(key)) throw new Error(`duplicate case ${key}`);
  seen.add(key);
  counts[c.family] = (counts[c.family] ?? 0) + 1;
}
for (const family of Object.keys(counts)) rmSync(join(root, family), { recursive: true, force: true });
for (const c of all) {
  const dir = join(root, c.family);
  mkdirSync(dir, { recursive: true });
  const { family: _family, file, ...body } = c;
  const policies = {};
  for (const k of ['scpLevels', 'identity', 'boundary', 'resource', 'session']) if (body.policies[k] !== undefined) policies[k] = body.policies[k];
  const out = { description: body.description, request: body.request, policies, expected: body.expected };
  if (body.docs !== undefined) out.docs = body.docs;
  writeFileSync(join(dir, `${file}.json`), `${JSON.stringify(out, null, 2)}\n`);
}
console.log(counts, 'total', all.length);
