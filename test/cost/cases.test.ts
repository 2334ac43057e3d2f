import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BulkheadError } from '../../src/core/errors.js';
import { RecordingIoHost } from '../../src/core/events.js';
import { cost, type CostOptions } from '../../src/toolkit/cost/cost.js';
import { loadValidModel } from '../../src/toolkit/plan.js';
import { recordedConnection, type RecordedResponses } from '../support/cost/recorded-cloud.js';

// Each folder under test/cases/cost holds org.yaml (optional: without it the live `environment` tags place
// accounts), responses.json (the organization and the recorded Cost Explorer answers, SDK-shaped), args.json (the
// options as the CLI passes them) and expected.json: the report (or the error) and the requests sent.
// UPDATE_COST_CASES=1 rewrites expected.json from what `cost` returns; review the diff.
const CASES = join(import.meta.dirname, '..', 'cases', 'cost');
const cases = readdirSync(CASES)
  .filter((n) => statSync(join(CASES, n)).isDirectory())
  .sort();

const read = <T>(name: string, file: string): T => JSON.parse(readFileSync(join(CASES, name, file), 'utf8')) as T;

describe('cost: recorded Cost Explorer answers', () => {
  it.each(cases)('%s', async (name) => {
    const responses = read<RecordedResponses>(name, 'responses.json');
    const args = read<Omit<CostOptions, 'io'>>(name, 'args.json');
    const spec = join(CASES, name, 'org.yaml');
    const model = existsSync(spec) ? await loadValidModel(spec, new RecordingIoHost()) : undefined;
    const { connection, sent } = recordedConnection(responses);
    let outcome: unknown;
    try {
      const report = await cost({
        ...args,
        ...(model ? { model } : {}),
        connection,
        io: new RecordingIoHost(),
        now: () => Date.parse(responses.now),
      });
      outcome = { report };
    } catch (err) {
      if (!BulkheadError.is(err)) throw err;
      outcome = { error: { code: err.code, message: err.message, hint: err.hint } };
    }
    const actual = { ...(outcome as object), sent: sent.map((s) => `${s.operation} ${JSON.stringify(s.input)}`) };
    const file = join(CASES, name, 'expected.json');
    if (process.env['UPDATE_COST_CASES'] === '1') writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});
