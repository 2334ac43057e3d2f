import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingIoHost } from '../../src/core/events.js';
import { validateSpecFile } from '../../src/config/validate.js';
import { apply } from '../../src/toolkit/apply.js';
import { importSpec, guessEnvironmentKind } from '../../src/toolkit/import.js';
import { init } from '../../src/toolkit/init.js';
import { plan, refreshTree } from '../../src/toolkit/plan.js';
import { freshLocalCloud } from './local-connection.js';

describe('import', () => {
  let env: Awaited<ReturnType<typeof freshLocalCloud>>;
  beforeAll(async () => {
    env = await freshLocalCloud();
  });
  afterAll(async () => {
    await env.connection.close();
    await env.cloud.close();
  });

  it('writes a spec from a live organization that plans no changes', async () => {
    const io = new RecordingIoHost();
    const original = join(env.dir, 'org.yaml');
    init({ template: 'growth', file: original });
    expect(
      (await apply({ yes: true, file: original, connection: env.connection, io, pollDelayMs: () => 20 })).failed,
    ).toEqual([]);

    const { text, guesses } = importSpec(await refreshTree(env.connection, io), { homeRegion: 'eu-west-1' });
    const imported = join(env.dir, 'imported.yaml');
    writeFileSync(imported, text);
    const validation = await validateSpecFile(imported);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(readFileSync(imported, 'utf8')).toContain('confirm the kind');
    expect(guesses.find((g) => g.account === 'acme-prod')).toMatchObject({ environment: 'prod', kind: 'production' });

    const after = await plan({ file: imported, connection: env.connection, io });
    expect(after.plan.problems).toEqual([]);
    expect(after.plan.changes).toEqual([]);
  });

  it('guesses environment kinds from names', () => {
    expect(guessEnvironmentKind('payments-prod').kind).toBe('production');
    expect(guessEnvironmentKind('staging-uat').kind).toBe('staging');
    expect(guessEnvironmentKind('log-archive').kind).toBe('log-archive');
    expect(guessEnvironmentKind('sandbox-alice').kind).toBe('sandbox');
    expect(guessEnvironmentKind('zebra')).toEqual({ kind: 'development', sure: false });
  });
});
