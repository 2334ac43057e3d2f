import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSpecFile } from '../../src/config/validate.js';
import { schemaText } from '../../src/toolkit/schema.js';
import { runCli } from '../cli/run-cli.js';
import { cloudWithTemplate } from '../e2e/local-connection.js';

// `bulkhead import` leaves what `init` leaves: a spec that validates and its JSON Schema beside it.
describe('bulkhead import on the command line', () => {
  let env: Awaited<ReturnType<typeof cloudWithTemplate>>;
  beforeAll(async () => {
    env = await cloudWithTemplate('startup', { applied: true });
    env.useCredentials();
  });
  afterAll(async () => {
    await env.stop();
  });

  it('writes org.schema.json next to the spec', async () => {
    const out = join(env.dir, 'imported', 'org.yaml');
    mkdirSync(join(env.dir, 'imported'));
    const r = await runCli(['import', '--endpoint', env.cloud.endpoint, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(env.dir, 'imported', 'org.schema.json'), 'utf8')).toBe(schemaText());
    const result = await validateSpecFile(out);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a home region that does not exist is a usage error, and nothing is written', async () => {
    const out = join(env.dir, 'bad-region.yaml');
    const r = await runCli(['import', '--endpoint', env.cloud.endpoint, '-o', out, '--home-region', 'eu-wset-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"eu-wset-1" is not an AWS Region/);
    expect(r.stderr).toMatch(/did you mean `eu-west-1`/);
    expect(existsSync(out)).toBe(false);
  });
});
